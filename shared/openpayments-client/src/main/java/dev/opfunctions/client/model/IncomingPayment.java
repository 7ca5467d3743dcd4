package dev.opfunctions.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An incoming payment (spec {@code incoming-payment}, and {@code incoming-payment-with-methods}
 * when {@link #methods()} is non-empty: create and get return methods, list and complete do not).
 * Checked on arrival: the required fields, and that {@code incomingAmount} and {@code receivedAmount}
 * share an asset (as the JS client checks).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncomingPayment(
        String id,
        String walletAddress,
        Boolean completed,
        Amount incomingAmount,
        Amount receivedAmount,

        @JsonSerialize(using = IsoInstant.Serializer.class) @JsonDeserialize(using = IsoInstant.Deserializer.class)
        Instant expiresAt,

        Map<String, Object> metadata,

        @JsonSerialize(using = IsoInstant.Serializer.class) @JsonDeserialize(using = IsoInstant.Deserializer.class)
        Instant createdAt,

        List<PaymentMethod> methods) {

    public IncomingPayment {
        Check.url(id, "id");
        Check.url(walletAddress, "walletAddress");
        Check.required(completed, "completed");
        Check.required(receivedAmount, "receivedAmount");
        Check.required(createdAt, "createdAt");
        Check.sameAsset(receivedAmount, incomingAmount, "receivedAmount", "incomingAmount");
        metadata = Metadata.copy(metadata);
        methods = methods == null ? List.of() : List.copyOf(methods);
    }

    /** What is still to be paid, when an {@code incomingAmount} was set and is not yet reached. */
    public java.util.Optional<Amount> remaining() {
        if (incomingAmount == null || receivedAmount.compareTo(incomingAmount) >= 0) return java.util.Optional.empty();
        return java.util.Optional.of(incomingAmount.minus(receivedAmount));
    }
}

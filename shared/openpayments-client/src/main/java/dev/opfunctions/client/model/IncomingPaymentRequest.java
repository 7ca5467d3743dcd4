package dev.opfunctions.client.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.opfunctions.client.OpenPaymentsException;
import java.time.Instant;
import java.util.Map;

/**
 * Body of {@code POST {resourceServer}/incoming-payments}, serialised as
 * {@code {"walletAddress","incomingAmount"?,"expiresAt"?,"metadata"?}}.
 *
 * @param walletAddress  the receiving wallet address URL
 * @param incomingAmount the most that may be paid in, in the wallet's asset; {@code null} for open amounts
 * @param expiresAt      when the payment stops accepting money; {@code null} for the server default
 * @param metadata       free-form, e.g. {@code {"externalRef":"order-42"}}; {@code null} for none
 */
@JsonPropertyOrder({"walletAddress", "incomingAmount", "expiresAt", "metadata"})
public record IncomingPaymentRequest(
        String walletAddress,
        Amount incomingAmount,
        @JsonSerialize(using = IsoInstant.Serializer.class) Instant expiresAt,
        Map<String, Object> metadata) {

    public IncomingPaymentRequest {
        RequestChecks.url(walletAddress, "walletAddress");
        if (incomingAmount != null && incomingAmount.isZero()) {
            throw OpenPaymentsException.invalidRequest("incomingAmount.value", "must be positive");
        }
        metadata = Metadata.copy(metadata);
    }

    public static IncomingPaymentRequest of(String walletAddress, Amount incomingAmount) {
        return new IncomingPaymentRequest(walletAddress, incomingAmount, null, null);
    }

    public IncomingPaymentRequest withExpiresAt(Instant at) {
        return new IncomingPaymentRequest(walletAddress, incomingAmount, at, metadata);
    }

    public IncomingPaymentRequest withMetadata(Map<String, Object> m) {
        return new IncomingPaymentRequest(walletAddress, incomingAmount, expiresAt, m);
    }
}

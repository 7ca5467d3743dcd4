package dev.opfunctions.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;

/**
 * A quote (spec {@code quote}): the ASE's commitment to deliver {@code receiveAmount} to
 * {@code receiver} for {@code debitAmount}, until {@code expiresAt}. One quote backs at most one
 * outgoing payment.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Quote(
        String id,
        String walletAddress,
        String receiver,
        Amount receiveAmount,
        Amount debitAmount,
        String method,

        @JsonSerialize(using = IsoInstant.Serializer.class) @JsonDeserialize(using = IsoInstant.Deserializer.class)
        Instant expiresAt,

        @JsonSerialize(using = IsoInstant.Serializer.class) @JsonDeserialize(using = IsoInstant.Deserializer.class)
        Instant createdAt) {

    public Quote {
        Check.url(id, "id");
        Check.url(walletAddress, "walletAddress");
        Check.url(receiver, "receiver");
        Check.required(receiveAmount, "receiveAmount");
        Check.required(debitAmount, "debitAmount");
        Check.requiredText(method, "method");
        Check.required(createdAt, "createdAt");
    }

    /** Whether the quote can no longer back a payment at {@code now} (no {@code expiresAt} means it does not expire). */
    public boolean isExpired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}

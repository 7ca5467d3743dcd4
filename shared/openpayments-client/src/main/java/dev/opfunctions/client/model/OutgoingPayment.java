package dev.opfunctions.client.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.Map;

/**
 * An outgoing payment (spec {@code outgoing-payment}; the create answer adds
 * {@code grantSpentDebitAmount}/{@code grantSpentReceiveAmount}, which Rafiki fills with what the
 * grant had spent <em>before</em> this payment while the spec example shows it after: read them
 * defensively). Checked on arrival as the JS client does: {@code sentAmount} in the asset of
 * {@code debitAmount}, never more than it, and a fully sent payment is not {@code failed}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OutgoingPayment(
        String id,
        String walletAddress,
        String quoteId,
        Boolean failed,
        String receiver,
        Amount receiveAmount,
        Amount debitAmount,
        Amount sentAmount,
        Amount grantSpentDebitAmount,
        Amount grantSpentReceiveAmount,
        Map<String, Object> metadata,
        @JsonSerialize(using = IsoInstant.Serializer.class) @JsonDeserialize(using = IsoInstant.Deserializer.class) Instant createdAt) {

    public OutgoingPayment {
        Check.url(id, "id");
        Check.url(walletAddress, "walletAddress");
        Check.url(receiver, "receiver");
        Check.required(receiveAmount, "receiveAmount");
        Check.required(debitAmount, "debitAmount");
        Check.required(sentAmount, "sentAmount");
        Check.required(createdAt, "createdAt");
        failed = failed != null && failed;
        Check.sameAsset(sentAmount, debitAmount, "sentAmount", "debitAmount");
        if (sentAmount.compareTo(debitAmount) > 0) throw new InvalidFieldException("sentAmount", "exceeds debitAmount (" + sentAmount + " > " + debitAmount + ")");
        if (failed && sentAmount.equals(debitAmount)) throw new InvalidFieldException("failed", "is true although sentAmount equals debitAmount");
        metadata = Metadata.copy(metadata);
    }

    /** Fully sent: {@code sentAmount == debitAmount}. */
    @JsonIgnore
    public boolean isCompleted() {
        return sentAmount.equals(debitAmount);
    }

    /** Neither completed nor failed: the ASE is still sending. */
    @JsonIgnore
    public boolean isPending() {
        return !failed && !isCompleted();
    }
}

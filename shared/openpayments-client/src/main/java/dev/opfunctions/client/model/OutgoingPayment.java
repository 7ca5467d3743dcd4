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
 * {@code debitAmount} and never more than it.
 *
 * <p><b>What the amounts do and do not say.</b> The spec defines {@code debitAmount} as what is
 * deducted from the sender's account and {@code sentAmount} only as "the total amount that has been
 * sent under this outgoing payment"; it has no "completed" flag and does not say whether fees count
 * as sent. The reference server (Rafiki) reports {@code sentAmount} <em>without</em> the sender's
 * fees, so a finished payment there has {@code sentAmount < debitAmount}; other wallets may include
 * them. {@code sentAmount == debitAmount} is therefore no completion test, and this type offers none:
 * delivery is judged from the payee's incoming payment ({@code receivedAmount}, {@code completed}),
 * failure from {@link #failed()}, and what the sender is charged from {@code debitAmount}.
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

        @JsonSerialize(using = IsoInstant.Serializer.class) @JsonDeserialize(using = IsoInstant.Deserializer.class)
        Instant createdAt) {

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
        if (sentAmount.compareTo(debitAmount) > 0)
            throw new InvalidFieldException(
                    "sentAmount", "exceeds debitAmount (" + sentAmount + " > " + debitAmount + ")");
        metadata = Metadata.copy(metadata);
    }

    /** Whether the wallet has reported any progress: something was sent, so the payee side is worth a look. */
    @JsonIgnore
    public boolean hasSentAnything() {
        return sentAmount.value().signum() > 0;
    }
}

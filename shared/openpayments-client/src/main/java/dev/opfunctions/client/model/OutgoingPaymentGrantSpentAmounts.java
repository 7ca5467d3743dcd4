package dev.opfunctions.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Optional;

/**
 * What the outgoing-payment grant of the presenting token has spent in the current interval (or in
 * total without an interval): {@code GET {resourceServer}/outgoing-payment-grant}. Either amount is
 * {@code null} when nothing was spent in that dimension.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OutgoingPaymentGrantSpentAmounts(Amount spentReceiveAmount, Amount spentDebitAmount) {

    public Optional<Amount> receive() {
        return Optional.ofNullable(spentReceiveAmount);
    }

    public Optional<Amount> debit() {
        return Optional.ofNullable(spentDebitAmount);
    }
}

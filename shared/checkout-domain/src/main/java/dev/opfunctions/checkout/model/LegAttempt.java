package dev.opfunctions.checkout.model;

import dev.opfunctions.client.model.Amount;
import java.time.Instant;

/**
 * An earlier attempt at paying a leg that ended without completing it: kept so that money an attempt
 * moved before it failed is never forgotten. A retry pays only what the payee has not received yet,
 * and the customer's charges count every attempt.
 *
 * @param incomingPaymentId the payee's incoming payment the attempt paid into
 * @param quoteId           the quote the attempt's outgoing payment was created from
 * @param outgoingPaymentId the outgoing payment at the customer's wallet, or null if none was created
 * @param debitAmount       what the quote said the customer would be debited (customer's asset)
 * @param sentAmount        what the wallet reported sent when the attempt ended (customer's asset), or null
 * @param receivedAmount    what the payee's incoming payment had received when it ended (payee's asset), or null
 * @param failure           why the attempt ended
 * @param endedAt           when the attempt was recorded as over
 */
public record LegAttempt(
        String incomingPaymentId,
        String quoteId,
        String outgoingPaymentId,
        Amount debitAmount,
        Amount sentAmount,
        Amount receivedAmount,
        Failure failure,
        Instant endedAt) {

    /** Whether the payee received anything through this attempt. */
    public boolean delivered() {
        return receivedAmount != null && !receivedAmount.isZero();
    }
}

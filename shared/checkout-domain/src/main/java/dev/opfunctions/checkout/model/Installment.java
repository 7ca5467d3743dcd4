package dev.opfunctions.checkout.model;

import dev.opfunctions.client.model.Amount;
import java.time.Instant;

/**
 * One installment of a plan: when it is due, the end of the grant interval it must be paid in, and
 * how collecting it went. Its payments are the checkout's legs {@code i{index}p{payee}}.
 *
 * @param amount    what the payees receive for this installment (the first one carries the remainder)
 * @param windowEnd the end of this installment's grant interval: after it the grant no longer covers it
 * @param attempts  failed collection attempts so far (a wallet refusal or a payment the wallet failed)
 * @param retryAt   when the next attempt may start after a failed one, or null
 * @param paidAt    when every payee received its share, or null
 * @param lastFailure why the last attempt failed, kept after a later success for the record
 */
public record Installment(
        int index,
        Instant dueAt,
        Instant windowEnd,
        Amount amount,
        int attempts,
        Instant retryAt,
        Instant paidAt,
        Failure lastFailure) {

    public static Installment scheduled(int index, Instant dueAt, Instant windowEnd, Amount amount) {
        return new Installment(index, dueAt, windowEnd, amount, 0, null, null, null);
    }

    public boolean paid() {
        return paidAt != null;
    }

    /** The earliest instant an attempt may start: the due date, or the retry time after a failure. */
    public Instant nextAttemptAt() {
        return retryAt != null && retryAt.isAfter(dueAt) ? retryAt : dueAt;
    }

    public Installment failedAttempt(Failure why, Instant retry) {
        return new Installment(index, dueAt, windowEnd, amount, attempts + 1, retry, paidAt, why);
    }

    public Installment paidOn(Instant at) {
        return new Installment(index, dueAt, windowEnd, amount, attempts, null, at, lastFailure);
    }
}

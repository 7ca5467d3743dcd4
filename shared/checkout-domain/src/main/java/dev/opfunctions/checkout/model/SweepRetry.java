package dev.opfunctions.checkout.model;

import java.time.Duration;
import java.time.Instant;

/**
 * The sweep's failed attempts at re-driving a checkout, kept on the checkout row: how many in a row,
 * why the last one failed, and when the sweep may try again. Until then the checkout's due time
 * ({@link Checkout#wakeAt()}) is pushed back, so an entry that keeps failing falls behind the healthy
 * ones instead of holding the head of the due index. A successful re-drive clears it.
 *
 * @param failures  consecutive failed attempts (1 after the first)
 * @param lastError what the last attempt ran into, for the operator reading the row
 * @param retryAt   not before this time does the sweep look at the checkout again
 */
public record SweepRetry(int failures, String lastError, Instant retryAt) {

    /** The first back-off; each further failure doubles it, up to {@link #MAX_BACKOFF}. */
    public static final Duration FIRST_BACKOFF = Duration.ofMinutes(1);

    /** The sweep still looks at a failing checkout at least this often: a fault outside it may clear. */
    public static final Duration MAX_BACKOFF = Duration.ofHours(1);

    /** The record after one more failure at {@code now}, pushed back by the grown back-off. */
    public static SweepRetry after(SweepRetry previous, String error, Instant now) {
        int failures = previous == null ? 1 : previous.failures + 1;
        return new SweepRetry(failures, error, now.plus(backoff(failures)));
    }

    /** The wait after {@code failures} consecutive failures: 1, 2, 4 … minutes, at most an hour. */
    public static Duration backoff(int failures) {
        Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 20));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }
}

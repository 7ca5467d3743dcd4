package dev.opfunctions.checkout.service;

import dev.opfunctions.client.Deadline;
import java.time.Duration;

/**
 * A step that calls a wallet and must not be repeated while a call of it may still be in flight (a
 * create, a grant continuation): it runs under its own {@link #deadline()} of at most {@link #STEP}
 * or what is left of the invocation, whichever ends first, and its stored lease lasts that long plus
 * {@link #MARGIN}. Once the lease runs out no call of the step can still be in flight, so the next
 * worker's read-back is conclusive; and a worker that died holds the step no longer than that, not a
 * fixed two minutes (the configured bound, which only caps it).
 *
 * @param deadline when the step's calls must be over
 * @param length   how long the lease stored before the first call lasts
 */
record StepLease(Deadline deadline, Duration length) {

    /** The most one step may take. */
    static final Duration STEP = Duration.ofSeconds(30);

    /**
     * Added to the step's time for its lease: for a request the wallet received just before the step's
     * time ran out and still completes, and for clock differences between workers.
     */
    static final Duration MARGIN = Duration.ofSeconds(10);

    /** A step starting now, its lease capped at {@code bound}. */
    static StepLease start(Duration bound) {
        Deadline step = Deadline.after(STEP).min(Deadline.current().orElse(null));
        Duration lease = step.remaining().plus(MARGIN);
        return new StepLease(step, lease.compareTo(bound) < 0 ? lease : bound);
    }
}

package dev.opfunctions.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sandbox's notion of "now": a base clock plus an offset that tests can push forward.
 *
 * <p>Real time keeps flowing (so {@code continue.wait} can be honoured by sleeping), and
 * {@link #advance(Duration)} jumps ahead to make tokens, quotes, interactions and intervals expire
 * without waiting. The offset never goes backwards, so every timestamp the sandbox stores stays ordered.
 */
public final class SandboxClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public SandboxClock(Clock base) {
        this.base = base;
    }

    /** A clock that follows the system UTC clock until advanced. */
    public static SandboxClock system() {
        return new SandboxClock(Clock.systemUTC());
    }

    /** Moves "now" forward by {@code amount}; negative amounts are refused. */
    public void advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("the sandbox clock only moves forward, got " + amount);
        }
        offset.updateAndGet(o -> o.plus(amount));
    }

    /** How far this clock is ahead of its base clock. */
    public Duration offset() {
        return offset.get();
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the sandbox clock is always UTC");
    }
}

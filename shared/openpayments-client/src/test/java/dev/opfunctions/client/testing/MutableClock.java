package dev.opfunctions.client.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The unit tests' one clock: it stands still until a test moves it, and only forward, so a test
 * can jump past an expiry or a due date without waiting and stored timestamps stay ordered.
 * (Tests over local servers use the wallet sandbox's clock instead, which also runs in real time,
 * because the servers wait on it.) Shared with other modules through this module's test jar.
 */
public final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** A clock standing at an ISO-8601 instant, e.g. {@code 2026-03-12T23:20:00Z}. */
    public static MutableClock at(String iso) {
        return new MutableClock(Instant.parse(iso));
    }

    /** Moves the clock forward; a negative step is a mistake in the test and is refused. */
    public void advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("the test clock only moves forward, got " + step);
        }
        now.updateAndGet(t -> t.plus(step));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}

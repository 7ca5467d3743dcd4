package dev.opfunctions.checkout.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StaleBoundTest {

    @Test
    void writesWithinOneMinuteShareTheStoredLookAgainTime() {
        Instant first = Instant.parse("2026-12-05T10:00:01.250Z");
        Instant later = Instant.parse("2026-12-05T10:00:59.999Z");

        Instant a = Checkout.staleBound(first, Checkout.STALE_AFTER);
        Instant b = Checkout.staleBound(later, Checkout.STALE_AFTER);

        assertEquals(Instant.parse("2026-12-05T10:17:00Z"), a, "16 minutes later, rounded up to the minute");
        assertEquals(a, b, "the same DueIndex key: no index write");
    }

    @Test
    void aTimeOnTheGridIsNotPushedFurther() {
        Instant onGrid = Instant.parse("2026-12-05T10:00:00Z");

        assertEquals(onGrid.plus(Checkout.STALE_AFTER), Checkout.staleBound(onGrid, Checkout.STALE_AFTER));
    }

    @Test
    void aShorterLocalBoundIsExact() {
        Instant at = Instant.parse("2026-12-05T10:00:01.250Z");

        assertEquals(at.plusSeconds(30), Checkout.staleBound(at, Duration.ofSeconds(30)));
    }
}

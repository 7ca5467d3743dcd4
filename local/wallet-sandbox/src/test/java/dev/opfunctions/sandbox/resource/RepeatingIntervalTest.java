package dev.opfunctions.sandbox.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RepeatingIntervalTest {

    private static Optional<RepeatingInterval.Window> at(String interval, String instant) {
        return RepeatingInterval.windowContaining(interval, Instant.parse(instant));
    }

    @Test
    void r2CoversThreeMonthsAsRafikiCountsIt() {
        String interval = "R2/2022-07-01T13:00:00Z/P1M";

        assertEquals(
                Instant.parse("2022-07-01T13:00:00Z"),
                at(interval, "2022-07-15T00:00:00Z").orElseThrow().start());
        assertEquals(
                Instant.parse("2022-08-01T13:00:00Z"),
                at(interval, "2022-08-01T13:00:00Z").orElseThrow().start());
        assertEquals(
                Instant.parse("2022-10-01T13:00:00Z"),
                at(interval, "2022-09-30T00:00:00Z").orElseThrow().end());
        assertTrue(at(interval, "2022-10-01T13:00:00Z").isEmpty(), "a fourth month is outside R2");
    }

    @Test
    void refusesAnInstantBeforeTheFirstInterval() {
        assertTrue(at("R5/2022-07-01T13:00:00Z/P1D", "2022-07-01T12:59:59Z").isEmpty());
    }

    @Test
    void intervalsAreHalfOpen() {
        RepeatingInterval.Window first =
                at("R0/2022-07-01T00:00:00Z/P1D", "2022-07-01T00:00:00Z").orElseThrow();

        assertTrue(at("R0/2022-07-01T00:00:00Z/P1D", "2022-07-02T00:00:00Z").isEmpty());
        assertEquals(Instant.parse("2022-07-02T00:00:00Z"), first.end());
    }

    @Test
    void durationThenEndGoesBackwards() {
        RepeatingInterval.Window w =
                at("R1/P1D/2022-07-10T00:00:00Z", "2022-07-08T12:00:00Z").orElseThrow();

        assertEquals(Instant.parse("2022-07-08T00:00:00Z"), w.start());
        assertTrue(at("R1/P1D/2022-07-10T00:00:00Z", "2022-07-07T23:00:00Z").isEmpty());
        assertTrue(at("R1/P1D/2022-07-10T00:00:00Z", "2022-07-10T00:00:00Z").isEmpty());
    }

    @Test
    void startAndEndRepeatTheFirstIntervalsLength() {
        RepeatingInterval.Window w = at("R3/2022-07-01T00:00:00Z/2022-07-01T06:00:00Z", "2022-07-01T13:00:00Z")
                .orElseThrow();

        assertEquals(Instant.parse("2022-07-01T12:00:00Z"), w.start());
        assertEquals(Instant.parse("2022-07-01T18:00:00Z"), w.end());
    }

    @Test
    void unboundedRepetitionReachesFarInstants() {
        assertEquals(
                Instant.parse("2030-01-01T00:00:00Z"),
                at("R/2022-01-01T00:00:00Z/P1Y", "2030-06-01T00:00:00Z")
                        .orElseThrow()
                        .start());
        assertTrue(at("R-1/2022-01-01T00:00:00Z/PT1H", "2022-01-03T05:30:00Z").isPresent());
    }

    @Test
    void monthEndsClampLikeLuxon() {
        RepeatingInterval.Window feb =
                at("R2/2023-01-31T00:00:00Z/P1M", "2023-02-28T12:00:00Z").orElseThrow();

        assertEquals(Instant.parse("2023-02-28T00:00:00Z"), feb.start());
        assertEquals(Instant.parse("2023-03-28T00:00:00Z"), feb.end());
    }

    @Test
    void unreadableIntervalsMatchNothingAndMissingPartsThrow() {
        assertTrue(at("R2/not-a-date/P1M", "2022-07-15T00:00:00Z").isEmpty());
        assertTrue(at("X2/2022-07-01T13:00:00Z/P1M", "2022-07-15T00:00:00Z").isEmpty());
        assertThrows(
                RepeatingInterval.MalformedIntervalException.class,
                () -> at("2022-07-01T13:00:00Z/P1M", "2022-07-15T00:00:00Z"));
    }
}

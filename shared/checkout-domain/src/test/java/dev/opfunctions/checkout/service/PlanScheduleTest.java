package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.model.InstallmentPlan;
import dev.opfunctions.checkout.model.Leg;
import dev.opfunctions.checkout.model.LegKey;
import dev.opfunctions.checkout.model.PlanPeriod;
import dev.opfunctions.checkout.model.WalletAddress;
import dev.opfunctions.checkout.order.PlanRequest;
import dev.opfunctions.client.model.Amount;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanScheduleTest {

    private static final WalletAddress PAYEE = new WalletAddress(
            "https://happylife.example/retailer",
            "MXN",
            2,
            "https://auth.happylife.example/",
            "https://happylife.example/op");

    private static PlanPeriod period(String text) {
        return PlanPeriod.parse(text).orElseThrow();
    }

    @Test
    void splitsIntoWholeUnitsWithTheRemainderOnTheFirstInstallment() {
        List<Amount> parts = PlanSchedule.split(Amount.of(100_001, "MXN", 2), 4);

        assertEquals(
                List.of(25_001L, 25_000L, 25_000L, 25_000L),
                parts.stream().map(a -> a.value().longValueExact()).toList());
        assertEquals(
                BigInteger.valueOf(100_001),
                parts.stream().map(Amount::value).reduce(BigInteger::add).orElseThrow());
        assertEquals(
                List.of(4L, 3L, 3L),
                PlanSchedule.split(Amount.of(10, "MXN", 2), 3).stream()
                        .map(a -> a.value().longValueExact())
                        .toList());
    }

    @Test
    void dueDatesStartEachIntervalOfTheGrantAndTheIntervalCountsTheInstallments() {
        Instant requested = Instant.parse("2026-01-31T10:15:30.250Z");

        InstallmentPlan p = PlanSchedule.plan(
                new PlanRequest(4, period("P1M"), true),
                Amount.of(100_001, "MXN", 2),
                requested,
                Amount.of(25_001, "MXN", 2));

        assertEquals(
                "R4/2026-01-31T10:15:30Z/P1M",
                p.interval(),
                "starts at the request, truncated to the second (just before consent)");
        assertEquals(requested, p.installment(0).dueAt(), "the first is due at consent");
        // Month-end clamping as the wallet's interval arithmetic does it: each interval follows the previous one.
        assertEquals(Instant.parse("2026-02-28T10:15:30Z"), p.installment(1).dueAt());
        assertEquals(Instant.parse("2026-03-28T10:15:30Z"), p.installment(2).dueAt());
        assertEquals(Instant.parse("2026-04-28T10:15:30Z"), p.installment(3).dueAt());
        assertEquals(Instant.parse("2026-05-28T10:15:30Z"), p.installment(3).windowEnd());
        for (int k = 0; k < 3; k++)
            assertEquals(p.installment(k + 1).dueAt(), p.installment(k).windowEnd(), "one installment per interval");
    }

    @Test
    void withoutAChargeAtConsentTheIntervalStartsAtTheFirstDueDate() {
        Instant requested = Instant.parse("2026-03-12T23:20:00Z");

        InstallmentPlan p = PlanSchedule.plan(
                new PlanRequest(3, period("P1W"), false),
                Amount.of(3_000, "USD", 2),
                requested,
                Amount.of(1_000, "USD", 2));

        assertEquals("R3/2026-03-19T23:20:00Z/P1W", p.interval());
        assertEquals(Instant.parse("2026-03-19T23:20:00Z"), p.installment(0).dueAt());
        assertEquals(Instant.parse("2026-04-02T23:20:00Z"), p.installment(2).dueAt());
    }

    @Test
    void everyInstallmentFitsUnderBothReadingsOfRn() {
        // Spec/docs: R{n} is n intervals; Rafiki: n+1. The plan uses intervals 0..n-1 only.
        InstallmentPlan p = PlanSchedule.plan(
                new PlanRequest(4, period("PT1M"), true),
                Amount.of(400, "MXN", 2),
                Instant.parse("2026-01-01T00:00:00Z"),
                Amount.of(100, "MXN", 2));
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        int specIntervals = 4;

        for (int k = 0; k < 4; k++) {
            Instant due = p.installment(k).dueAt();
            long interval = Duration.between(start, due).toMinutes();
            assertTrue(interval < specIntervals, "installment " + k + " falls in interval " + interval);
        }
    }

    @Test
    void theLimitIsTheFirstInstallmentsDebitPlusHeadroomInEveryCurrency() {
        Leg same = Leg.pending(
                new LegKey(0, 0), PAYEE, Amount.of(25_001, "MXN", 2), "ip", "q", Amount.of(25_001, "MXN", 2), null);
        Leg cross = Leg.pending(
                new LegKey(0, 0), PAYEE, Amount.of(25_001, "MXN", 2), "ip", "q", Amount.of(1_471, "USD", 2), null);
        // Rafiki's local fees (1.00 + 2 %) make 3.00 cost 4.11; a later quote one unit dearer must still fit.
        Leg withFees = Leg.pending(
                new LegKey(0, 0), PAYEE, Amount.of(300, "USD", 2), "ip", "q", Amount.of(411, "USD", 2), null);
        Leg tiny =
                Leg.pending(new LegKey(0, 0), PAYEE, Amount.of(1, "USD", 2), "ip", "q", Amount.of(1, "USD", 2), null);

        // 25001 * 3 % = 750.03, rounded up to 751.
        assertEquals(Amount.of(25_752, "MXN", 2), PlanSchedule.debitLimit(List.of(same), 300));
        assertEquals(Amount.of(424, "USD", 2), PlanSchedule.debitLimit(List.of(withFees), 300));
        assertEquals(
                Amount.of(2, "USD", 2), PlanSchedule.debitLimit(List.of(tiny), 300), "at least one minor unit of room");
        // 1471 * 3 % = 44.13, rounded up to 45: 1516.
        assertEquals(Amount.of(1_516, "USD", 2), PlanSchedule.debitLimit(List.of(cross), 300));
    }

    @Test
    void consentMustComeWhileTheFirstIntervalIsYoung() {
        assertEquals(Duration.ofMinutes(10), PlanSchedule.consentWindow(period("P1M"), Duration.ofMinutes(10)));
        assertEquals(Duration.ofSeconds(45), PlanSchedule.consentWindow(period("PT1M"), Duration.ofMinutes(10)));
    }

    @Test
    void readsWholeUnitIsoDurationsOnly() {
        assertEquals(Duration.ofDays(14), period("P2W").shortest());
        assertEquals(Duration.ofDays(28), period("P1M").shortest());
        assertEquals(Duration.ofHours(36), period("P1DT12H").shortest());
        assertEquals(Optional.empty(), PlanPeriod.parse("P0D"));
        assertEquals(Optional.empty(), PlanPeriod.parse("PT0.5S"));
        assertEquals(Optional.empty(), PlanPeriod.parse("1M"));
        assertEquals(Optional.empty(), PlanPeriod.parse("P"));
        assertEquals(Optional.empty(), PlanPeriod.parse("PT"));
    }
}

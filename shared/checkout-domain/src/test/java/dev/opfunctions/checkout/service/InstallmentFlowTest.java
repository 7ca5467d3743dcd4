package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.Result;
import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.LegStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Installment plans through the services on in-memory fakes: the schedule, the hand-over to create-outgoing, the endings. */
class InstallmentFlowTest {

    private final CheckoutFixture f = new CheckoutFixture();

    @BeforeEach
    void quickRotationRefusals() {
        f.settings = f.settings.withPlans(f.settings.plans().withRotationWait(Duration.ofMillis(200)));
    }

    /** Creates the plan, consents and lets create-outgoing charge installment 1. */
    private Checkout active(int count, String period) {
        Checkout c = f.started(CheckoutFixture.plan("plan-1", count, period));
        f.queue.drain();
        f.consent(c).orElseThrow();
        f.drain(f.worker(), 10);
        return f.reload(c);
    }

    /** Moves the clock to the plan's wake-up time and runs the schedule, then create-outgoing. */
    private String tick(Checkout c) {
        Instant wake = f.reload(c).wakeAt().orElseThrow();
        Duration gap = Duration.between(f.clock.instant(), wake.plusSeconds(3));
        if (!gap.isNegative()) f.clock.advance(gap);
        String outcome = f.scheduledRun(10).outcomes().getOrDefault(c.id(), "not run");
        f.drain(f.worker(), 10);
        return outcome;
    }

    @Test
    void requestsOneGrantLimitedPerIntervalAndChargesTheFirstInstallmentAtConsent() {
        Checkout c = f.started(CheckoutFixture.plan("plan-1", 4, "P1M"));

        assertEquals(
                "MXN 257.52", f.wallets.grantLimit(c.consent().continueUri()).toString());
        assertEquals(c.plan().interval(), f.wallets.grantInterval(c.consent().continueUri()));
        assertTrue(c.plan().interval().startsWith("R4/"));
        assertEquals(
                LegStatus.PENDING,
                c.leg(new dev.opfunctions.checkout.model.LegKey(0, 0))
                        .orElseThrow()
                        .status());
        assertEquals(
                LegStatus.SCHEDULED,
                c.leg(new dev.opfunctions.checkout.model.LegKey(3, 0))
                        .orElseThrow()
                        .status());

        Checkout a = active(4, "P1M");
        assertEquals(CheckoutStatus.ACTIVE, a.status());
        assertTrue(a.plan().installment(0).paid());
        assertEquals(a.plan().installment(1).dueAt(), a.wakeAt().orElseThrow());
    }

    @Test
    void chargesOneInstallmentPerPeriodRotatingTheTokenBeforeEachAndCompletes() {
        Checkout c = active(3, "P1W");

        for (int n = 2; n <= 3; n++) tick(c);

        Checkout done = f.reload(c);
        assertEquals(CheckoutStatus.COMPLETED, done.status());
        assertEquals(3, f.wallets.outgoingPayments().size());
        assertEquals(
                2,
                f.store.history(c.id()).stream()
                        .filter(e -> e.type().equals("token-rotated"))
                        .count(),
                "before installments 2 and 3");
        assertTrue(f.wallets.grantCancelled(c.consent().continueUri()), "the finished plan's grant is closed");
        assertEquals(java.util.Optional.empty(), done.wakeAt(), "nothing left in the due index");
    }

    @Test
    void anOverlappingRunFindsTheInstallmentClaimedAndPreparesNothing() {
        Checkout c = active(3, "P1W");
        f.clock.advance(Duration.between(
                f.clock.instant(), f.reload(c).wakeAt().orElseThrow().plusSeconds(3)));
        int before = f.wallets.count("createIncomingPayment");

        String first = f.scheduler().runOne(c.id());
        String second = f.scheduler().runOne(c.id());

        assertTrue(first.contains("prepared"), first);
        assertTrue(second.contains("not due"), second);
        assertEquals(before + 1, f.wallets.count("createIncomingPayment"));
        long handed = f.queue.sent().stream()
                .filter(s -> s.command() instanceof Command.ChargeInstallment)
                .count();
        assertEquals(1, handed);
    }

    @Test
    void aRevokedGrantFailsThePlanWithAClearReason() {
        Checkout c = active(3, "P1W");
        f.wallets.cancelGrant(c.consent().continueUri(), c.consent().continueToken());

        tick(c);

        Checkout failed = f.reload(c);
        assertEquals(CheckoutStatus.FAILED, failed.status());
        assertEquals("GRANT_REVOKED", failed.failure().code());
        assertTrue(
                failed.failure().message().contains("revoked or cancelled"),
                failed.failure().message());
        assertEquals(
                LegStatus.CANCELLED,
                failed.leg(new dev.opfunctions.checkout.model.LegKey(2, 0))
                        .orElseThrow()
                        .status());
        assertEquals(1, f.wallets.outgoingPayments().size());
    }

    @Test
    void cancellingBetweenInstallmentsStopsChargesAndCancelsTheGrant() {
        Checkout c = active(3, "P1W");

        Checkout cancelled = f.queries().cancel(c.id()).orElseThrow();
        f.clock.advance(Duration.ofDays(30));
        f.scheduledRun(10);
        f.drain(f.worker(), 10);

        assertEquals(CheckoutStatus.CANCELLED, cancelled.status());
        assertNotNull(cancelled.consent().grantClosedAt());
        assertTrue(f.wallets.grantCancelled(c.consent().continueUri()));
        assertEquals(1, f.wallets.outgoingPayments().size());
        assertEquals(
                LegStatus.CANCELLED,
                f.reload(c)
                        .leg(new dev.opfunctions.checkout.model.LegKey(1, 0))
                        .orElseThrow()
                        .status());
    }

    @Test
    void refusesToCancelWhileAnInstallmentIsBeingCharged() {
        f.wallets.autoSettle(false);
        Checkout c = f.started(CheckoutFixture.plan("plan-1", 3, "P1W"));
        f.queue.drain();
        f.consent(c).orElseThrow();
        f.clock.advance(Duration.ofSeconds(6));
        f.worker().handle(new Command.ContinueGrant(c.id()), 1);

        Result<Checkout> r = f.queries().cancel(c.id());

        assertEquals(
                ErrorCode.CHECKOUT_NOT_CANCELLABLE,
                ((Result.Err<Checkout>) r).problem().code());
        assertEquals(CheckoutStatus.ACTIVE, f.reload(c).status());
    }

    @Test
    void failedAttemptsAreRetriedWithBackoffThenThePlanIsPastDueThenFailedWhenTheIntervalEnds() {
        Checkout c = active(3, "P1W");
        f.wallets.autoSettle(false);

        for (int attempt = 1; attempt <= 3; attempt++) {
            tick(c);
            Checkout now = f.reload(c);
            String op = now.leg(new dev.opfunctions.checkout.model.LegKey(1, 0))
                    .orElseThrow()
                    .outgoingPaymentId();
            f.wallets.failPayment(op);
            f.worker().handle(new Command.FollowPayments(c.id(), 1), 1);
        }

        Checkout pastDue = f.reload(c);
        assertEquals(CheckoutStatus.PAST_DUE, pastDue.status());
        assertEquals("INSTALLMENT_PAST_DUE", pastDue.reason().code());
        assertEquals(3, pastDue.plan().installment(1).attempts());
        assertEquals(
                LegStatus.SCHEDULED,
                pastDue.leg(new dev.opfunctions.checkout.model.LegKey(2, 0))
                        .orElseThrow()
                        .status(),
                "installment 3 is not skipped to");

        f.clock.advance(Duration.between(
                f.clock.instant(), pastDue.plan().installment(1).windowEnd()));
        f.scheduledRun(10);

        Checkout failed = f.reload(c);
        assertEquals(CheckoutStatus.FAILED, failed.status());
        assertEquals("INSTALLMENT_UNCOLLECTED", failed.failure().code());
        assertTrue(
                failed.failure().message().contains("installment 2 of 3"),
                failed.failure().message());
        assertEquals(4, f.wallets.outgoingPayments().size(), "installment 1 and three attempts at installment 2");
    }

    @Test
    void aRunOutOfTimeLeavesTheDuePlansForTheNextTick() {
        Checkout c = active(3, "P1W");
        f.clock.advance(Duration.ofDays(7).plusSeconds(5));

        var late = f.scheduledRun(10, Duration.ofNanos(-1));
        var next = f.scheduledRun(10, Duration.ofSeconds(30));

        assertEquals(1, late.found());
        assertTrue(late.outcomes().isEmpty());
        assertTrue(next.outcomes().get(c.id()).contains("prepared"), next.toString());
    }

    @Test
    void aLateConsentExpiryForAnActivePlanChargesNothing() {
        String order = CheckoutFixture.plan("plan-late-expiry", 3, "P1W")
                .replace("\"period\":\"P1W\"", "\"period\":\"P1W\",\"firstAtConsent\":false");
        Checkout c = f.started(order);
        f.queue.drain();
        f.consent(c).orElseThrow();
        f.drain(f.worker(), 10);
        assertEquals(CheckoutStatus.ACTIVE, f.reload(c).status());
        // The schedule prepares installment 1 and sends its charge, delayed to the interval's start.
        f.clock.advance(Duration.between(f.clock.instant(), f.reload(c).wakeAt().orElseThrow()));
        f.scheduledRun(10);
        var scheduled = f.queue.drain();
        assertEquals(1, scheduled.size(), scheduled.toString());
        assertTrue(scheduled.get(0).command() instanceof Command.ChargeInstallment);

        var outcome = f.worker().handle(new Command.ExpireConsent(c.id()), 1);

        assertTrue(outcome instanceof PaymentWorker.Outcome.Done, outcome.toString());
        assertEquals(java.util.List.of(), f.queue.sent(), "no second charge message: the schedule sent the one");
        assertEquals(0, f.wallets.count("createOutgoingPayment"));
        assertEquals(CheckoutStatus.ACTIVE, f.reload(c).status());
    }
}

package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.RecordingQueue;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.LegKey;
import dev.opfunctions.checkout.model.LegStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A plan's retry starts when announced, and a plan whose re-check message is lost is resumed within the sweep's bound. */
class PlanTimingTest {

    private static final LegKey SECOND = new LegKey(1, 0);

    private final CheckoutFixture f = new CheckoutFixture();

    /** A weekly plan with installment 1 paid at consent and installment 2's payment sent and not yet settled. */
    private Checkout secondInstallmentSent() {
        Checkout c = f.started(CheckoutFixture.plan("plan-1", 3, "P1W"));
        f.queue.drain();
        f.consent(c).orElseThrow();
        f.drain(f.worker(), 10);
        f.wallets.autoSettle(false);
        f.clock.advance(Duration.between(
                f.clock.instant(), f.reload(c).wakeAt().orElseThrow().plusSeconds(3)));
        f.scheduledRun(10);
        for (RecordingQueue.Sent s : f.queue.drain()) {
            f.clock.advance(s.delay());
            f.worker().handle(s.command(), 1);
        }
        Checkout sent = f.reload(c);
        assertEquals(LegStatus.SENT, sent.leg(SECOND).orElseThrow().status());
        return sent;
    }

    /** The wallet fails installment 2's payment and the re-check sees it: a failed attempt. */
    private Checkout secondAttemptFails(Checkout c) {
        f.wallets.failPayment(c.leg(SECOND).orElseThrow().outgoingPaymentId());
        f.queue.drain();
        f.worker().handle(new Command.FollowPayments(c.id(), c.followChecks()), 1);
        return f.reload(c);
    }

    @Test
    void aRetryWithinTheQueueCapIsADelayedChargeThatPreparesAndPaysItWithoutTheSchedule() {
        Checkout failed = secondAttemptFails(secondInstallmentSent());
        Instant retry = failed.plan().installment(1).retryAt();

        List<RecordingQueue.Sent> sent = f.queue.drain();

        Duration delay = Duration.between(f.clock.instant(), retry);
        assertEquals(List.of(new RecordingQueue.Sent(new Command.ChargeInstallment(failed.id(), 1), delay)), sent);
        assertTrue(delay.compareTo(CheckoutSettings.MAX_QUEUE_DELAY) <= 0, delay.toString());

        f.wallets.autoSettle(true);
        f.clock.advance(delay);
        f.worker().handle(sent.get(0).command(), 1);
        assertEquals(
                LegStatus.PENDING, f.reload(failed).leg(SECOND).orElseThrow().status(), "prepared at once");
        f.drain(f.worker(), 10);

        Checkout paid = f.reload(failed);
        assertTrue(paid.plan().installment(1).paid());
        assertTrue(
                Duration.between(retry, paid.plan().installment(1).paidAt()).compareTo(Duration.ofSeconds(10)) < 0,
                "paid within seconds of the announced retry, not at the next minute's schedule run");
    }

    @Test
    void aRetryBeyondTheQueueCapIsLeftToTheSchedule() {
        f.settings =
                f.settings.withPlans(f.settings.plans().withRetries(1, Duration.ofMinutes(10), Duration.ofDays(1)));
        Checkout failed = secondAttemptFails(secondInstallmentSent());

        Instant retry = failed.plan().installment(1).retryAt();
        assertTrue(Duration.between(f.clock.instant(), retry).compareTo(CheckoutSettings.MAX_QUEUE_DELAY) > 0);
        assertTrue(
                f.queue.sent().stream().noneMatch(s -> s.command() instanceof Command.ChargeInstallment),
                f.queue.sent().toString());
        assertEquals(retry, failed.wakeAt().orElseThrow(), "the schedule finds it by its wake-up time");
    }

    @Test
    void aPlanWhoseRecheckMessageIsLostIsResumedWithinTheSweepsBound() {
        f.settings = f.settings.withSweepAfter(Duration.ofMinutes(1));
        Checkout c = secondInstallmentSent();
        f.queue.drain(); // the re-check message is lost
        assertTrue(
                c.plan().wakeAt().isAfter(c.updatedAt().plus(Duration.ofMinutes(1))),
                "the plan's own wake-up time is later than the sweep's bound");

        f.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        String outcome = f.scheduledRun(10).outcomes().get(c.id());

        assertTrue(outcome != null && outcome.contains("handed"), String.valueOf(outcome));
        assertEquals(
                List.of(new RecordingQueue.Sent(new Command.FollowPayments(c.id(), c.followChecks()), Duration.ZERO)),
                f.queue.drain(),
                "the re-check chain resumes where it stopped");
    }

    @Test
    void aOneMinutePlansLostChargeMessageIsSentAgainWithinItsInterval() {
        Checkout c = f.started(CheckoutFixture.plan("plan-fast", 2, "PT1M"));
        f.queue.drain();
        f.consent(c).orElseThrow();
        f.drain(f.worker(), 10);
        f.clock.advance(Duration.between(
                f.clock.instant(), f.reload(c).wakeAt().orElseThrow().plusSeconds(1)));
        f.scheduledRun(10);
        for (RecordingQueue.Sent s : f.queue.drain())
            if (!(s.command() instanceof Command.ChargeInstallment)) f.worker().handle(s.command(), 1);
        f.queue.drain(); // the charge message the preparation sent is lost
        Checkout prepared = f.reload(c);
        assertEquals(LegStatus.PENDING, prepared.leg(SECOND).orElseThrow().status());
        Instant windowEnd = prepared.plan().installment(1).windowEnd();

        f.clock.advance(Duration.between(f.clock.instant(), prepared.wakeAt().orElseThrow()));
        String outcome = f.scheduledRun(10).outcomes().get(c.id());
        f.drain(f.worker(), 10);

        assertTrue(outcome != null && outcome.contains("handed"), String.valueOf(outcome));
        Checkout paid = f.reload(c);
        assertTrue(paid.plan().installment(1).paid(), "charged again within the interval, not after the watchdog");
        assertTrue(paid.plan().installment(1).paidAt().isBefore(windowEnd));
    }

    @Test
    void aPlanWithAPaymentInFlightWakesNoLaterThanTheStaleBound() {
        Checkout c = secondInstallmentSent();

        assertTrue(!c.wakeAt().orElseThrow().isAfter(c.updatedAt().plus(Checkout.STALE_AFTER)));
        assertEquals(
                c.updatedAt().plus(Duration.ofMinutes(1)),
                c.wakeAt(Duration.ofMinutes(1)).orElseThrow());
    }
}

package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.RecordingQueue;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.LegStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A checkout whose next message is lost at any step is resumed by the scheduled sweep and still finishes. */
class SweepTest {

    private final CheckoutFixture f = new CheckoutFixture();

    private void lose() {
        f.queue.drain();
    }

    /** Lets the "look again by" time pass, runs the schedule (the sweep), then create-outgoing until quiet. */
    private String sweepAfterStall(Checkout c) {
        f.clock.advance(Checkout.STALE_AFTER.plusMinutes(1));
        String outcome = f.scheduledRun(10).outcomes().getOrDefault(c.id(), "not run");
        f.drain(f.worker(), 20);
        return outcome;
    }

    @Test
    void aMessageLostAfterConsentFinishsWriteIsResumed() {
        Checkout c = f.started(CheckoutFixture.b2c("lost-1"));
        lose();
        f.consent(c).orElseThrow();
        lose();

        assertEquals("resumed: continue-grant", sweepAfterStall(c));

        assertEquals(CheckoutStatus.COMPLETED, f.reload(c).status());
        assertEquals(1, f.wallets.outgoingPayments().size());
    }

    @Test
    void aRecheckLostAfterTheCreateIsResumed() {
        f.wallets.autoSettle(false);
        Checkout c = f.started(CheckoutFixture.b2c("lost-2"));
        lose();
        f.consent(c).orElseThrow();
        f.clock.advance(Duration.ofSeconds(6));
        f.worker().handle(f.queue.drain().get(0).command(), 1);
        assertEquals(LegStatus.SENT, f.reload(c).legs().get(0).status());
        lose();
        f.wallets.settleAll();

        assertEquals("resumed: follow-payments", sweepAfterStall(c));

        assertEquals(CheckoutStatus.COMPLETED, f.reload(c).status());
        assertEquals(1, f.wallets.outgoingPayments().size(), "resumed by following, never by creating again");
    }

    @Test
    void aMessageLostBetweenRechecksIsResumed() {
        f.wallets.autoSettle(false);
        Checkout c = f.started(CheckoutFixture.b2c("lost-3"));
        lose();
        f.consent(c).orElseThrow();
        f.clock.advance(Duration.ofSeconds(6));
        f.worker().handle(f.queue.drain().get(0).command(), 1);
        f.worker().handle(f.queue.drain().get(0).command(), 1);
        assertEquals(2, f.reload(c).followChecks());
        lose();
        f.wallets.settleAll();

        sweepAfterStall(c);

        assertEquals(CheckoutStatus.COMPLETED, f.reload(c).status());
    }

    @Test
    void aLostConsentExpiryIsResumedAndTheGrantAndIncomingPaymentsAreClosed() {
        Checkout c = f.started(CheckoutFixture.b2c("lost-4"));
        lose();
        f.clock.advance(Checkout.STALE_AFTER.plusMinutes(1));

        assertEquals("resumed: expire-consent", f.scheduledRun(10).outcomes().get(c.id()));
        List<RecordingQueue.Sent> sent = f.queue.drain();
        assertEquals(List.of(new RecordingQueue.Sent(new Command.ExpireConsent(c.id()), Duration.ZERO)), sent);
        f.worker().handle(sent.get(0).command(), 1);

        assertEquals(CheckoutStatus.EXPIRED, f.reload(c).status());
        assertTrue(f.wallets.grantCancelled(c.consent().continueUri()));
        assertEquals(List.of(), f.wallets.openIncomingPayments());
        assertEquals(java.util.Optional.empty(), f.reload(c).wakeAt(), "finished: out of the index");
    }

    @Test
    void aCheckoutThatIsMovingIsLeftAlone() {
        Checkout c = f.started(CheckoutFixture.b2c("moving-1"));
        f.consent(c).orElseThrow();
        f.queue.drain();
        f.clock.advance(Checkout.STALE_AFTER.minusMinutes(2));

        var run = f.scheduledRun(10);

        assertEquals(null, run.outcomes().get(c.id()), "not due yet: not even looked at");
        assertEquals(List.of(), f.queue.sent());
        assertEquals(CheckoutStatus.CONSENT_GRANTED, f.reload(c).status());
    }

    @Test
    void aResumeIsRecordedSoTheNextRunDoesNotSendAgain() {
        Checkout c = f.started(CheckoutFixture.b2c("lost-5"));
        lose();
        f.consent(c).orElseThrow();
        lose();
        f.clock.advance(Checkout.STALE_AFTER.plusMinutes(1));

        f.scheduledRun(10);
        f.scheduledRun(10);

        assertEquals(1, f.queue.sent().size(), "one resume per stall");
        assertTrue(f.store.history(c.id()).stream().anyMatch(e -> e.type().equals("sweep-resumed")));
    }

    @Test
    void aShorterSweepBoundResumesSoonerThoughTheIndexKeepsTheProductionBound() {
        f.settings = f.settings.withSweepAfter(Duration.ofSeconds(30));
        Checkout c = f.started(CheckoutFixture.b2c("short-1"));
        lose();
        f.consent(c).orElseThrow();
        lose();

        f.clock.advance(Duration.ofSeconds(20));
        String early = f.scheduledRun(10).outcomes().getOrDefault(c.id(), "not run");
        List<RecordingQueue.Sent> sentEarly = List.copyOf(f.queue.sent());
        f.clock.advance(Duration.ofSeconds(11));
        String late = f.scheduledRun(10).outcomes().getOrDefault(c.id(), "not run");
        f.drain(f.worker(), 20);

        // The run looks one wake grid further than the bound needs, so it may find the entry early and pass it by.
        assertTrue(
                List.of("not run", "not stalled").contains(early), "20 s without a write is not stalled yet: " + early);
        assertEquals(List.of(), sentEarly);
        assertEquals("resumed: continue-grant", late);
        assertEquals(CheckoutStatus.COMPLETED, f.reload(c).status());
        assertEquals(
                c.consent().deadline(),
                c.wakeAt().orElseThrow(),
                "awaiting consent, the index holds the deadline whatever the sweep's bound");
    }

    @Test
    void theSweepBoundCannotExceedTheOneTheIndexIsKeyedOn() {
        CheckoutSettings s = CheckoutSettings.defaults("https://api.shop.example");
        assertEquals(Checkout.STALE_AFTER, s.sweepAfter());
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> s.withSweepAfter(Checkout.STALE_AFTER.plusSeconds(1)));
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> s.withSweepAfter(Duration.ZERO));
    }

    /** A consented checkout whose continue-grant message was lost. */
    private Checkout stalledAfterConsent(String orderId) {
        Checkout c = f.started(CheckoutFixture.b2c(orderId));
        lose();
        f.consent(c).orElseThrow();
        lose();
        return f.reload(c);
    }

    @Test
    void aFailingEntryIsPushedBackWithItsCountAndNeverHoldsBackTheOneBehindIt() {
        Checkout failing = stalledAfterConsent("sweep-fails");
        f.clock.advance(Duration.ofSeconds(1));
        Checkout healthy = stalledAfterConsent("sweep-healthy");
        f.clock.advance(Checkout.STALE_AFTER.plusMinutes(1));
        assertEquals(List.of(failing.id(), healthy.id()), f.store.dueCheckouts(f.clock.instant(), 10), "due order");
        f.store.crashOn(
                ch -> ch.next().id().equals(failing.id()) && ch.event().type().equals("sweep-resumed"));

        var first = f.scheduledRun(1);
        var second = f.scheduledRun(1);

        assertTrue(first.outcomes().get(failing.id()).startsWith("error (1 in a row"), first.toString());
        // A run pages through the whole index: even with a page of one, the entry behind a failing one is
        // resumed by the same run, and the failing one is not looked at again until its back-off has passed.
        assertEquals("resumed: continue-grant", first.outcomes().get(healthy.id()), "the failing entry fell behind");
        assertTrue(second.outcomes().isEmpty(), second.toString());
        Checkout pushed = f.reload(failing);
        assertEquals(1, pushed.sweepRetry().failures());
        assertTrue(
                pushed.sweepRetry().lastError().contains("SimulatedCrash"),
                pushed.sweepRetry().lastError());
        assertTrue(pushed.wakeAt().orElseThrow().isAfter(f.clock.instant()), "not due again at once");
        assertTrue(f.store.history(failing.id()).stream().anyMatch(e -> e.type().equals("sweep-failed")));

        f.clock.advance(Duration.between(f.clock.instant(), pushed.wakeAt().orElseThrow()));
        var later = f.scheduledRun(10);
        f.drain(f.worker(), 20);

        assertEquals("resumed: continue-grant", later.outcomes().get(failing.id()));
        assertEquals(null, f.reload(failing).sweepRetry(), "a successful re-drive clears the record");
        assertEquals(CheckoutStatus.COMPLETED, f.reload(failing).status());
        assertEquals(CheckoutStatus.COMPLETED, f.reload(healthy).status());
    }

    @Test
    void aFailingEntryFirstInDueOrderLetsTheOneBehindItBeHandledInTheSameRun() {
        Checkout failing = stalledAfterConsent("sweep-fails-2");
        f.clock.advance(Duration.ofSeconds(1));
        Checkout healthy = stalledAfterConsent("sweep-healthy-2");
        f.clock.advance(Checkout.STALE_AFTER.plusMinutes(1));
        f.store.crashOn(
                ch -> ch.next().id().equals(failing.id()) && ch.event().type().equals("sweep-resumed"));

        var run = f.scheduledRun(10);

        assertEquals(
                List.of(failing.id(), healthy.id()), List.copyOf(run.outcomes().keySet()));
        assertEquals("resumed: continue-grant", run.outcomes().get(healthy.id()));
    }

    @Test
    void theBackOffGrowsWithEachFailureInARowUpToAnHour() {
        assertEquals(Duration.ofMinutes(1), dev.opfunctions.checkout.model.SweepRetry.backoff(1));
        assertEquals(Duration.ofMinutes(8), dev.opfunctions.checkout.model.SweepRetry.backoff(4));
        assertEquals(Duration.ofHours(1), dev.opfunctions.checkout.model.SweepRetry.backoff(7));
        assertEquals(Duration.ofHours(1), dev.opfunctions.checkout.model.SweepRetry.backoff(500));
    }
}

package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.FakeWallets;
import dev.opfunctions.checkout.fakes.RecordingQueue;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.LegKey;
import dev.opfunctions.client.Deadline;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The looks at a just-created payment within the invocation ({@link CheckoutSettings#settleLooks()}):
 * a wallet that settles within a few hundred milliseconds completes the checkout without a delayed
 * re-check; a slower one still gets the re-checks; the looks are bounded. Nothing sleeps: the fixture's
 * sleeper moves its clock, and {@link dev.opfunctions.checkout.fakes.FakeWallets#settleAfter} settles by
 * that clock.
 */
class SettleLooksTest {

    private static final Duration MS_50 = Duration.ofMillis(50);
    private static final Duration MS_100 = Duration.ofMillis(100);

    private final CheckoutFixture f = new CheckoutFixture();

    /** A one-time checkout whose consent came after the grant's wait, its grant continuation queued. */
    private Checkout consented(String json) {
        Checkout c = f.started(json);
        f.queue.drain();
        f.consent(c).orElseThrow();
        f.clock.advance(Duration.ofSeconds(6));
        f.queue.drain();
        return f.reload(c);
    }

    private PaymentWorker.Outcome continueGrant(Checkout c) {
        return f.worker().handle(new Command.ContinueGrant(c.id()), 1);
    }

    private List<RecordingQueue.Sent> rechecks() {
        return f.queue.drain().stream()
                .filter(s -> s.command() instanceof Command.FollowPayments)
                .toList();
    }

    @Test
    void aPaymentThatSettles100MsAfterTheCreateCompletesWithinTheInvocation() {
        Checkout c = consented(CheckoutFixture.b2c("settle-fast"));
        f.wallets.settleAfter(MS_100);

        var outcome = continueGrant(c);

        assertEquals(new PaymentWorker.Outcome.Done("completed"), outcome);
        assertEquals(CheckoutStatus.COMPLETED, f.reload(c).status());
        assertTrue(rechecks().isEmpty(), "no delayed re-check was needed");
        // Looked right after the create (nothing yet), at 50 ms (nothing yet) and at 150 ms (settled).
        assertEquals(List.of(MS_50, MS_100), f.pauses);
        assertEquals(3, f.wallets.count("getOutgoingPayment"));
        assertEquals(0, f.reload(c).followChecks());
    }

    @Test
    void aSplitWaitsForBothPaymentsAndLooksOnlyAtThoseStillMoving() {
        Checkout c = consented(CheckoutFixture.split("settle-split", "100000"));
        f.wallets.settleAfter(Duration.ofMillis(120));

        assertEquals(new PaymentWorker.Outcome.Done("completed"), continueGrant(c));

        assertTrue(rechecks().isEmpty());
        assertEquals(List.of(MS_50, MS_100), f.pauses);
        // Two legs, three looks each (both were created at the same instant of the fake clock).
        assertEquals(6, f.wallets.count("getOutgoingPayment"));
    }

    @Test
    void aPaymentThatSettlesLaterStillGetsTheDelayedRechecks() {
        Checkout c = consented(CheckoutFixture.b2c("settle-slow"));
        f.wallets.settleAfter(Duration.ofSeconds(3));

        var outcome = continueGrant(c);

        assertEquals(new PaymentWorker.Outcome.Done("re-check 1 scheduled"), outcome);
        assertEquals(List.of(MS_50, MS_100, Duration.ofMillis(250)), f.pauses, "the looks at 50, 150 and 400 ms");
        assertEquals(4, f.wallets.count("getOutgoingPayment"), "the first look and three more");
        List<RecordingQueue.Sent> first = rechecks();
        assertEquals(1, first.size());
        assertEquals(new Command.FollowPayments(c.id(), 1), first.get(0).command());
        assertEquals(f.settings.followDelay(1), first.get(0).delay(), "the re-checks' delays stay as they were");

        // The re-checks look once each, without pausing: 2.4 s after the create (nothing), then 6.4 s.
        first.forEach(s -> f.queue.send(s.command(), s.delay()));
        f.drain(f.worker(), 5);
        assertEquals(CheckoutStatus.COMPLETED, f.reload(c).status());
        assertEquals(3, f.pauses.size(), "no pause outside the invocation that created the payment");
        assertEquals(6, f.wallets.count("getOutgoingPayment"));
    }

    @Test
    void aWalletThatAnswers502AboutTheSentPaymentGetsNoFurtherLooksOnlyTheDelayedRechecks() {
        Checkout c = consented(CheckoutFixture.b2c("settle-hostile"));
        f.wallets.settleAfter(Duration.ofSeconds(3));
        f.wallets.fault("getOutgoingPayment", FakeWallets.Fault.GATEWAY_ERROR_BEFORE);

        var outcome = continueGrant(c);

        assertEquals(new PaymentWorker.Outcome.Done("re-check 1 scheduled"), outcome);
        assertEquals(List.of(), f.pauses, "no pause for a wallet that did not answer");
        assertEquals(1, f.wallets.count("getOutgoingPayment"), "the one look after the create, not three more");
        assertEquals(1, f.wallets.count("createOutgoingPayment"), "the payment was created once");
        assertEquals(1, rechecks().size());
    }

    @Test
    void anInvocationWithoutTimeForAPauseAndAnotherLookHandsOverAtOnce() {
        Checkout c = consented(CheckoutFixture.b2c("settle-late-invocation"));
        f.wallets.settleAfter(MS_100);
        // Enough for the continuation, the create and a look, not for a pause and a look before the reserve.
        Duration left = LegSteps.LOOK_RESERVE.plus(Duration.ofMillis(10));

        var outcome = Deadline.after(left).run(() -> continueGrant(c));

        assertEquals(new PaymentWorker.Outcome.Done("re-check 1 scheduled"), outcome);
        assertTrue(f.pauses.isEmpty(), "no pause: " + f.pauses);
        assertEquals(1, f.wallets.count("getOutgoingPayment"));
    }

    @Test
    void noLooksConfiguredIsOneLookAfterTheCreate() {
        f.settings = f.settings.withSettleLooks(List.of());
        Checkout c = consented(CheckoutFixture.b2c("settle-off"));
        f.wallets.settleAfter(MS_100);

        assertEquals(new PaymentWorker.Outcome.Done("re-check 1 scheduled"), continueGrant(c));

        assertTrue(f.pauses.isEmpty());
        assertEquals(1, f.wallets.count("getOutgoingPayment"));
    }

    @Test
    void aRecheckThatFindsThePaymentStillMovingDoesNotPause() {
        Checkout c = consented(CheckoutFixture.b2c("settle-recheck"));
        f.wallets.settleAfter(Duration.ofHours(1));
        continueGrant(c);
        f.pauses.clear();
        int looked = f.wallets.count("getOutgoingPayment");

        f.worker().handle(new Command.FollowPayments(c.id(), 1), 1);

        assertTrue(f.pauses.isEmpty());
        assertEquals(looked + 1, f.wallets.count("getOutgoingPayment"));
        assertEquals(2, f.reload(c).followChecks());
    }

    @Test
    void anInstallmentChargedAtConsentCompletesWithinTheInvocationToo() {
        Checkout c = consented(CheckoutFixture.plan("settle-plan", 3, "P1M"));
        f.wallets.settleAfter(MS_100);

        continueGrant(c);

        Checkout after = f.reload(c);
        assertEquals(CheckoutStatus.ACTIVE, after.status());
        assertTrue(after.plan().installment(0).paid());
        assertTrue(rechecks().isEmpty());
        assertEquals(List.of(MS_50, MS_100), f.pauses);
        assertEquals(
                dev.opfunctions.checkout.model.LegStatus.COMPLETED,
                after.leg(new LegKey(0, 0)).orElseThrow().status());
    }

    @Test
    void theScheduleMustAscendWithinASecond() {
        CheckoutSettings s = f.settings;
        assertThrows(IllegalArgumentException.class, () -> s.withSettleLooks(List.of(Duration.ofMillis(400), MS_50)));
        assertThrows(IllegalArgumentException.class, () -> s.withSettleLooks(List.of(Duration.ofSeconds(2))));
        assertInstanceOf(CheckoutSettings.class, s.withSettleLooks(List.of(MS_50, MS_50)));
    }
}

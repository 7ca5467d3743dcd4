package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.FakeWallets.Fault;
import dev.opfunctions.checkout.fakes.InMemoryCheckoutStore.SimulatedCrash;
import dev.opfunctions.checkout.fakes.RecordingQueue;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.LegStatus;
import dev.opfunctions.checkout.port.WalletGateway.OutgoingPayment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PaymentWorkerTest {

    private final CheckoutFixture f = new CheckoutFixture();

    private Checkout consented(String json) {
        Checkout c = f.started(json);
        f.queue.drain();
        f.consent(c).orElseThrow();
        f.clock.advance(Duration.ofSeconds(6));
        return f.reload(c);
    }

    private static Command cont(Checkout c) {
        return new Command.ContinueGrant(c.id());
    }

    private Map<String, Long> paymentsPerQuote() {
        return f.wallets.outgoingPayments().stream()
                .collect(Collectors.groupingBy(OutgoingPayment::quoteId, Collectors.counting()));
    }

    @Test
    void continuesTheGrantCreatesThePaymentAndCompletesTheCheckout() {
        Checkout c = consented(CheckoutFixture.b2c("o1"));

        var outcome = f.worker().handle(cont(c), 1);

        assertInstanceOf(PaymentWorker.Outcome.Done.class, outcome);
        Checkout done = f.reload(c);
        assertEquals(CheckoutStatus.COMPLETED, done.status());
        assertEquals(LegStatus.COMPLETED, done.legs().get(0).status());
        assertEquals("140000", done.legs().get(0).receivedAmount().value().toString());
        assertEquals("140000", done.chargedTotal().value().toString());
        assertNotNull(done.expiresAtEpoch());
        assertEquals(done.finishedAt().plus(Duration.ofDays(90)).getEpochSecond(), done.expiresAtEpoch());
        assertEquals(
                List.of(
                        "checkout-created",
                        "consent-granted",
                        "grant-continuing",
                        "grant-continued",
                        "leg-creating",
                        "leg-sent",
                        "checkout-completed",
                        "grant-closed"),
                f.store.history(c.id()).stream().map(e -> e.type()).toList());
        assertTrue(f.store.history(c.id()).stream()
                .anyMatch(e -> e.type().equals("checkout-completed")
                        && e.detail()
                                .equals("all 1 payments arrived; i0p0: received MXN 1400.00, debited MXN 1400.00,"
                                        + " sent MXN 1400.00")));
    }

    @Test
    void theLastPaymentOfASplitCompletesTheCheckoutInTheSameWriteAsItsLeg() {
        Checkout c = f.started(CheckoutFixture.split("split-1", "5000"));
        f.consent(c).orElseThrow();

        f.drain(f.worker(), 10);

        List<String> types = f.store.history(c.id()).stream().map(e -> e.type()).toList();
        assertEquals(CheckoutStatus.COMPLETED, f.reload(c).status());
        assertEquals(1, types.stream().filter("leg-completed"::equals).count(), "the first leg's own write");
        assertEquals(1, types.stream().filter("checkout-completed"::equals).count());
        assertTrue(f.store.history(c.id()).stream()
                .anyMatch(
                        e -> e.type().equals("checkout-completed") && e.detail().contains("i0p1: received")));
    }

    @Test
    void aCompletedPurchaseRevokesItsGrantAndDropsTheToken() {
        Checkout c = consented(CheckoutFixture.b2c("o1"));

        f.worker().handle(cont(c), 1);

        Checkout done = f.reload(c);
        assertTrue(f.wallets.grantCancelled(c.consent().continueUri()), "revoked at the customer's wallet");
        assertNotNull(done.consent().grantClosedAt());
        assertEquals(null, done.paymentToken(), "no token is kept that can pay nothing more");
        assertEquals(java.util.Optional.empty(), done.wakeAt(), "nothing owed");
    }

    @Test
    void aGrantRevocationTheWalletDidNotAnswerIsOwedToTheSweep() {
        Checkout c = consented(CheckoutFixture.b2c("o1"));
        f.wallets.fault("cancelGrant", Fault.UNAVAILABLE_BEFORE);

        f.worker().handle(cont(c), 1);
        Checkout done = f.reload(c);
        assertEquals(CheckoutStatus.COMPLETED, done.status(), "completion never waits for the revocation");
        assertTrue(done.owesCleanUp() && done.wakeAt().isPresent(), "the sweep will ask again");

        f.worker().handle(new Command.CloseIncomingPayments(c.id()), 1);

        assertTrue(f.wallets.grantCancelled(c.consent().continueUri()));
        assertEquals(java.util.Optional.empty(), f.reload(c).wakeAt());
    }

    @Test
    void waitsForTheGrantsWaitByRequeueingInsteadOfSleeping() {
        Checkout c = f.started(CheckoutFixture.b2c("o1"));
        f.queue.drain();
        f.consent(c).orElseThrow();

        f.worker().handle(cont(c), 1);

        assertEquals(CheckoutStatus.CONSENT_GRANTED, f.reload(c).status());
        assertEquals(0, f.wallets.count("continueGrant"));
        RecordingQueue.Sent requeued = f.queue.sent().get(f.queue.sent().size() - 1);
        assertEquals(cont(c), requeued.command());
        assertTrue(requeued.delay().compareTo(Duration.ofSeconds(5)) <= 0
                && !requeued.delay().isZero());
    }

    @Test
    void progressStartsTheRecheckBackoffAgainFromTheFirstDelay() {
        f.wallets.autoSettle(false);
        Checkout c = consented(CheckoutFixture.split("o-split", "100001"));
        f.queue.drain();
        f.worker().handle(cont(c), 1);
        for (int check = 1; check <= 3; check++)
            f.worker().handle(f.queue.drain().get(0).command(), 1);
        RecordingQueue.Sent fourth = f.queue.drain().get(0);
        assertEquals(
                new RecordingQueue.Sent(new Command.FollowPayments(c.id(), 4), Duration.ofSeconds(16)),
                fourth,
                "no progress: the delay doubles");

        f.wallets.settle(f.reload(c).legs().get(0).outgoingPaymentId());
        f.worker().handle(fourth.command(), 1);

        Checkout after = f.reload(c);
        assertEquals(LegStatus.COMPLETED, after.legs().get(0).status());
        assertEquals(LegStatus.SENT, after.legs().get(1).status());
        assertEquals(
                List.of(new RecordingQueue.Sent(new Command.FollowPayments(c.id(), 1), Duration.ofSeconds(2))),
                f.queue.drain(),
                "one payment arrived: the other is looked at again after the first delay, not 32 s later");
        f.worker().handle(new Command.FollowPayments(c.id(), 4), 1);
        assertEquals(List.of(), f.queue.drain(), "a duplicate of the old chain's message starts nothing");
    }

    @Test
    void followsAPaymentInFlightWithDelayedRechecksUntilItCompletes() {
        f.wallets.autoSettle(false);
        Checkout c = consented(CheckoutFixture.b2c("o1"));
        f.queue.drain();

        f.worker().handle(cont(c), 1);

        assertEquals(CheckoutStatus.PAYING, f.reload(c).status());
        assertEquals(LegStatus.SENT, f.reload(c).legs().get(0).status());
        List<RecordingQueue.Sent> sent = f.queue.drain();
        assertEquals(
                List.of(new RecordingQueue.Sent(new Command.FollowPayments(c.id(), 1), Duration.ofSeconds(2))), sent);

        f.worker().handle(sent.get(0).command(), 1);
        assertEquals(
                new Command.FollowPayments(c.id(), 2), f.queue.sent().get(0).command());
        assertEquals(Duration.ofSeconds(4), f.queue.drain().get(0).delay());

        f.wallets.settleAll();
        f.worker().handle(new Command.FollowPayments(c.id(), 2), 1);
        assertEquals(CheckoutStatus.COMPLETED, f.reload(c).status());
        assertEquals(1, f.wallets.outgoingPayments().size());
    }

    @Test
    void everyMessageDeliveredTwiceStillCreatesOnePaymentPerQuote() {
        f.wallets.autoSettle(false);
        Checkout c = consented(CheckoutFixture.split("o1", "140000"));
        f.queue.drain();
        var worker = f.worker();

        worker.handle(cont(c), 1);
        worker.handle(cont(c), 1);
        List<RecordingQueue.Sent> follow = f.queue.drain();
        assertEquals(1, follow.size(), "the duplicate does not start a second re-check chain");
        f.wallets.settleAll();
        worker.handle(follow.get(0).command(), 1);
        worker.handle(follow.get(0).command(), 1);

        assertEquals(CheckoutStatus.COMPLETED, f.reload(c).status());
        assertEquals(Map.of(c.legs().get(0).quoteId(), 1L, c.legs().get(1).quoteId(), 1L), paymentsPerQuote());
    }

    @Test
    void twoWorkersOnTheSameCheckoutAtOnceCreateOnePaymentPerQuote() throws Exception {
        f.wallets.latency(Duration.ofMillis(20));
        Checkout c = consented(CheckoutFixture.split("o1", "140000"));
        for (int round = 0; round < 5; round++) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<PaymentWorker.Outcome>> both = List.of(
                    f.executor.submit(() -> {
                        go.await();
                        return f.worker().handle(cont(c), 1);
                    }),
                    f.executor.submit(() -> {
                        go.await();
                        return f.worker().handle(cont(c), 1);
                    }));
            go.countDown();
            for (Future<PaymentWorker.Outcome> w : both) w.get();
        }

        assertEquals(CheckoutStatus.COMPLETED, f.reload(c).status());
        assertEquals(Map.of(c.legs().get(0).quoteId(), 1L, c.legs().get(1).quoteId(), 1L), paymentsPerQuote());
        assertEquals(1, f.wallets.count("continueGrant"), "the grant is continued once");
    }

    @Test
    void aCrashAfterCreatingBeforeRecordingIsReconciledNotPaidAgain() {
        f.settings = f.settings.withCreateLease(Duration.ofSeconds(30));
        Checkout c = consented(CheckoutFixture.b2c("o1"));
        f.store.crashOn(ch -> ch.event().type().equals("leg-sent"));

        assertThrows(SimulatedCrash.class, () -> f.worker().handle(cont(c), 1));
        assertEquals(LegStatus.CREATING, f.reload(c).legs().get(0).status());
        assertEquals(1, f.wallets.outgoingPayments().size());

        // Redelivered before the dead worker's lease ran out: nobody touches the leg, a re-check is scheduled.
        f.worker().handle(cont(c), 2);
        assertEquals(1, f.wallets.count("createOutgoingPayment"));
        RecordingQueue.Sent recheck = f.queue.drain().stream()
                .filter(s -> s.command() instanceof Command.FollowPayments)
                .findFirst()
                .orElseThrow();

        f.clock.advance(Duration.ofSeconds(31));
        f.worker().handle(recheck.command(), 1);

        Checkout done = f.reload(c);
        assertEquals(CheckoutStatus.COMPLETED, done.status());
        assertEquals(1, f.wallets.count("createOutgoingPayment"));
        assertEquals(1, f.wallets.outgoingPayments().size());
        assertEquals(
                f.wallets.outgoingPayments().get(0).id(), done.legs().get(0).outgoingPaymentId());
        assertEquals(2, done.legs().get(0).createAttempts());
    }

    @Test
    void aCreateWhoseResponseIsLostIsReadBackAndRecorded() {
        Checkout c = consented(CheckoutFixture.b2c("o1"));
        f.wallets.fault("createOutgoingPayment", Fault.LOSE_RESPONSE);

        var outcome = f.worker().handle(cont(c), 1);

        assertInstanceOf(PaymentWorker.Outcome.Done.class, outcome);
        assertEquals(CheckoutStatus.COMPLETED, f.reload(c).status());
        assertEquals(1, f.wallets.count("createOutgoingPayment"));
        assertEquals(1, f.wallets.outgoingPayments().size());
        assertTrue(f.store.history(c.id()).stream()
                .anyMatch(e -> e.detail().contains("found after the create call failed")));
    }

    @Test
    void aLostResponseWhileTheWalletIsDownIsReconciledOnRedelivery() {
        f.settings = f.settings.withCreateLease(Duration.ofSeconds(30));
        Checkout c = consented(CheckoutFixture.b2c("o1"));
        f.wallets.fault("createOutgoingPayment", Fault.LOSE_RESPONSE);
        f.wallets.fault("listOutgoingPayments", Fault.UNAVAILABLE_BEFORE);

        assertInstanceOf(PaymentWorker.Outcome.Retry.class, f.worker().handle(cont(c), 1));
        assertEquals(LegStatus.CREATING, f.reload(c).legs().get(0).status());

        f.clock.advance(Duration.ofSeconds(31));
        f.worker().handle(cont(c), 2);

        assertEquals(CheckoutStatus.COMPLETED, f.reload(c).status());
        assertEquals(1, f.wallets.outgoingPayments().size());
    }

    @Test
    void retriesThroughWalletOutagesAndThenCompletes() {
        Checkout c = consented(CheckoutFixture.b2c("o1"));
        f.wallets.fault("continueGrant", Fault.UNAVAILABLE_BEFORE);
        f.wallets.fault("createOutgoingPayment", Fault.UNAVAILABLE_BEFORE);

        assertInstanceOf(PaymentWorker.Outcome.Retry.class, f.worker().handle(cont(c), 1));
        f.clock.advance(Duration.ofMinutes(3));
        assertInstanceOf(PaymentWorker.Outcome.Retry.class, f.worker().handle(cont(c), 2));
        f.clock.advance(Duration.ofMinutes(3));
        assertInstanceOf(PaymentWorker.Outcome.Done.class, f.worker().handle(cont(c), 3));

        assertEquals(CheckoutStatus.COMPLETED, f.reload(c).status());
        assertEquals(1, f.wallets.outgoingPayments().size());
    }

    @Test
    void keepsTheLegLeasedAfterAServerErrorAndCreatesOnlyAfterTheLeaseAndAReadBack() {
        Checkout c = consented(CheckoutFixture.b2c("o1"));
        f.wallets.fault("createOutgoingPayment", Fault.UNAVAILABLE_BEFORE);

        assertInstanceOf(PaymentWorker.Outcome.Retry.class, f.worker().handle(cont(c), 1));
        var leg = f.reload(c).legs().get(0);
        assertEquals(LegStatus.CREATING, leg.status());
        assertTrue(leg.leaseUntil().isAfter(f.clock.instant()), "a 503 may come from a gateway after the wallet acted");

        f.worker().handle(cont(c), 2);
        assertEquals(1, f.wallets.count("createOutgoingPayment"), "nothing is created while the lease runs");

        f.clock.advance(Duration.ofMinutes(1));
        f.worker().handle(cont(c), 3);
        assertEquals(
                CheckoutStatus.COMPLETED, f.reload(c).status(), "after the lease: read back, nothing found, created");
        assertEquals(1, f.wallets.outgoingPayments().size());
    }

    @Test
    void anAttemptedCreateIsNeverFailedByAnOutageButLeftUnconfirmedWithAReasonAndARecheck() {
        Checkout c = consented(CheckoutFixture.b2c("o1"));
        for (int i = 0; i < 5; i++) f.wallets.fault("createOutgoingPayment", Fault.UNAVAILABLE_BEFORE);
        for (int i = 0; i < 5; i++) f.wallets.fault("listOutgoingPayments", Fault.UNAVAILABLE_BEFORE);

        PaymentWorker.Outcome last = null;
        for (int receive = 1; receive <= 5; receive++) {
            last = f.worker().handle(cont(c), receive);
            f.clock.advance(Duration.ofMinutes(3));
        }

        assertInstanceOf(PaymentWorker.Outcome.Done.class, last, "never the DLQ: a re-check is scheduled instead");
        Checkout unconfirmed = f.reload(c);
        assertEquals(CheckoutStatus.PAYMENT_UNCONFIRMED, unconfirmed.status());
        assertEquals("PAYMENT_UNCONFIRMED", unconfirmed.reason().code());
        assertTrue(
                unconfirmed.reason().message().contains("5 attempts"),
                unconfirmed.reason().message());
        assertEquals(
                LegStatus.CREATING,
                unconfirmed.legs().get(0).status(),
                "a create was attempted: its outcome is unknown");
        assertEquals(null, unconfirmed.failure());
        assertEquals(
                new Command.FollowPayments(c.id(), f.settings.maxFollowChecks() + 1),
                f.queue.sent().get(f.queue.sent().size() - 1).command());
    }

    @Test
    void aRedrivenMessageResumesAnUnconfirmedCheckoutOnceTheWalletAnswers() {
        Checkout c = consented(CheckoutFixture.b2c("o1"));
        // One refused create, then every read-back fails: five deliveries, and the wallet is back after them.
        f.wallets.fault("createOutgoingPayment", Fault.UNAVAILABLE_BEFORE);
        for (int i = 0; i < 5; i++) f.wallets.fault("listOutgoingPayments", Fault.UNAVAILABLE_BEFORE);
        for (int receive = 1; receive <= 5; receive++) {
            f.worker().handle(cont(c), receive);
            f.clock.advance(Duration.ofMinutes(3));
        }

        f.worker().handle(cont(c), 1);

        assertEquals(CheckoutStatus.COMPLETED, f.reload(c).status());
        assertEquals(1, f.wallets.outgoingPayments().size());
    }

    @Test
    void aSentPaymentIsNeverFailedBecauseTheWalletCannotBeReachedWhileFollowingIt() {
        f.settings = f.settings.withFollow(3, Duration.ofSeconds(2));
        f.wallets.autoSettle(false);
        Checkout c = consented(CheckoutFixture.b2c("o1"));
        f.worker().handle(cont(c), 1);
        assertEquals(LegStatus.SENT, f.reload(c).legs().get(0).status());
        for (int i = 0; i < 3; i++) f.wallets.fault("getOutgoingPayment", Fault.UNAVAILABLE_BEFORE);

        PaymentWorker.Outcome last = null;
        for (int check = 1; check <= 3; check++) {
            f.clock.advance(Duration.ofMinutes(15));
            last = f.worker().handle(new Command.FollowPayments(c.id(), check), 1);
        }

        assertInstanceOf(PaymentWorker.Outcome.Done.class, last, "never the DLQ: a slower re-check follows");
        Checkout stuck = f.reload(c);
        assertEquals(CheckoutStatus.PAYMENT_UNCONFIRMED, stuck.status());
        assertEquals(LegStatus.SENT, stuck.legs().get(0).status());
        assertTrue(
                stuck.reason().message().contains("not confirmed after 3 checks"),
                stuck.reason().message());
        assertTrue(
                stuck.reason().message().contains("did not answer"),
                stuck.reason().message());

        f.wallets.settleAll();
        f.worker().handle(new Command.FollowPayments(c.id(), 4), 1);
        assertEquals(
                CheckoutStatus.COMPLETED, f.reload(c).status(), "the slower re-check after the outage completes it");
    }

    @Test
    void aSentPaymentSurvivesTheLastDeliveryOfAnOutageWithoutFailing() {
        f.wallets.autoSettle(false);
        Checkout c = consented(CheckoutFixture.b2c("o1"));
        f.worker().handle(cont(c), 1);
        for (int i = 0; i < 5; i++) f.wallets.fault("getOutgoingPayment", Fault.UNAVAILABLE_BEFORE);

        f.worker().handle(new Command.FollowPayments(c.id(), 1), 5);

        Checkout after = f.reload(c);
        assertEquals(CheckoutStatus.PAYING, after.status());
        assertEquals(LegStatus.SENT, after.legs().get(0).status());
        assertEquals(
                new Command.FollowPayments(c.id(), 2),
                f.queue.sent().get(f.queue.sent().size() - 1).command());
    }

    @Test
    void recordsAPaymentTheWalletMarksFailed() {
        f.wallets.autoSettle(false);
        Checkout c = consented(CheckoutFixture.b2c("o1"));
        f.worker().handle(cont(c), 1);
        f.wallets.failPayment(f.reload(c).legs().get(0).outgoingPaymentId());

        f.worker().handle(new Command.FollowPayments(c.id(), 1), 1);

        Checkout failed = f.reload(c);
        assertEquals(CheckoutStatus.FAILED, failed.status());
        assertEquals("PAYMENT_FAILED", failed.failure().code());
    }

    @Test
    void expiresACheckoutWhoseCustomerNeverConsented() {
        Checkout c = f.started(CheckoutFixture.b2c("o1"));

        f.clock.advance(Duration.between(f.clock.instant(), c.consent().deadline()));
        String run = f.scheduledRun(10).outcomes().get(c.id());
        List<RecordingQueue.Sent> sent = f.queue.drain();
        f.worker().handle(sent.get(0).command(), 1);

        assertEquals("resumed: expire-consent", run, "the scheduled run expires it at the deadline");
        assertEquals(new Command.ExpireConsent(c.id()), sent.get(0).command());
        assertEquals(CheckoutStatus.EXPIRED, f.reload(c).status());
        assertEquals(1, f.wallets.count("cancelGrant"));
    }

    @Test
    void retriesAContinuationTheWalletFindsTooFast() {
        Checkout c = consented(CheckoutFixture.b2c("o1"));
        f.wallets.fault("continueGrant", Fault.TOO_FAST);

        f.worker().handle(cont(c), 1);
        assertEquals(CheckoutStatus.CONSENT_GRANTED, f.reload(c).status());
        f.drain(f.worker(), 5);

        assertEquals(CheckoutStatus.COMPLETED, f.reload(c).status());
    }

    @Test
    void rotatesAnExpiredPaymentTokenAndKeepsGoing() {
        f.wallets.autoSettle(false);
        Checkout c = consented(CheckoutFixture.b2c("o1"));
        f.worker().handle(cont(c), 1);
        f.wallets.settleAll();
        f.clock.advance(Duration.ofMinutes(11));

        f.worker().handle(new Command.FollowPayments(c.id(), 1), 1);

        assertEquals(CheckoutStatus.COMPLETED, f.reload(c).status());
        assertTrue(f.wallets.count("rotateToken") >= 1);
    }

    @Test
    void replacesAQuoteThatExpiredBeforeConsentAtTheSamePrice() {
        f.wallets.quoteLife(Duration.ofMinutes(1));
        Checkout c = f.started(CheckoutFixture.b2c("o1"));
        f.clock.advance(Duration.ofMinutes(2));
        f.consent(c).orElseThrow();
        f.clock.advance(Duration.ofSeconds(6));

        f.worker().handle(cont(c), 1);

        Checkout done = f.reload(c);
        assertEquals(CheckoutStatus.COMPLETED, done.status());
        assertTrue(!done.legs().get(0).quoteId().equals(c.legs().get(0).quoteId()));
        assertEquals(1, f.wallets.outgoingPayments().size());
    }

    @Test
    void asksForConsentAgainWhenTheWalletWillNotIssueTheToken() {
        Checkout c = f.started(CheckoutFixture.b2c("o1"));
        // Valid callback, but the wallet never recorded approval.
        f.finish().finish(c.id(), f.approval(c, "r")).orElseThrow();
        f.clock.advance(Duration.ofSeconds(6));

        f.worker().handle(cont(c), 1);

        Checkout again = f.reload(c);
        assertEquals(CheckoutStatus.AWAITING_CONSENT, again.status());
        assertEquals("CONSENT_NOT_REDEEMED", again.reason().code());
        assertEquals(2, again.consent().roundNumber());
        assertTrue(!again.consent().redirectUrl().equals(c.consent().redirectUrl()), "a new consent link");
        assertTrue(f.wallets.grantCancelled(c.consent().continueUri()), "the refused grant is cancelled");
        assertEquals(0, f.wallets.outgoingPayments().size());
    }

    @Test
    void aLostContinuationAnswerEndsWithTheCustomerApprovingAgainAndPaying() {
        Checkout c = f.started(CheckoutFixture.b2c("o-lost"));
        f.queue.drain();
        f.consent(c).orElseThrow();
        f.queue.drain();
        f.clock.advance(Duration.ofSeconds(6));
        f.wallets.fault("continueGrant", Fault.LOSE_RESPONSE);

        assertInstanceOf(
                PaymentWorker.Outcome.Retry.class,
                f.worker().handle(cont(c), 1),
                "no answer: money may not move yet, retry");
        f.worker().handle(cont(c), 2);

        Checkout again = f.reload(c);
        assertEquals(CheckoutStatus.AWAITING_CONSENT, again.status());
        assertTrue(
                f.wallets.grantCancelled(c.consent().continueUri()),
                "the token issued with the lost answer is revoked with its grant");
        assertTrue(f.store.history(c.id()).stream().anyMatch(e -> e.type().equals("consent-requested-again")));
        assertTrue(CheckoutView.checkout(again).has("redirectUrl"), "the storefront can show the new consent link");
        assertFalse(
                f.finish().finish(c.id(), f.approval(c, "stale")) instanceof dev.opfunctions.checkout.Result.Ok<?>,
                "the first consent's callback no longer matches");

        f.consent(again).orElseThrow();
        f.clock.advance(Duration.ofSeconds(6));
        f.drain(f.worker(), 10);

        Checkout done = f.reload(c);
        assertEquals(CheckoutStatus.COMPLETED, done.status());
        assertEquals(null, done.reason());
        assertEquals(1, f.wallets.outgoingPayments().size());
    }

    @Test
    void failsTheCheckoutWhenTheWalletWillNotIssueTheTokenAfterThreeConsents() {
        Checkout c = f.started(CheckoutFixture.b2c("o1"));
        for (int round = 1; round <= ConsentRecovery.MAX_ROUNDS; round++) {
            // Valid callback, but the wallet never recorded approval.
            f.finish().finish(c.id(), f.approval(f.reload(c), "r" + round)).orElseThrow();
            f.clock.advance(Duration.ofSeconds(6));
            f.worker().handle(cont(c), 1);
        }

        assertEquals(CheckoutStatus.FAILED, f.reload(c).status());
        assertEquals("CONSENT_NOT_REDEEMABLE", f.reload(c).failure().code());
        assertEquals(0, f.wallets.outgoingPayments().size());
        assertEquals(List.of(), f.wallets.openIncomingPayments(), "the failed checkout's incoming payment is closed");
    }
}

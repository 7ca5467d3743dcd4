package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.FakeWallets.Fault;
import dev.opfunctions.checkout.fakes.RecordingQueue;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.Leg;
import dev.opfunctions.checkout.model.LegStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What no code can settle ends in needs-review, visibly and without the DLQ: payments that stay
 * unconfirmed through the bounded re-checks, and payments the wallets answer 404 for.
 */
class NeedsReviewTest {

    private final CheckoutFixture f = new CheckoutFixture();

    /** A one-time checkout whose payment is created and sent but not settled. */
    private Checkout sent(String orderId) {
        f.wallets.autoSettle(false);
        Checkout c = f.started(CheckoutFixture.b2c(orderId));
        f.queue.drain();
        f.consent(c).orElseThrow();
        f.clock.advance(Duration.ofSeconds(6));
        f.worker().handle(new Command.ContinueGrant(c.id()), 1);
        f.queue.drain();
        Checkout sent = f.reload(c);
        assertEquals(LegStatus.SENT, sent.legs().get(0).status());
        return sent;
    }

    private long reviewEvents(Checkout c) {
        return f.store.history(c.id()).stream()
                .filter(e -> e.type().equals(Checkout.NEEDS_REVIEW_EVENT))
                .count();
    }

    @Test
    void anUnconfirmedPaymentNeverReachesTheDlqAndNeedsReviewAfterItsCap() {
        f.settings = f.settings.withFollow(2, Duration.ofSeconds(2));
        Checkout c = sent("unconfirmed-1");
        for (int i = 0; i < 1000; i++) f.wallets.fault("getOutgoingPayment", Fault.UNAVAILABLE_BEFORE);
        Instant start = f.clock.instant();
        f.queue.send(new Command.FollowPayments(c.id(), 1), Duration.ofSeconds(2));

        List<PaymentWorker.Outcome> outcomes = new ArrayList<>();
        List<Duration> delays = new ArrayList<>();
        int broughtBackByTheIndex = 0;
        for (int round = 0; round < 100 && f.reload(c).status() != CheckoutStatus.NEEDS_REVIEW; round++) {
            List<RecordingQueue.Sent> batch = f.queue.drain();
            if (batch.isEmpty()) {
                Instant wake = f.reload(c).wakeAt().orElseThrow();
                f.clock.advance(Duration.between(f.clock.instant(), wake).plusSeconds(1));
                assertTrue(f.scheduledRun(10).outcomes().get(c.id()).startsWith("resumed"));
                broughtBackByTheIndex++;
                continue;
            }
            for (RecordingQueue.Sent s : batch) {
                delays.add(s.delay());
                f.clock.advance(s.delay().plusMillis(1));
                outcomes.add(f.worker().handle(s.command(), 1));
            }
        }

        Checkout end = f.reload(c);
        assertEquals(CheckoutStatus.NEEDS_REVIEW, end.status());
        assertEquals("PAYMENT_UNCONFIRMED", end.reason().code());
        assertTrue(
                end.reason().message().contains("8 further re-checks"),
                end.reason().message());
        assertNull(end.failure(), "money may have moved: never called failed");
        assertTrue(
                outcomes.stream().allMatch(o -> o instanceof PaymentWorker.Outcome.Done),
                "no message was ever handed back for redelivery, so none reaches the DLQ: " + outcomes);
        assertEquals(2 + UnconfirmedRechecks.MAX_RECHECKS, end.followChecks(), "the re-checks are counted on the row");
        assertEquals(7, broughtBackByTheIndex, "re-checks later than a queue delay come back through the due index");
        assertTrue(delays.contains(Duration.ofMinutes(15)), delays.toString());
        assertTrue(
                Duration.between(start, f.clock.instant()).compareTo(Duration.ofHours(55)) > 0,
                "the interval grows: 15 min, 30 min … 24 h");
        assertEquals(Optional.empty(), end.wakeAt(), "out of the due index: nothing asks again");
        assertEquals(1, reviewEvents(c), "one needs-review write: what the metric counts");
        assertEquals("needs_review", CheckoutView.checkout(end).get("status").asText());
        assertEquals(
                "PAYMENT_UNCONFIRMED",
                CheckoutView.checkout(end).get("reason").get("code").asText());
    }

    @Test
    void anOutgoingPaymentTheWalletForgotNeedsReviewInsteadOfBeingAskedAboutForever() {
        Checkout c = sent("forgotten-1");
        Leg leg = c.legs().get(0);
        f.wallets.forget(leg.outgoingPaymentId());

        var outcome = f.worker().handle(new Command.FollowPayments(c.id(), 1), 1);

        assertInstanceOf(PaymentWorker.Outcome.Done.class, outcome);
        Checkout end = f.reload(c);
        assertEquals(CheckoutStatus.NEEDS_REVIEW, end.status());
        assertEquals("PAYMENT_NOT_FOUND", end.reason().code());
        assertTrue(
                end.reason().message().contains(leg.outgoingPaymentId()),
                end.reason().message());
        assertEquals(LegStatus.SENT, end.legs().get(0).status(), "what we recorded stays for the person");
        assertEquals(Optional.empty(), end.wakeAt());
        assertEquals(List.of(), f.queue.sent(), "no re-check is scheduled");

        int reads = f.wallets.count("getOutgoingPayment");
        var later = f.worker().handle(new Command.FollowPayments(c.id(), 1), 1);
        assertInstanceOf(PaymentWorker.Outcome.Done.class, later);
        assertEquals(reads, f.wallets.count("getOutgoingPayment"), "a late message asks the wallet nothing");
        assertEquals(1, reviewEvents(c));
    }

    @Test
    void anIncomingPaymentThePayeesWalletForgotAfterMoneyWasSentNeedsReview() {
        Checkout c = sent("forgotten-2");
        Leg leg = c.legs().get(0);
        f.wallets.settle(leg.outgoingPaymentId());
        f.wallets.forget(leg.incomingPaymentId());

        var outcome = f.worker().handle(new Command.FollowPayments(c.id(), 1), 1);

        assertInstanceOf(PaymentWorker.Outcome.Done.class, outcome);
        Checkout end = f.reload(c);
        assertEquals(CheckoutStatus.NEEDS_REVIEW, end.status());
        assertEquals("INCOMING_PAYMENT_NOT_FOUND", end.reason().code());
    }

    @Test
    void aRefusalNoStepHandlesNeedsReviewOnceACreateIsUnderWayInsteadOfGoingToTheDlq() {
        Checkout c = f.started(CheckoutFixture.b2c("refused-1"));
        f.queue.drain();
        f.consent(c).orElseThrow();
        f.clock.advance(Duration.ofSeconds(6));
        // A create whose answer was lost (the payment exists), then a read-back the wallet refuses outright.
        f.wallets.fault("createOutgoingPayment", Fault.LOSE_RESPONSE);
        f.wallets.fault("listOutgoingPayments", Fault.UNAVAILABLE_BEFORE);
        f.worker().handle(new Command.ContinueGrant(c.id()), 1);
        f.clock.advance(Duration.ofMinutes(2));
        f.wallets.fault("listOutgoingPayments", Fault.REJECTED);

        var outcome = f.worker().handle(new Command.FollowPayments(c.id(), 1), 1);

        // Rethrown, it would fail the same way on every delivery and end in the DLQ.
        assertInstanceOf(PaymentWorker.Outcome.Done.class, outcome);
        Checkout end = f.reload(c);
        assertEquals(LegStatus.CREATING, end.legs().get(0).status(), "whether the payment exists is unknown");
        assertEquals(CheckoutStatus.NEEDS_REVIEW, end.status());
        assertEquals("WALLET_REJECTED", end.reason().code());
        assertTrue(end.reason().message().contains("HTTP 400"), end.reason().message());
    }
}

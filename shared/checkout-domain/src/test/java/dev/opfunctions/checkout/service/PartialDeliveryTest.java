package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.Leg;
import dev.opfunctions.checkout.model.LegAttempt;
import dev.opfunctions.checkout.model.LegKey;
import dev.opfunctions.checkout.model.LegStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An installment attempt the wallet stops after part of the money arrived (Rafiki fails an ILP STREAM
 * payment whose later packets are rejected): the retry pays only the rest, and every attempt is counted.
 */
class PartialDeliveryTest {

    private static final LegKey SECOND = new LegKey(1, 0);

    private final CheckoutFixture f = new CheckoutFixture();

    @BeforeEach
    void quickRotationRefusals() {
        f.settings = f.settings.withPlans(f.settings.plans().withRotationWait(Duration.ofMillis(200)));
    }

    private Checkout active() {
        Checkout c = f.started(CheckoutFixture.plan("plan-1", 3, "P1W"));
        f.queue.drain();
        f.consent(c).orElseThrow();
        f.drain(f.worker(), 10);
        return f.reload(c);
    }

    private void tick(Checkout c) {
        Instant wake = f.reload(c).wakeAt().orElseThrow();
        Duration gap = Duration.between(f.clock.instant(), wake.plusSeconds(3));
        if (!gap.isNegative()) f.clock.advance(gap);
        f.scheduledRun(10);
        f.drain(f.worker(), 10);
    }

    @Test
    void aRetryAfterAPartialDeliveryPaysOnlyTheRestAndTheCustomerIsChargedForBoth() {
        Checkout c = active();
        long before = f.wallets.receivedBy(CheckoutFixture.MERCHANT).value().longValueExact();
        f.wallets.autoSettle(false);
        tick(c);
        Leg first = f.reload(c).leg(SECOND).orElseThrow();
        long share = first.receiveAmount().value().longValueExact();
        long delivered = share / 3;
        f.wallets.failAfterPartialDelivery(first.outgoingPaymentId(), delivered, delivered);

        f.worker().handle(new Command.FollowPayments(c.id(), 1), 1);
        Leg failed = f.reload(c).leg(SECOND).orElseThrow();
        assertEquals(LegStatus.SCHEDULED, failed.status(), "rescheduled for the next attempt");
        assertEquals(1, failed.attempts().size());
        LegAttempt kept = failed.attempts().get(0);
        assertEquals(first.outgoingPaymentId(), kept.outgoingPaymentId());
        assertEquals(delivered, kept.receivedAmount().value().longValueExact());
        assertEquals(delivered, kept.sentAmount().value().longValueExact());
        assertEquals(share - delivered, failed.owed().value().longValueExact());

        f.wallets.autoSettle(true);
        tick(c);

        Checkout after = f.reload(c);
        Leg paid = after.leg(SECOND).orElseThrow();
        assertEquals(LegStatus.COMPLETED, paid.status());
        assertTrue(after.plan().installment(1).paid());
        long received = f.wallets.receivedBy(CheckoutFixture.MERCHANT).value().longValueExact() - before;
        assertEquals(share, received, "the payee got exactly the installment's share, over both attempts");
        assertEquals(share, paid.totalReceived().value().longValueExact());
        long secondDebit = paid.debitAmount().value().longValueExact();
        assertEquals(
                delivered + secondDebit,
                paid.charged().value().longValueExact(),
                "the customer's charges count the stopped attempt too");
        assertEquals(
                share - delivered,
                f.wallets
                        .incoming(paid.incomingPaymentId())
                        .incomingAmount()
                        .value()
                        .longValueExact());
    }

    @Test
    void aStoppedPaymentWhoseWholeShareArrivedCompletesTheLeg() {
        Checkout c = active();
        f.wallets.autoSettle(false);
        tick(c);
        Leg first = f.reload(c).leg(SECOND).orElseThrow();
        long share = first.receiveAmount().value().longValueExact();
        f.wallets.failAfterPartialDelivery(first.outgoingPaymentId(), share, share);

        f.worker().handle(new Command.FollowPayments(c.id(), 1), 1);

        Checkout after = f.reload(c);
        assertEquals(LegStatus.COMPLETED, after.leg(SECOND).orElseThrow().status(), "the money arrived");
        assertTrue(after.plan().installment(1).paid());
        assertEquals(CheckoutStatus.ACTIVE, after.status());
        assertNull(after.reason());
    }

    @Test
    void aOneTimePaymentStoppedHalfWayFailsWithWhatArrivedOnRecordAndIsNotRetried() {
        Checkout c = f.started(CheckoutFixture.b2c("o1"));
        f.queue.drain();
        f.consent(c).orElseThrow();
        f.clock.advance(Duration.ofSeconds(6));
        f.wallets.autoSettle(false);
        f.worker().handle(new Command.ContinueGrant(c.id()), 1);
        Leg sent = f.reload(c).legs().get(0);
        f.wallets.failAfterPartialDelivery(sent.outgoingPaymentId(), 40000, 40000);

        f.worker().handle(new Command.FollowPayments(c.id(), 1), 1);

        Checkout failed = f.reload(c);
        assertEquals(CheckoutStatus.FAILED, failed.status());
        Leg leg = failed.legs().get(0);
        assertEquals(40000, leg.receivedAmount().value().longValueExact());
        assertEquals(40000, failed.chargedTotal().value().longValueExact());
        assertTrue(
                leg.failure().message().contains("the payee received"),
                leg.failure().message());
        assertEquals(1, f.wallets.outgoingPayments().size());
    }
}

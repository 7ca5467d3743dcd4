package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.FakeWallets.Fault;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.Leg;
import dev.opfunctions.checkout.model.LegStatus;
import dev.opfunctions.client.Deadline;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One rule for a create whose answer may mean "created": the lease stays until it runs out, and only a
 * read-back after that decides whether to create again, re-quote, or record the payment found.
 */
class AmbiguousCreateTest {

    private final CheckoutFixture f = new CheckoutFixture();

    /** A checkout whose customer consented, with quotes that live one minute. */
    private Checkout consented() {
        f.wallets.quoteLife(Duration.ofMinutes(1));
        Checkout c = f.started(CheckoutFixture.b2c("o1"));
        f.queue.drain();
        f.consent(c).orElseThrow();
        f.clock.advance(Duration.ofSeconds(6));
        return f.reload(c);
    }

    private PaymentWorker.Outcome deliver(Checkout c, int receive) {
        return f.worker().handle(new Command.ContinueGrant(c.id()), receive);
    }

    @ParameterizedTest
    @EnumSource(
            value = Fault.class,
            names = {"LOSE_RESPONSE", "GATEWAY_ERROR_AFTER", "GARBLED_AFTER"})
    void aCreateThatLandedButWasAnsweredAmbiguouslyIsFoundAfterTheQuoteExpiredNotPaidAgain(Fault answer) {
        Checkout c = consented();
        f.wallets.fault("createOutgoingPayment", answer);
        // The immediate read-back misses too (the wallet is slow to list what it just created).
        f.wallets.fault("listOutgoingPayments", Fault.UNAVAILABLE_BEFORE);

        assertInstanceOf(PaymentWorker.Outcome.Retry.class, deliver(c, 1));
        Leg held = f.reload(c).legs().get(0);
        assertEquals(LegStatus.CREATING, held.status());
        assertTrue(held.leaseUntil().isAfter(f.clock.instant()), answer + " may mean created: the lease stays");

        deliver(c, 2);
        assertEquals(1, f.wallets.count("createOutgoingPayment"), "nothing is created while the lease runs");

        f.clock.advance(Duration.ofMinutes(2));
        deliver(c, 3);

        Checkout done = f.reload(c);
        assertEquals(CheckoutStatus.COMPLETED, done.status());
        assertEquals(1, f.wallets.outgoingPayments().size(), "exactly one outgoing payment");
        assertEquals(c.legs().get(0).quoteId(), done.legs().get(0).quoteId(), "found, not re-quoted");
    }

    @Test
    void aGatewayErrorThatCreatedNothingIsReQuotedOnlyAfterTheLeaseAndAReadBack() {
        Checkout c = consented();
        f.wallets.fault("createOutgoingPayment", Fault.GATEWAY_ERROR_BEFORE);

        deliver(c, 1);
        assertTrue(f.reload(c).legs().get(0).leaseUntil().isAfter(f.clock.instant()));
        f.clock.advance(Duration.ofMinutes(2));
        deliver(c, 2);

        Checkout done = f.reload(c);
        assertEquals(CheckoutStatus.COMPLETED, done.status());
        assertEquals(1, f.wallets.outgoingPayments().size());
        assertNotEquals(c.legs().get(0).quoteId(), done.legs().get(0).quoteId(), "the expired quote was replaced");
        assertTrue(f.store.history(c.id()).stream().anyMatch(e -> e.type().equals("leg-requoted")));
    }

    @Test
    void aRateLimitedCreateFreesTheLegAtOnce() {
        Checkout c = consented();
        f.wallets.fault("createOutgoingPayment", Fault.RATE_LIMITED_BEFORE);

        deliver(c, 1);
        assertTrue(
                !f.reload(c).legs().get(0).leaseUntil().isAfter(f.clock.instant()),
                "a 429 says the wallet did nothing");
        deliver(c, 2);

        assertEquals(CheckoutStatus.COMPLETED, f.reload(c).status());
        assertEquals(1, f.wallets.outgoingPayments().size());
    }

    @Test
    void aQuoteThatExpiredAndNowCostsMoreFailsThePaymentWithPriceChanged() {
        Checkout c = consented();
        f.clock.advance(Duration.ofMinutes(2));
        f.wallets.fees(500, 0);

        deliver(c, 1);

        Checkout failed = f.reload(c);
        assertEquals(CheckoutStatus.FAILED, failed.status());
        assertEquals("PRICE_CHANGED", failed.legs().get(0).failure().code());
        assertEquals(0, f.wallets.outgoingPayments().size());
    }

    @Test
    void aRefusedNewQuoteAfterAnEmptyReadBackFailsThePaymentInsteadOfWaitingForAPerson() {
        Checkout c = consented();
        f.wallets.fault("createOutgoingPayment", Fault.GATEWAY_ERROR_BEFORE);
        deliver(c, 1);
        f.clock.advance(Duration.ofMinutes(2));
        f.wallets.fault("createQuote", Fault.REJECTED);

        deliver(c, 2);

        Checkout failed = f.reload(c);
        assertEquals(CheckoutStatus.FAILED, failed.status(), "the read-back found no payment: nothing can be moving");
        assertEquals("PAYMENT_REFUSED", failed.legs().get(0).failure().code());
        assertEquals(0, f.wallets.outgoingPayments().size());
    }

    @Test
    void theLeaseLastsTheCreateStepsTimePlusAMarginNotAFixedTwoMinutes() {
        Checkout c = consented();
        f.wallets.fault("createOutgoingPayment", Fault.LOSE_RESPONSE);
        f.wallets.fault("listOutgoingPayments", Fault.UNAVAILABLE_BEFORE);
        var start = f.clock.instant();

        Deadline.after(Duration.ofSeconds(8)).run(() -> deliver(c, 1));

        Duration lease = Duration.between(start, f.reload(c).legs().get(0).leaseUntil());
        assertTrue(
                lease.compareTo(Duration.ofSeconds(18)) <= 0 && lease.compareTo(Duration.ofSeconds(10)) > 0,
                "8 s left of the invocation + the 10 s margin: " + lease);

        Checkout other = f.started(CheckoutFixture.b2c("o2"));
        f.queue.drain();
        f.consent(other).orElseThrow();
        f.clock.advance(Duration.ofSeconds(6));
        f.wallets.fault("createOutgoingPayment", Fault.LOSE_RESPONSE);
        f.wallets.fault("listOutgoingPayments", Fault.UNAVAILABLE_BEFORE);
        var start2 = f.clock.instant();
        deliver(f.reload(other), 1);
        Duration unbound =
                Duration.between(start2, f.reload(other).legs().get(0).leaseUntil());
        Duration bound = StepLease.STEP.plus(StepLease.MARGIN);
        assertTrue(
                unbound.compareTo(bound) <= 0 && unbound.compareTo(bound.minusSeconds(2)) > 0,
                "without an invocation: the step's own bound, " + bound + ": " + unbound);
    }
}

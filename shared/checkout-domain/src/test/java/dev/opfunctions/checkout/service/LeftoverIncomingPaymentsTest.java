package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.FakeWallets.Fault;
import dev.opfunctions.checkout.model.Change;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.LegStatus;
import dev.opfunctions.checkout.port.WalletGateway.IncomingPayment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A checkout (or installment) that ends without paying leaves none of its incoming payments pending at the payees. */
class LeftoverIncomingPaymentsTest {

    private final CheckoutFixture f = new CheckoutFixture();

    private List<IncomingPayment> open() {
        return f.wallets.openIncomingPayments();
    }

    @Test
    void aCheckoutCancelledBeforeConsentClosesItsIncomingPayments() {
        Checkout c = f.started(CheckoutFixture.split("cancel-1", "1000"));
        f.queue.drain();
        assertEquals(2, open().size());

        f.queries().cancel(c.id()).orElseThrow();
        f.drain(f.worker(), 5);

        assertEquals(List.of(), open());
        assertTrue(f.reload(c).legs().stream().allMatch(l -> l.incomingClosedAt() != null));
        assertEquals(
                1,
                f.store.history(c.id()).stream()
                        .filter(e -> e.type().equals("incoming-payments-closed"))
                        .count());
    }

    @Test
    void aRejectedConsentClosesItsIncomingPayments() {
        Checkout c = f.started(CheckoutFixture.b2c("reject-1"));
        f.queue.drain();

        f.finish()
                .finish(c.id(), Map.of("s", f.finishSecret(c), "result", "grant_rejected"))
                .orElseThrow();
        f.drain(f.worker(), 5);

        assertEquals(CheckoutStatus.REJECTED, f.reload(c).status());
        assertEquals(List.of(), open());
    }

    @Test
    void anExpiredConsentClosesItsIncomingPayments() {
        Checkout c = f.started(CheckoutFixture.b2c("expire-1"));
        f.queue.drain();
        f.clock.advance(
                Duration.between(f.clock.instant(), c.consent().deadline()).plusSeconds(1));

        f.worker().handle(new Command.ExpireConsent(c.id()), 1);

        assertEquals(CheckoutStatus.EXPIRED, f.reload(c).status());
        assertEquals(List.of(), open());
    }

    @Test
    void aPaymentTheCustomersWalletRefusesClosesTheIncomingPayment() {
        Checkout c = f.started(CheckoutFixture.b2c("refused-1"));
        f.queue.drain();
        f.consent(c).orElseThrow();
        f.wallets.fault("createOutgoingPayment", Fault.REJECTED);
        f.clock.advance(Duration.ofSeconds(6));

        f.drain(f.worker(), 5);

        assertEquals(CheckoutStatus.FAILED, f.reload(c).status());
        assertEquals(List.of(), open());
    }

    @Test
    void aPayeeWalletThatIsDownAtClosingIsTriedAgainAndDuplicatesCostNoCall() {
        Checkout c = f.started(CheckoutFixture.b2c("cancel-2"));
        f.queue.drain();
        f.wallets.fault("completeIncomingPayment", Fault.UNAVAILABLE_BEFORE);
        f.queries().cancel(c.id()).orElseThrow();
        Command close = new Command.CloseIncomingPayments(c.id());

        assertInstanceOf(PaymentWorker.Outcome.Retry.class, f.worker().handle(close, 1));
        assertEquals(1, open().size());
        assertInstanceOf(PaymentWorker.Outcome.Done.class, f.worker().handle(close, 2));
        assertInstanceOf(PaymentWorker.Outcome.Done.class, f.worker().handle(close, 1));

        assertEquals(List.of(), open());
        assertEquals(
                2,
                f.wallets.count("completeIncomingPayment"),
                "one failed call, one that closed it, none for the duplicate");
    }

    @Test
    void aPayeeWalletDownThroughEveryDeliveryIsClosedLaterByTheSweep() {
        Checkout c = f.started(CheckoutFixture.b2c("cancel-4"));
        f.queue.drain();
        f.wallets.fault("completeIncomingPayment", Fault.UNAVAILABLE_BEFORE, Fault.UNAVAILABLE_BEFORE);
        f.queries().cancel(c.id()).orElseThrow();
        Command close = new Command.CloseIncomingPayments(c.id());
        // Every delivery of the close message fails: after the last one it sits in the DLQ.
        assertInstanceOf(PaymentWorker.Outcome.Retry.class, f.worker().handle(close, 1));
        assertInstanceOf(PaymentWorker.Outcome.Retry.class, f.worker().handle(close, 2));
        f.queue.drain();
        Checkout ended = f.reload(c);
        assertTrue(ended.owesCleanUp());
        assertEquals(Optional.of(ended.updatedAt().plus(Checkout.CLEAN_UP_RECHECK)), ended.wakeAt());

        f.clock.advance(Checkout.CLEAN_UP_RECHECK.plusMinutes(1));
        f.scheduledRun(10);
        f.drain(f.worker(), 5);

        assertEquals(List.of(), open());
        Checkout tidy = f.reload(c);
        assertEquals(CheckoutStatus.CANCELLED, tidy.status());
        assertEquals(Optional.empty(), tidy.wakeAt(), "nothing left to do: it leaves the due index");
    }

    @Test
    void anEndedCheckoutStopsWakingOnceTheIncomingPaymentsItLeftHaveExpired() {
        Checkout c = f.started(CheckoutFixture.b2c("cancel-5"));
        f.queue.drain();
        f.wallets.fault("completeIncomingPayment", Fault.UNAVAILABLE_BEFORE);
        f.queries().cancel(c.id()).orElseThrow();
        f.queue.drain();
        Checkout ended = f.reload(c);
        assertTrue(ended.owesCleanUp());

        f.clock.advance(Checkout.CLEAN_UP_FOR);
        Change write = ended.edit(f.clock.instant()).change("note", "a late write");
        f.store.update(write);
        Checkout late = write.next();

        assertEquals(Optional.empty(), late.wakeAt(), "a day after it ended the wallet has expired what is left");
    }

    @Test
    void anIncomingPaymentAlreadyClosedAtThePayeeCountsAsClosed() {
        Checkout c = f.started(CheckoutFixture.b2c("cancel-3"));
        f.queue.drain();
        String ip = c.legs().get(0).incomingPaymentId();
        f.wallets.completeIncomingPayment(
                ip, f.wallets.requestGrant(c.legs().get(0).payee().authServer(), null));

        f.queries().cancel(c.id()).orElseThrow();
        f.drain(f.worker(), 5);

        assertNotNull(f.reload(c).legs().get(0).incomingClosedAt());
    }

    @Test
    void aStartThatFailsAfterCreatingIncomingPaymentsClosesThem() {
        f.wallets.fault("requestOutgoingPaymentGrant", Fault.REJECTED);

        var result = f.start().start(f.order(CheckoutFixture.split("grant-refused", "1000")));

        assertTrue(result instanceof dev.opfunctions.checkout.Result.Err<?>, "the start is refused: " + result);
        assertEquals(2, f.wallets.count("createIncomingPayment"));
        assertEquals(List.of(), open());
    }

    @Test
    void aPlanChargedLaterClosesTheIncomingPaymentsItQuotedOnlyToSizeTheGrant() {
        String json = CheckoutFixture.plan("plan-late", 3, "P1W")
                .replace("\"period\":\"P1W\"}", "\"period\":\"P1W\",\"firstAtConsent\":false}");

        Checkout c = f.started(json);

        assertEquals(LegStatus.SCHEDULED, c.legs().get(0).status());
        assertEquals(1, f.wallets.count("createIncomingPayment"));
        assertEquals(List.of(), open());
    }

    @Test
    void aPlanCancelledBetweenInstallmentsLeavesNoIncomingPaymentPending() {
        Checkout c = f.started(CheckoutFixture.plan("plan-cancel", 3, "P1W"));
        f.queue.drain();
        f.consent(c).orElseThrow();
        f.clock.advance(Duration.ofSeconds(6));
        f.drain(f.worker(), 10);
        // Installment 2 prepared (incoming payment and quote exist) but not yet due.
        Instant wake = f.reload(c).wakeAt().orElseThrow();
        f.clock.advance(Duration.between(f.clock.instant(), wake).minusSeconds(30));
        f.scheduledRun(10);
        assertEquals(1, open().size(), "installment 2's incoming payment waits for its charge");

        f.queries().cancel(c.id()).orElseThrow();
        f.drain(f.worker(), 10);

        assertEquals(CheckoutStatus.CANCELLED, f.reload(c).status());
        assertEquals(List.of(), open());
        assertEquals(1, f.wallets.outgoingPayments().size(), "only installment 1 was charged");
    }
}

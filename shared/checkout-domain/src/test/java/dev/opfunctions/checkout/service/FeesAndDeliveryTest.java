package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.Leg;
import dev.opfunctions.checkout.model.LegStatus;
import dev.opfunctions.checkout.port.WalletGateway.OutgoingPayment;
import dev.opfunctions.client.model.Amount;
import java.math.BigInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Completion judged by delivery, with a wallet that charges fees the way the reference server does:
 * {@code sentAmount} leaves the fees out, so a finished payment reports less sent than debited.
 */
class FeesAndDeliveryTest {

    private final CheckoutFixture f = new CheckoutFixture();

    @BeforeEach
    void rafikiLikeFees() {
        f.wallets.fees(100, 200); // 1.00 + 2 %, Rafiki's local environment
    }

    private Checkout paid(String json) {
        Checkout c = f.started(json);
        f.queue.drain();
        f.consent(c).orElseThrow();
        f.clock.advance(java.time.Duration.ofSeconds(6));
        f.drain(f.worker(), 20);
        return f.reload(c);
    }

    @Test
    void aPaymentThatSentLessThanItDebitedButWhoseIncomingPaymentIsCompleteIsCompleted() {
        Checkout done = paid(CheckoutFixture.b2c("fee-1"));

        OutgoingPayment op = f.wallets.outgoingPayments().get(0);
        assertTrue(op.sentAmount().compareTo(op.debitAmount()) < 0, "the wallet reports the fee as not sent: " + op);
        assertEquals(CheckoutStatus.COMPLETED, done.status());
        Leg leg = done.legs().get(0);
        assertEquals(LegStatus.COMPLETED, leg.status());
        // 1400.00 delivered: fee 1.00 + 28.00, debit 1429.00.
        assertEquals(Amount.of(142_900, "MXN", 2), leg.debitAmount());
        assertEquals(Amount.of(142_900, "MXN", 2), done.chargedTotal());
        assertEquals(Amount.of(2_900, "MXN", 2), done.feesTotal().orElseThrow());
        assertEquals(Amount.of(140_000, "MXN", 2), leg.receivedAmount());
    }

    @Test
    void theViewShowsWhatTheCustomerWasChargedAndTheFeesPerPayee() {
        Checkout done = paid(CheckoutFixture.split("fee-split", "1000"));

        ObjectNode view = CheckoutView.checkout(done);

        // 9.50 + (1.00 + 0.19) and 0.50 + (1.00 + 0.01): debited 10.69 + 1.51.
        assertEquals("1220", view.at("/debitedAmount/value").asText());
        assertEquals("220", view.at("/feeAmount/value").asText());
        assertEquals("1220", view.at("/debitAmount/value").asText());
        assertEquals("1069", view.at("/payees/0/debitedAmount/value").asText());
        assertEquals("119", view.at("/payees/0/feeAmount/value").asText());
        assertEquals("950", view.at("/payees/0/sentAmount/value").asText());
        assertEquals("950", view.at("/payees/0/receivedAmount/value").asText());
        assertEquals("151", view.at("/payees/1/debitedAmount/value").asText());
        // What the payees received in all, beside what the customer was charged: the fees are the difference.
        assertEquals("1000", view.at("/receivedAmount/value").asText());
    }

    @Test
    void theViewReportsNothingReceivedBeforeThePaymentsMove() {
        Checkout c = f.started(CheckoutFixture.b2c("fee-4"));

        ObjectNode view = CheckoutView.checkout(c);

        assertEquals("0", view.at("/receivedAmount/value").asText());
        assertEquals("MXN", view.at("/receivedAmount/assetCode").asText());
    }

    @Test
    void progressWithoutDeliveryKeepsFollowing() {
        f.wallets.autoSettle(false);
        Checkout c = f.started(CheckoutFixture.b2c("fee-2"));
        f.queue.drain();
        f.consent(c).orElseThrow();
        f.clock.advance(java.time.Duration.ofSeconds(6));
        f.worker().handle(new Command.ContinueGrant(c.id()), 1);

        Checkout paying = f.reload(c);
        assertEquals(CheckoutStatus.PAYING, paying.status());
        assertEquals(LegStatus.SENT, paying.legs().get(0).status());
        assertEquals(BigInteger.ZERO, paying.chargedTotal().value(), "nothing sent yet, nothing charged");
        assertEquals(0, f.wallets.count("getIncomingPayment"), "nothing sent: the payee side is not worth a look yet");
    }

    @Test
    void aPaymentThatSettlesAfterTheFirstLookCompletesOnARecheck() {
        f.wallets.autoSettle(false);
        Checkout c = f.started(CheckoutFixture.b2c("fee-3"));
        f.queue.drain();
        f.consent(c).orElseThrow();
        f.clock.advance(java.time.Duration.ofSeconds(6));
        f.worker().handle(new Command.ContinueGrant(c.id()), 1);
        f.wallets.settleAll();

        f.drain(f.worker(), 20);

        assertEquals(CheckoutStatus.COMPLETED, f.reload(c).status());
        assertTrue(f.store.history(c.id()).stream()
                .anyMatch(
                        e -> e.type().equals("checkout-completed") && e.detail().contains("debited MXN 1429.00")));
    }

    @Test
    void aPlanChargesEveryInstallmentUnderItsLimitDespiteFees() {
        Checkout c = f.started(CheckoutFixture.plan("fee-plan", 3, "P1W"));
        f.queue.drain();
        f.consent(c).orElseThrow();
        f.clock.advance(java.time.Duration.ofSeconds(6));
        f.drain(f.worker(), 20);
        for (int n = 2; n <= 3; n++) {
            java.time.Instant wake = f.reload(c).wakeAt().orElseThrow();
            f.clock.advance(java.time.Duration.between(f.clock.instant(), wake.plusSeconds(3)));
            f.scheduledRun(10);
            f.drain(f.worker(), 20);
        }

        Checkout done = f.reload(c);
        assertEquals(CheckoutStatus.COMPLETED, done.status());
        assertEquals(3, f.wallets.outgoingPayments().size());
        Amount debited = f.wallets.outgoingPayments().stream()
                .map(OutgoingPayment::debitAmount)
                .reduce(Amount::plus)
                .orElseThrow();
        assertEquals(debited, done.chargedTotal(), "charged = the sum of the payments' debit amounts");
        Amount fees = f.wallets.outgoingPayments().stream()
                .map(f.wallets::feeOf)
                .reduce(Amount::plus)
                .orElseThrow();
        assertEquals(fees, done.feesTotal().orElseThrow());
        assertFalse(f.wallets.openIncomingPayments().stream().anyMatch(i -> true), "no incoming payment left pending");
    }
}

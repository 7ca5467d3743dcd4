package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.LegStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A one-time checkout whose grant the customer revoked while its payment was being followed ends:
 * completed if the payee's incoming payment shows delivery, failed with GRANT_REVOKED if nothing
 * arrived. Before, the revoked grant was rethrown into the DLQ and re-sent by the sweep forever.
 */
class OneTimeGrantRevokedTest {

    private final CheckoutFixture f = new CheckoutFixture();

    @BeforeEach
    void quickRotationRefusals() {
        f.settings = f.settings.withPlans(f.settings.plans().withRotationWait(Duration.ofMillis(200)));
    }

    /** Sent, not settled, and then the customer revokes the grant at their wallet. */
    private Checkout sentThenRevoked(String orderId, boolean deliveredFirst) {
        f.wallets.autoSettle(false);
        Checkout c = f.started(CheckoutFixture.b2c(orderId));
        f.queue.drain();
        f.consent(c).orElseThrow();
        f.clock.advance(Duration.ofSeconds(6));
        f.worker().handle(new Command.ContinueGrant(c.id()), 1);
        f.queue.drain();
        Checkout sent = f.reload(c);
        assertEquals(LegStatus.SENT, sent.legs().get(0).status());
        if (deliveredFirst) f.wallets.settleAll();
        f.wallets.cancelGrant(c.consent().continueUri(), c.consent().continueToken());
        return sent;
    }

    @Test
    void nothingDeliveredFailsWithGrantRevokedAndClosesTheIncomingPayment() {
        Checkout c = sentThenRevoked("revoked-1", false);

        var outcome = f.worker().handle(new Command.FollowPayments(c.id(), 1), 1);

        assertInstanceOf(PaymentWorker.Outcome.Done.class, outcome);
        Checkout end = f.reload(c);
        assertEquals(CheckoutStatus.FAILED, end.status());
        assertEquals("GRANT_REVOKED", end.failure().code());
        assertEquals(LegStatus.FAILED, end.legs().get(0).status());
        assertEquals(null, end.paymentToken(), "a revoked grant's token is of no use any more");
        assertEquals(List.of(), f.wallets.openIncomingPayments(), "the payee is not left waiting");
        assertEquals(Optional.empty(), end.wakeAt(), "nothing left for the sweep");
    }

    @Test
    void deliveredBeforeTheRevocationCompletes() {
        Checkout c = sentThenRevoked("revoked-2", true);

        var outcome = f.worker().handle(new Command.FollowPayments(c.id(), 1), 1);

        assertInstanceOf(PaymentWorker.Outcome.Done.class, outcome);
        Checkout end = f.reload(c);
        assertEquals(CheckoutStatus.COMPLETED, end.status());
        assertEquals(LegStatus.COMPLETED, end.legs().get(0).status());
        assertEquals("140000", end.legs().get(0).receivedAmount().value().toString());
    }
}

package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.FakeWallets.Fault;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.client.Deadline;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** create-outgoing out of time: the message is left for redelivery and nothing the wallet did not say is recorded. */
class PaymentWorkerDeadlineTest {

    private final CheckoutFixture f = new CheckoutFixture();

    private Checkout consented(String orderId) {
        Checkout c = f.started(CheckoutFixture.b2c(orderId));
        f.queue.drain();
        f.consent(c).orElseThrow();
        f.clock.advance(Duration.ofSeconds(6));
        return f.reload(c);
    }

    @Test
    void onTheLastDeliveryRunningOutOfTimeRetriesInsteadOfFailingTheCheckout() {
        Checkout c = consented("late-1");
        f.wallets.latency(Duration.ofSeconds(2));
        int last = f.settings.maxAttempts();

        var outcome = Deadline.after(Duration.ofMillis(300))
                .run(() -> f.worker().handle(new Command.ContinueGrant(c.id()), last));

        var retry = assertInstanceOf(PaymentWorker.Outcome.Retry.class, outcome);
        assertTrue(retry.reason().startsWith("out of time"), retry.reason());
        Checkout after = f.reload(c);
        assertEquals(CheckoutStatus.CONSENT_GRANTED, after.status());
        assertNull(after.failure());
        assertNull(after.consent().continuingUntil(), "the continuation lease is released for the redelivery");
        f.wallets.latency(Duration.ZERO);
        f.worker().handle(new Command.ContinueGrant(c.id()), 1);
        assertEquals(
                CheckoutStatus.COMPLETED,
                f.reload(c).status(),
                "with 300 ms left nothing was sent, so the redelivery can still continue the grant");
    }

    @Test
    void onTheLastDeliveryAnOutageTheWalletReportedStillFailsTheCheckout() {
        Checkout c = consented("late-2");
        f.wallets.fault("continueGrant", Fault.UNAVAILABLE_BEFORE);

        var outcome = Deadline.after(Duration.ofSeconds(10))
                .run(() -> f.worker().handle(new Command.ContinueGrant(c.id()), f.settings.maxAttempts()));

        // Recorded as failed, the message is done: a redelivery could only end in the DLQ.
        assertInstanceOf(PaymentWorker.Outcome.Done.class, outcome);
        Checkout after = f.reload(c);
        assertEquals(CheckoutStatus.FAILED, after.status());
        assertEquals("WALLET_UNAVAILABLE", after.failure().code());
    }
}

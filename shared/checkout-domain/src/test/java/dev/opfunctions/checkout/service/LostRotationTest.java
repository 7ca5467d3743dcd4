package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A worker that dies between rotating the plan's token at the wallet and storing the new one leaves the
 * plan with a dead token: the next run finds the stored rotation intent, learns from the wallet that the
 * rotation did happen, and asks the customer for consent again instead of leaving the plan stuck.
 */
class LostRotationTest {

    private final CheckoutFixture f = new CheckoutFixture();

    private Checkout active() {
        Checkout c = f.started(CheckoutFixture.plan("plan-1", 3, "P1W"));
        f.queue.drain();
        f.consent(c).orElseThrow();
        f.drain(f.worker(), 10);
        return f.reload(c);
    }

    /** Runs the schedule at the plan's wake-up time with the store failing the write of the rotated token. */
    private void rotateAndDieBeforeStoring(Checkout c) {
        f.clock.advance(Duration.between(
                f.clock.instant(), f.reload(c).wakeAt().orElseThrow().plusSeconds(3)));
        f.store.crashOn(change -> change.event().type().equals("token-rotated"));
        String outcome = f.scheduledRun(10).outcomes().get(c.id());
        assertTrue(outcome.contains("crash"), outcome);
    }

    @Test
    void theRunAfterAWorkerDiedBetweenRotateAndStoreAsksForConsentAgain() {
        Checkout c = active();
        int rotations = f.wallets.count("rotateToken");
        rotateAndDieBeforeStoring(c);
        Checkout dead = f.reload(c);
        assertEquals(rotations + 1, f.wallets.count("rotateToken"), "rotated at the wallet");
        assertNotNull(dead.paymentToken().rotatingSince(), "the intent was stored before the call");

        f.clock.advance(PaymentTokens.ROTATION_LEASE.plusSeconds(1));
        String outcome = f.scheduledRun(10).outcomes().get(c.id());

        Checkout again = f.reload(c);
        assertTrue(outcome.contains("consent asked again"), outcome);
        assertEquals(CheckoutStatus.AWAITING_CONSENT, again.status());
        assertEquals("CONSENT_NOT_REDEEMED", again.reason().code());
        assertNull(again.paymentToken());
        assertEquals(2, again.consent().roundNumber());
        assertTrue(
                f.wallets.grantCancelled(c.consent().continueUri()), "the old grant and the unseen token are revoked");
        assertTrue(CheckoutView.checkout(again).has("redirectUrl"), "the storefront can show the new consent link");
        assertEquals(
                again.consent().deadline(),
                again.wakeAt().orElseThrow(),
                "expired at the new deadline by the scheduled run if the customer does not come back");
    }

    @Test
    void afterTheCustomerApprovesAgainThePlanResumesAtItsCurrentInstallment() {
        Checkout c = active();
        rotateAndDieBeforeStoring(c);
        f.clock.advance(PaymentTokens.ROTATION_LEASE.plusSeconds(1));
        f.scheduledRun(10);
        f.queue.drain();

        f.consent(f.reload(c)).orElseThrow();
        f.clock.advance(Duration.ofSeconds(6));
        f.drain(f.worker(), 10);
        Checkout resumed = f.reload(c);
        assertEquals(CheckoutStatus.ACTIVE, resumed.status());
        assertNull(resumed.reason());
        f.scheduledRun(10);
        f.drain(f.worker(), 10);

        Checkout paid = f.reload(c);
        assertTrue(paid.plan().installment(1).paid(), "installment 2 paid with the new grant's token");
        assertEquals(2, f.wallets.outgoingPayments().size());
    }

    @Test
    void aRotationInterruptedWithoutAnAnswerIsRetriedAndSucceedsWhenTheWalletNeverGotIt() {
        Checkout c = active();
        f.clock.advance(Duration.between(
                f.clock.instant(), f.reload(c).wakeAt().orElseThrow().plusSeconds(3)));
        f.wallets.fault("rotateToken", dev.opfunctions.checkout.fakes.FakeWallets.Fault.UNAVAILABLE_BEFORE);
        f.scheduledRun(10);

        f.clock.advance(PaymentTokens.ROTATION_LEASE.plusSeconds(1));
        String outcome = f.scheduledRun(10).outcomes().get(c.id());

        assertTrue(outcome.contains("prepared"), outcome);
        assertEquals(CheckoutStatus.ACTIVE, f.reload(c).status());
        assertNull(f.reload(c).paymentToken().rotatingSince());
    }
}

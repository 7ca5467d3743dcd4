package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.FakeWallets.Fault;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.Consent;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Grants are cancelled with the continuation the wallet last gave (the continue answer may carry a new
 * one), and a refused cancel is never read as "already gone": it is counted, asked again, then shown.
 */
class GrantCancelTest {

    private final CheckoutFixture f = new CheckoutFixture();

    private Checkout consented(String json) {
        Checkout c = f.started(json);
        f.queue.drain();
        f.consent(c).orElseThrow();
        f.clock.advance(Duration.ofSeconds(6));
        return f.reload(c);
    }

    private boolean happened(Checkout c, String type) {
        return f.store.history(c.id()).stream().anyMatch(e -> e.type().equals(type));
    }

    @Test
    void aPurchasesGrantIsCancelledWithTheContinuationTheContinueAnswerCarried() {
        f.wallets.rotateContinueTokens();
        Checkout c = consented(CheckoutFixture.b2c("o1"));

        f.worker().handle(new Command.ContinueGrant(c.id()), 1);

        Checkout done = f.reload(c);
        assertEquals(CheckoutStatus.COMPLETED, done.status());
        assertNotEquals(c.consent().continueToken(), done.consent().continueToken(), "the new continue token is kept");
        assertTrue(f.wallets.grantCancelled(c.consent().continueUri()), "cancelled with the token the wallet knows");
        assertNotNull(done.consent().grantClosedAt());
    }

    @Test
    void aCancelledPlansGrantIsCancelledWithTheContinuationTheContinueAnswerCarried() {
        f.wallets.rotateContinueTokens();
        Checkout c = consented(CheckoutFixture.plan("plan-1", 3, "P1W"));
        f.drain(f.worker(), 10);

        Checkout cancelled = f.queries().cancel(c.id()).orElseThrow();

        assertTrue(f.wallets.grantCancelled(c.consent().continueUri()));
        assertNotNull(cancelled.consent().grantClosedAt());
        assertFalse(cancelled.owesGrantCancel());
    }

    @Test
    void aRefusedCancelIsCountedAskedAgainBySweepAndThenShownNotTakenForGone() {
        Checkout c = consented(CheckoutFixture.b2c("o1"));
        f.wallets.fault("cancelGrant", Fault.UNAUTHORIZED, Fault.UNAUTHORIZED, Fault.UNAUTHORIZED);

        f.worker().handle(new Command.ContinueGrant(c.id()), 1);
        Checkout refusedOnce = f.reload(c);
        assertEquals(CheckoutStatus.COMPLETED, refusedOnce.status());
        assertNull(refusedOnce.consent().grantClosedAt(), "a 401 is no evidence that the grant is gone");
        assertEquals(1, refusedOnce.consent().grantCancelRefusals());
        assertTrue(refusedOnce.owesGrantCancel() && refusedOnce.wakeAt().isPresent(), "the sweep asks again");
        assertNotNull(refusedOnce.paymentToken(), "the token is dropped only with a closed grant");

        for (int retry = 2; retry <= Consent.MAX_CANCEL_REFUSALS; retry++)
            f.worker().handle(new Command.CloseIncomingPayments(c.id()), 1);

        Checkout givenUp = f.reload(c);
        assertEquals(Consent.MAX_CANCEL_REFUSALS, givenUp.consent().grantCancelRefusals());
        assertFalse(givenUp.owesGrantCancel(), "bounded: no more attempts");
        assertEquals(Optional.empty(), givenUp.wakeAt());
        assertTrue(happened(c, "grant-cancel-abandoned"));
        assertFalse(f.wallets.grantCancelled(c.consent().continueUri()), "still live at the wallet");
        JsonNode shown = CheckoutView.checkout(givenUp).get("grantNotCancelled");
        assertNotNull(shown, "a person sees the grant that may still be live");
        assertFalse(shown.get("retrying").asBoolean());
        assertTrue(shown.get("message").asText().contains("401"), shown.toString());
    }

    @Test
    void aCancelAnsweredNotFoundClosesTheGrant() {
        Checkout c = consented(CheckoutFixture.b2c("o1"));
        f.wallets.fault("cancelGrant", Fault.NOT_FOUND);

        f.worker().handle(new Command.ContinueGrant(c.id()), 1);

        Checkout done = f.reload(c);
        assertNotNull(done.consent().grantClosedAt(), "the wallet no longer knows the grant");
        assertEquals(0, done.consent().grantCancelRefusals());
        assertFalse(done.owesGrantCancel());
    }

    @Test
    void aPlanWhoseGrantWasRevokedAtTheWalletIsRecordedClosedWithoutACancel() {
        f.settings = f.settings.withPlans(f.settings.plans().withRotationWait(Duration.ofMillis(200)));
        Checkout c = consented(CheckoutFixture.plan("plan-1", 3, "P1W"));
        f.drain(f.worker(), 10);
        f.wallets.revokeGrant(c.consent().continueUri());
        int cancels = f.wallets.count("cancelGrant");

        f.clock.advance(Duration.ofDays(7).plusSeconds(5));
        f.scheduledRun(10);

        Checkout failed = f.reload(c);
        assertEquals("GRANT_REVOKED", failed.failure().code());
        assertNotNull(failed.consent().grantClosedAt(), "known to have ended at the wallet");
        assertEquals(cancels, f.wallets.count("cancelGrant"));
        assertFalse(failed.owesGrantCancel());
    }
}

package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.model.Change;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.Consent;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.checkout.port.WalletException;
import dev.opfunctions.checkout.port.WalletGateway;
import java.time.Clock;
import java.time.Instant;

/**
 * The one way a checkout's grant is cancelled at the customer's wallet once nothing more will be paid
 * with it: with the continuation the wallet last gave us ({@link Consent#continueUri()} and
 * {@link Consent#continueToken()}, which the continue answer may have replaced), and with what came of it
 * recorded on the checkout in one conditional write.
 *
 * <p>Only a cancel that succeeded, or a 404 (the wallet no longer knows the grant), closes the grant.
 * A 401/403 is no evidence that the grant is gone: the continuation may be stale (a wallet that issued a
 * new continue token we never stored), and a grant left live keeps its tokens able to pay. So a refusal
 * is counted on the checkout ({@link Consent#grantCancelRefusals()}), retried by the sweep while the
 * checkout {@link Checkout#owesGrantCancel() owes} the cancel, and after
 * {@link Consent#MAX_CANCEL_REFUSALS} left for a person, shown on the checkout.
 */
final class GrantCancels {

    /** What one cancel attempt came to, and the checkout as stored after it. */
    record Attempt(Checkout checkout, Kind kind, String what) {
        /** Whether the wallet did not answer: nothing was recorded and the caller retries. */
        boolean unanswered() {
            return kind == Kind.UNANSWERED;
        }
    }

    enum Kind {
        /** Cancelled now, or known to be gone (404): recorded as closed. */
        CLOSED,
        /** Refused (401/403 or another 4xx): counted, retried later, shown after the last refusal. */
        REFUSED,
        /** No answer (5xx, timeout): nothing recorded; retry. */
        UNANSWERED
    }

    private final CheckoutStore store;
    private final WalletGateway gateway;
    private final Clock clock;

    GrantCancels(CheckoutDependencies deps) {
        this.store = deps.store();
        this.gateway = deps.gateway();
        this.clock = deps.clock();
    }

    /**
     * Cancels {@code c}'s grant and records the outcome; a one-time checkout's payment token is dropped
     * with its closed grant (it can pay nothing any more).
     *
     * @throws CheckoutStore.ConcurrentUpdateException when the checkout changed meanwhile (reload and decide again)
     */
    Attempt cancel(Checkout c) {
        Consent consent = c.consent();
        try {
            gateway.cancelGrant(consent.continueUri(), consent.continueToken());
            return closed(c, "cancelled at the customer's wallet");
        } catch (WalletException e) {
            if (e.retryable())
                return new Attempt(c, Kind.UNANSWERED, "the customer's wallet did not answer the grant cancel");
            if (e.kind() == WalletException.Kind.NOT_FOUND)
                return closed(c, "the customer's wallet no longer knows it (" + e.answer() + ")");
            return refused(c, e.answer() + ": " + e.getMessage());
        }
    }

    /** Records a grant known to have ended at the wallet (revoked there) as closed, in {@code e}'s write. */
    static Checkout.Edit knownEnded(Checkout c, Checkout.Edit e, Instant at) {
        return c.consent() == null || c.consent().grantClosedAt() != null
                ? e
                : e.consent(c.consent().withGrantClosedAt(at));
    }

    private Attempt closed(Checkout c, String how) {
        Instant now = clock.instant();
        Checkout.Edit e = c.edit(now).consent(c.consent().withGrantClosedAt(now));
        // A plan keeps its token for the record; a one-time checkout's is dropped as soon as it cannot pay.
        if (!c.hasPlan()) e.paymentToken(null);
        Change change = e.change(
                c.hasPlan() ? "grant-cancelled" : "grant-closed", "grant " + how + ": nothing more is paid with it");
        store.update(change);
        return new Attempt(change.next(), Kind.CLOSED, "grant closed");
    }

    private Attempt refused(Checkout c, String answer) {
        Consent next = c.consent().withGrantCancelRefused(answer);
        String what = next.grantCancelGivenUp()
                ? "the customer's wallet refused to cancel the grant " + next.grantCancelRefusals() + " times (last: "
                        + answer + "); it may still be live there: revoke it at the wallet"
                : "the customer's wallet refused to cancel the grant (" + answer + "); asked again later";
        Change change = c.edit(clock.instant())
                .consent(next)
                .change(next.grantCancelGivenUp() ? "grant-cancel-abandoned" : "grant-cancel-refused", what);
        store.update(change);
        return new Attempt(change.next(), Kind.REFUSED, what);
    }
}

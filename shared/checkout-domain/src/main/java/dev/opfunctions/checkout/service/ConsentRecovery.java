package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.FailureCode;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.Consent;
import dev.opfunctions.checkout.model.Failure;
import dev.opfunctions.checkout.model.PlanPeriod;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.checkout.port.WalletException;
import dev.opfunctions.checkout.port.WalletGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When the customer's wallet refuses to continue a grant the customer approved. The usual cause is a
 * continuation that succeeded at the wallet while its answer was lost: the retry is then refused,
 * and the token the wallet issued is one we never stored. Rather than lose the sale, the grant is
 * cancelled with its continue token (so no live token is left behind) and consent is asked again: a
 * new interactive grant, the checkout back in {@code awaiting_consent} with the new redirect URL and
 * a reason saying why. Only after {@link #MAX_ROUNDS} requests, or when the wallet refuses the new
 * request, does the checkout fail.
 */
final class ConsentRecovery {

    /** Consent requests per checkout: the first and at most two more. */
    static final int MAX_ROUNDS = 3;

    private final CheckoutStore store;
    private final WalletGateway gateway;
    private final Clock clock;
    private final CheckoutSettings settings;
    private final ConsentRequest consents;

    ConsentRecovery(CheckoutDependencies deps) {
        this.store = deps.store();
        this.gateway = deps.gateway();
        this.clock = deps.clock();
        this.settings = deps.settings();
        this.consents = new ConsentRequest(gateway, clock, settings, FinishSecret::generate);
    }

    /**
     * Asks again after {@code refused}; returns false when the checkout was failed instead (the caller closes what it leaves open).
     *
     * @throws WalletException (retryable) when the wallet did not answer the new request: the message is retried
     */
    boolean askAgain(Checkout c, WalletException refused) {
        Consent old = c.consent();
        try {
            gateway.cancelGrant(old.continueUri(), old.continueToken());
        } catch (WalletException gone) {
            // Already finalised or cancelled at the wallet: nothing is left to revoke through this grant.
        }
        String what = "the customer's wallet would not issue the payment token for the approval (" + refused.status()
                + "): " + refused.getMessage();
        if (old.roundNumber() >= MAX_ROUNDS)
            return fail(c, what + "; consent was already asked " + old.roundNumber() + " times");
        Instant now = clock.instant();
        Duration window = c.hasPlan()
                ? PlanSchedule.consentWindow(
                        PlanPeriod.parse(c.plan().period()).orElseThrow(), settings.consentTimeout())
                : settings.consentTimeout();
        Consent fresh;
        try {
            fresh = c.hasPlan()
                    ? consents.request(
                            c.id(),
                            c.customer(),
                            c.plan().debitLimit(),
                            c.plan().interval(),
                            now.plus(window),
                            old.roundNumber() + 1)
                    : consents.request(
                            c.id(), c.customer(), c.debitTotal(), null, now.plus(window), old.roundNumber() + 1);
        } catch (WalletException e) {
            if (e.retryable()) throw e;
            return fail(c, what + "; asking for consent again was refused too (" + e.answer() + "): " + e.getMessage());
        }
        Failure reason = new Failure(
                FailureCode.CONSENT_NOT_REDEEMED,
                what + "; no money was moved: the customer can approve again at the new consent link");
        store.update(c.edit(clock.instant())
                .consent(fresh)
                .reason(reason)
                .moveTo(CheckoutStatus.AWAITING_CONSENT, settings.retention())
                .change("consent-requested-again", "round " + fresh.roundNumber() + ": " + what));
        // Expired, if the customer does not come back, by the scheduled run at the new deadline (Checkout#wakeAt).
        return true;
    }

    /**
     * An active plan lost its only valid payment token (a rotation whose answer was never stored): the old
     * grant is cancelled with its continuation (which also revokes the token we never saw) and the
     * customer is asked for consent again, the plan in {@code awaiting_consent} with the new link and the
     * reason; once they approve, the plan resumes at its current installment. After {@link #MAX_ROUNDS}
     * requests, or when the wallet refuses the new request, the plan fails instead.
     *
     * @throws WalletException (retryable) when the wallet did not answer: nothing changed, try again later
     */
    Checkout askAgainForPlan(Checkout c, PaymentTokens.RotationLostException lost) {
        // Another worker got here first (or the plan ended meanwhile): its outcome stands.
        if (c.status() != CheckoutStatus.ACTIVE && c.status() != CheckoutStatus.PAST_DUE) return c;
        Consent old = c.consent();
        String cancelled;
        try {
            gateway.cancelGrant(old.continueUri(), old.continueToken());
            cancelled = "the old grant is cancelled";
        } catch (WalletException e) {
            if (e.retryable()) throw e;
            cancelled =
                    "cancelling the old grant was refused (" + e.answer() + "): revoke it at the wallet if it is live";
        }
        String what = lost.getMessage() + "; " + cancelled;
        if (old.roundNumber() >= MAX_ROUNDS) {
            fail(c, what + "; consent was already asked " + old.roundNumber() + " times");
            return store.find(c.id()).orElseThrow();
        }
        Instant now = clock.instant();
        Duration window = PlanSchedule.consentWindow(
                PlanPeriod.parse(c.plan().period()).orElseThrow(), settings.consentTimeout());
        Consent fresh;
        try {
            fresh = consents.request(
                    c.id(),
                    c.customer(),
                    c.plan().debitLimit(),
                    c.plan().interval(),
                    now.plus(window),
                    old.roundNumber() + 1);
        } catch (WalletException e) {
            if (e.retryable()) throw e;
            fail(c, what + "; asking for consent again was refused too (" + e.answer() + "): " + e.getMessage());
            return store.find(c.id()).orElseThrow();
        }
        var change = c.edit(now)
                .consent(fresh)
                .paymentToken(null)
                .reason(new Failure(
                        FailureCode.CONSENT_NOT_REDEEMED,
                        "the plan's payment token was lost at the customer's wallet; nothing more is charged until the"
                                + " customer approves again at the new consent link"))
                .moveTo(CheckoutStatus.AWAITING_CONSENT, settings.retention())
                .change("consent-requested-again", "round " + fresh.roundNumber() + ": " + what);
        store.update(change);
        return change.next();
    }

    private boolean fail(Checkout c, String why) {
        store.update(c.edit(clock.instant())
                .fail(
                        new Failure(
                                FailureCode.CONSENT_NOT_REDEEMABLE,
                                why + "; no money was moved, ask the customer to pay again"),
                        settings.retention())
                .change("checkout-failed", "grant continuation refused"));
        return false;
    }
}

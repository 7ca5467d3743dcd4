package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.FailureCode;
import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.Consent;
import dev.opfunctions.checkout.model.Failure;
import dev.opfunctions.checkout.model.PlanPeriod;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.checkout.port.CommandQueue;
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
    private final CommandQueue queue;
    private final WalletGateway gateway;
    private final Clock clock;
    private final CheckoutSettings settings;
    private final ConsentRequest consents;

    ConsentRecovery(CheckoutDependencies deps) {
        this.store = deps.store();
        this.queue = deps.queue();
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
        queue.send(
                new Command.ExpireConsent(c.id()),
                PaymentWorker.cap(Duration.between(clock.instant(), fresh.deadline())));
        return true;
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

package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.FailureCode;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.Failure;
import dev.opfunctions.checkout.model.Leg;
import dev.opfunctions.checkout.model.LegStatus;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.checkout.port.WalletException;
import dev.opfunctions.checkout.port.WalletGateway;
import dev.opfunctions.checkout.port.WalletGateway.AccessKind;
import dev.opfunctions.checkout.port.WalletGateway.IncomingPayment;
import dev.opfunctions.checkout.service.PaymentWorker.Outcome;
import java.time.Clock;
import java.time.Instant;

/**
 * Ends a one-time checkout whose grant was revoked at the customer's wallet (no token can be had any
 * more, so its outgoing payments can no longer be read). What was delivered is judged from the
 * payees' side, with this client's own incoming-payment tokens: every payment delivered means
 * {@link CheckoutStatus#COMPLETED}; nothing received on any payment in flight means {@link
 * CheckoutStatus#FAILED} with {@link FailureCode#GRANT_REVOKED}; a part received, or a payee's
 * answer that cannot be had, means money may have moved: {@link NeedsReview}. Without this, the
 * revoked grant was rethrown to the DLQ and re-sent by the sweep forever.
 */
final class RevokedGrantEnding {

    private static final int MAX_RACES = 8;

    private final CheckoutStore store;
    private final WalletGateway gateway;
    private final WalletDirectory directory;
    private final Clock clock;
    private final CheckoutSettings settings;
    private final NeedsReview review;

    RevokedGrantEnding(CheckoutDependencies deps, NeedsReview review) {
        this.store = deps.store();
        this.gateway = deps.gateway();
        this.directory = deps.directory();
        this.clock = deps.clock();
        this.settings = deps.settings();
        this.review = review;
    }

    /** Ends the checkout; a payee's wallet that does not answer is asked again on redelivery, then a person is. */
    Outcome end(String checkoutId, PaymentTokens.GrantRevokedException revoked, int receiveCount) {
        Failure why = new Failure(FailureCode.GRANT_REVOKED, revoked.getMessage());
        for (int race = 0; race < MAX_RACES; race++) {
            Checkout c = store.find(checkoutId).orElse(null);
            if (c == null || c.status().isTerminal() || c.status() == CheckoutStatus.NEEDS_REVIEW)
                return new Outcome.Done("checkout is no longer paying");
            Instant now = clock.instant();
            Checkout.Edit e = c.edit(now).paymentToken(null).consent(c.consent().withGrantClosedAt(now));
            for (Leg l : c.legs()) {
                if (l.status() == LegStatus.COMPLETED) continue;
                if (!l.status().inFlight()) {
                    if (l.status() == LegStatus.PENDING) e.leg(l.failed(why));
                    continue;
                }
                IncomingPayment ip;
                try {
                    ip = received(l);
                } catch (WalletException unread) {
                    if (unread.retryable() && receiveCount < settings.maxAttempts())
                        return new Outcome.Retry("the payee's wallet did not say what arrived: " + unread.answer());
                    return review.record(checkoutId, unknown(why, l, unread.answer()));
                }
                boolean delivered = ip.receivedAmount().compareTo(l.receiveAmount()) >= 0 || ip.completed();
                if (delivered && l.status() == LegStatus.SENT) {
                    e.leg(l.completed(l.sentAmount(), ip.receivedAmount()));
                } else if (delivered || ip.receivedAmount().value().signum() > 0) {
                    return review.record(checkoutId, unknown(why, l, "received " + ip.receivedAmount()));
                } else {
                    e.leg(l.failed(why));
                }
            }
            boolean allDelivered = allDelivered(e);
            try {
                if (allDelivered) {
                    store.update(e.reason(null)
                            .moveTo(CheckoutStatus.COMPLETED, settings.retention())
                            .change("checkout-completed", "the grant was revoked after every payment arrived"));
                    return new Outcome.Done("completed: delivered before the grant was revoked");
                }
                store.update(e.fail(why, settings.retention()).change("checkout-failed", why.message()));
                return new Outcome.Done("failed: grant revoked");
            } catch (CheckoutStore.ConcurrentUpdateException raced) {
                // reload and judge again
            }
        }
        return new Outcome.Retry("checkout " + checkoutId + " kept changing while recording the revoked grant");
    }

    private static boolean allDelivered(Checkout.Edit e) {
        return e.build().legs().stream().allMatch(l -> l.status() == LegStatus.COMPLETED);
    }

    private IncomingPayment received(Leg l) {
        return directory.withToken(
                l.payee().authServer(),
                AccessKind.INCOMING_PAYMENT,
                t -> gateway.getIncomingPayment(l.incomingPaymentId(), t));
    }

    private static Failure unknown(Failure revoked, Leg l, String what) {
        return new Failure(
                FailureCode.GRANT_REVOKED,
                revoked.message() + "; the payment to " + l.payee().id() + " may have moved money (" + what + " of "
                        + l.receiveAmount() + "): check its incoming payment " + l.incomingPaymentId());
    }
}

package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.GrantToken;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.checkout.port.WalletException;
import dev.opfunctions.checkout.port.WalletGateway;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Single-flight rotation of a checkout's outgoing-payment token. The wallet lets a token be rotated
 * once (the old one is revoked, and the new value comes with a new manage URL), so of two workers
 * rotating the same token only one succeeds there. The winner stores value, manage URL and expiry
 * together in one conditional write on the checkout's version, re-applying it on top of any
 * unrelated change that got in first, so a rotated token is never lost. The loser's rotation is
 * refused; it re-reads the checkout, waiting briefly for the winner's write, and uses that token.
 * Only when no newer token appears is the grant considered gone ({@link GrantRevokedException}).
 */
public final class PaymentTokens {

    /** The customer's wallet will not rotate the token and nobody stored a newer one: the grant was revoked or cancelled. */
    public static final class GrantRevokedException extends RuntimeException {
        public GrantRevokedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Duration POLL = Duration.ofMillis(100);

    private final CheckoutStore store;
    private final WalletGateway gateway;
    private final Clock clock;
    private final Duration waitForWinner;

    public PaymentTokens(CheckoutStore store, WalletGateway gateway, Clock clock, Duration waitForWinner) {
        this.store = store;
        this.gateway = gateway;
        this.clock = clock;
        this.waitForWinner = waitForWinner;
    }

    /**
     * Replaces {@code stale} (expired, refused, or simply due for rotation) with a fresh token and returns
     * the checkout as stored with it. If the stored token is already another one, that one is used.
     *
     * @param alsoChange a change to store together with the token (e.g. which installment it was rotated for)
     * @throws GrantRevokedException when the wallet refuses and no newer token shows up
     * @throws WalletException       when the wallet is unreachable (retryable)
     */
    public Checkout rotate(Checkout c, GrantToken stale, UnaryOperator<Checkout.Edit> alsoChange, String why) {
        Checkout latest = store.find(c.id()).orElseThrow();
        if (!sameToken(latest.paymentToken(), stale)) return latest;
        GrantToken fresh;
        try {
            fresh = gateway.rotateToken(stale);
        } catch (WalletException e) {
            if (e.retryable()) throw e;
            return awaitWinner(c.id(), stale, e);
        }
        while (true) {
            try {
                var change = alsoChange
                        .apply(latest.edit(clock.instant()).paymentToken(fresh))
                        .change("token-rotated", "payment token rotated: " + why);
                store.update(change);
                return change.next();
            } catch (CheckoutStore.ConcurrentUpdateException raced) {
                // Someone changed something else meanwhile; our token is the only valid one, so put it on top.
                latest = store.find(c.id()).orElseThrow();
            }
        }
    }

    /** Polls for the winner's write a bounded number of times (no clock is read: a test clock need not move). */
    private Checkout awaitWinner(String checkoutId, GrantToken stale, WalletException refusal) {
        long polls = Math.max(1, waitForWinner.toMillis() / POLL.toMillis());
        for (long poll = 0; ; poll++) {
            Checkout latest = store.find(checkoutId).orElseThrow();
            if (!sameToken(latest.paymentToken(), stale)) return latest;
            if (poll >= polls) break;
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new GrantRevokedException(
                "the customer's wallet refused to rotate the payment token (" + refusal.status() + " "
                        + refusal.getMessage()
                        + ") and no newer token was stored: the grant was revoked or cancelled at the wallet",
                refusal);
    }

    private static boolean sameToken(GrantToken a, GrantToken b) {
        return a != null && b != null && a.value().equals(b.value());
    }
}

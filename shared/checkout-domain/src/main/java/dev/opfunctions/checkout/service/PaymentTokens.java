package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.model.Change;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.GrantToken;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.checkout.port.WalletException;
import dev.opfunctions.checkout.port.WalletGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * Single-flight rotation of a checkout's outgoing-payment token. The wallet lets a token be rotated
 * once (the old one is revoked, and the new value comes with a new manage URL), so of two workers
 * rotating the same token only one may call rotate. Like a create lease, the intent is stored first
 * ({@link GrantToken#rotatingSince()}, a conditional write on the checkout's version): only the worker
 * whose write lands calls rotate; the others wait briefly for its token. The winner stores value,
 * manage URL and expiry together, re-applying them on top of any unrelated change that got in first.
 *
 * <p>A worker that dies between rotate and store leaves the intent behind, and the wallet holds a new
 * token we never stored. Once the intent's lease has run out, the next rotation tries again: if the
 * wallet refuses the old token now, its earlier rotation did happen and the plan's only valid token is
 * lost ({@link RotationLostException}: the customer is asked for consent again). A refusal of a token
 * nobody tried to rotate before means the grant is gone ({@link GrantRevokedException}).
 */
public final class PaymentTokens {

    /** The customer's wallet will not rotate the token and nobody stored a newer one: the grant was revoked or cancelled. */
    public static final class GrantRevokedException extends RuntimeException {
        public GrantRevokedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An earlier rotation of the stored token happened at the wallet but its answer was never stored: no valid token is left. */
    public static final class RotationLostException extends RuntimeException {
        public RotationLostException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** How long a stored rotation intent keeps other workers off: longer than any function's timeout. */
    static final Duration ROTATION_LEASE = Duration.ofMinutes(2);

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
        return rotateFrom(store.find(c.id()).orElseThrow(), true, stale, alsoChange, why);
    }

    /**
     * {@link #rotate} for a checkout the caller has just stored itself (an installment's claim), so it is
     * not read again first: its rotation intent is a conditional write on that version, and if anyone
     * wrote since, the rotation starts over as {@link #rotate} does, from a fresh read.
     */
    Checkout rotateJustStored(Checkout stored, GrantToken stale, UnaryOperator<Checkout.Edit> alsoChange, String why) {
        return rotateFrom(stored, false, stale, alsoChange, why);
    }

    private Checkout rotateFrom(
            Checkout latest, boolean read, GrantToken stale, UnaryOperator<Checkout.Edit> alsoChange, String why) {
        if (!sameToken(latest.paymentToken(), stale)) return latest;
        GrantToken current = latest.paymentToken();
        Instant now = clock.instant();
        if (current.rotatingSince() != null
                && now.isBefore(current.rotatingSince().plus(ROTATION_LEASE))) {
            // Another worker is rotating this token right now: its token, or a later try.
            return awaitWinner(latest.id(), stale, null);
        }
        boolean triedBefore = current.rotatingSince() != null;
        Change intent = latest.edit(now)
                .paymentToken(current.rotating(now))
                .change("token-rotating", "rotating the payment token: " + why);
        try {
            store.update(intent);
        } catch (CheckoutStore.ConcurrentUpdateException raced) {
            if (!read) return rotate(latest, stale, alsoChange, why);
            return awaitWinner(latest.id(), stale, null);
        }
        latest = intent.next();
        GrantToken fresh;
        try {
            fresh = gateway.rotateToken(stale);
        } catch (WalletException e) {
            // An answered 5xx did not rotate; without an answer the rotation may have happened, so the intent stays.
            if (e.retryable() && e.status() != 0) releaseIntent(latest);
            if (e.retryable()) throw e;
            if (triedBefore)
                throw new RotationLostException(
                        "the customer's wallet refused to rotate the payment token (" + e.answer() + " "
                                + e.getMessage() + ") after an earlier rotation started at " + current.rotatingSince()
                                + " whose new token was never stored: no valid token is left",
                        e);
            return awaitWinner(latest.id(), stale, e);
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
                latest = store.find(latest.id()).orElseThrow();
            }
        }
    }

    private void releaseIntent(Checkout withIntent) {
        try {
            GrantToken t = withIntent.paymentToken();
            store.update(withIntent
                    .edit(clock.instant())
                    .paymentToken(new GrantToken(t.value(), t.manageUrl(), t.expiresAt()))
                    .change("token-rotation-failed", "the customer's wallet answered without rotating"));
        } catch (CheckoutStore.ConcurrentUpdateException ignored) {
            // The intent simply runs out.
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
        if (refusal == null)
            throw WalletException.outOfTime(
                    stale.manageUrl(), "another worker's rotation of the payment token has not finished yet", null);
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

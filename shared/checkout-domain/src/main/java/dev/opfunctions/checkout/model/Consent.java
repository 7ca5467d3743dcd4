package dev.opfunctions.checkout.model;

import java.time.Instant;

/**
 * The pending interactive outgoing-payment grant and everything needed to check its finish callback
 * and continue it. {@code continueToken} is a secret and stays out of {@link #toString()}.
 *
 * @param clientNonce      the nonce this client sent in {@code interact.finish.nonce}
 * @param interactNonce    the AS's {@code interact.finish} value from the pending response
 * @param grantRequestUri  the exact URL the grant request was POSTed to (part of the finish hash)
 * @param redirectUrl      where the customer gives consent ({@code interact.redirect})
 * @param continueAfter    the earliest instant the AS accepts a continuation ({@code continue.wait})
 * @param deadline         after this the checkout expires if consent has not arrived
 * @param interactRef      set once the finish callback is verified
 * @param continuingUntil  lease of the worker continuing the grant (continuation cannot be repeated)
 * @param finishUri        the finish URI without its secret (the secret is never stored)
 * @param finishSecretHash SHA-256 (base64url) of the secret carried by the finish URI's {@code s} parameter;
 *                         every callback must present the secret, so knowing a checkout id is not enough
 * @param round            1 for the checkout's first consent request, one more each time consent had to be
 *                         asked again because the approved grant could not be redeemed (0 in records written
 *                         before rounds were counted: read as 1)
 * @param grantClosedAt    when the grant was closed at the customer's wallet after the checkout or plan ended (a
 *                         one-time checkout's token is then dropped), or is known to have ended there (revoked);
 *                         null while the grant is open. Plans stored before this field held it as
 *                         {@code plan.grantCancelledAt}: {@link Checkout} folds that in here
 * @param grantCancelRefusals how often the wallet refused to cancel the grant (401/403): the continuation may be
 *                         stale, or the grant gone, and we cannot tell which; after {@link #MAX_CANCEL_REFUSALS}
 *                         the cancel is no longer retried and the checkout shows it
 * @param grantCancelRefusal the wallet's last refusal in words (status and description; never a token), or null
 */
public record Consent(
        String clientNonce,
        String interactNonce,
        String grantRequestUri,
        String finishUri,
        String redirectUrl,
        String continueUri,
        String continueToken,
        Instant continueAfter,
        Instant deadline,
        String interactRef,
        Instant continuingUntil,
        String finishSecretHash,
        int round,
        Instant grantClosedAt,
        int grantCancelRefusals,
        String grantCancelRefusal) {

    /** Refused cancels of one grant before the checkout stops asking its wallet and shows the grant as not cancelled. */
    public static final int MAX_CANCEL_REFUSALS = 3;

    public Consent withInteractRef(String ref) {
        return edit().interactRef(ref).build();
    }

    public Consent withContinuingUntil(Instant until) {
        return edit().continuingUntil(until).build();
    }

    /** After a {@code too_fast}: continue no earlier than {@code after}, with no lease held. */
    public Consent retryAfter(Instant after) {
        return edit().continueAfter(after).continuingUntil(null).build();
    }

    /** The grant's continuation as the AS last returned it (a continue answer may carry a new token or URI). */
    public Consent withContinuation(String uri, String token) {
        Builder next = edit();
        if (uri != null) next.continueUri(uri);
        if (token != null) next.continueToken(token);
        return next.build();
    }

    /** After the grant was revoked at the customer's wallet: nothing more can be paid with it. */
    public Consent withGrantClosedAt(Instant at) {
        return edit().grantClosedAt(at).build();
    }

    /** The wallet refused to cancel the grant once more ({@code answer}: status and description, no token). */
    public Consent withGrantCancelRefused(String answer) {
        return edit().grantCancelRefused(grantCancelRefusals + 1, answer).build();
    }

    /** Whether cancelling the grant was refused so often that it is no longer tried (and is shown instead). */
    public boolean grantCancelGivenUp() {
        return grantClosedAt == null && grantCancelRefusals >= MAX_CANCEL_REFUSALS;
    }

    /** Which consent request this is (1-based). */
    public int roundNumber() {
        return Math.max(1, round);
    }

    @Override
    public String toString() {
        return "Consent[redirectUrl=" + redirectUrl + ", continueUri=" + continueUri + ", continueToken=***, deadline="
                + deadline + ", interactRef=" + (interactRef == null ? "none" : "***") + "]";
    }

    private Builder edit() {
        return new Builder(this);
    }

    /**
     * A copy of this consent to change; {@link #build()} goes through the canonical constructor. It
     * holds the continue token, so it has no {@code toString()} of its own and never leaves this record.
     */
    private static final class Builder {
        private final Consent from;
        private String continueUri;
        private String continueToken;
        private Instant continueAfter;
        private String interactRef;
        private Instant continuingUntil;
        private Instant grantClosedAt;
        private int grantCancelRefusals;
        private String grantCancelRefusal;

        private Builder(Consent from) {
            this.from = from;
            continueUri = from.continueUri;
            continueToken = from.continueToken;
            continueAfter = from.continueAfter;
            interactRef = from.interactRef;
            continuingUntil = from.continuingUntil;
            grantClosedAt = from.grantClosedAt;
            grantCancelRefusals = from.grantCancelRefusals;
            grantCancelRefusal = from.grantCancelRefusal;
        }

        Builder grantCancelRefused(int times, String answer) {
            grantCancelRefusals = times;
            grantCancelRefusal = answer;
            return this;
        }

        Builder grantClosedAt(Instant at) {
            grantClosedAt = at;
            return this;
        }

        Builder continueUri(String uri) {
            continueUri = uri;
            return this;
        }

        Builder continueToken(String token) {
            continueToken = token;
            return this;
        }

        Builder continueAfter(Instant at) {
            continueAfter = at;
            return this;
        }

        Builder interactRef(String ref) {
            interactRef = ref;
            return this;
        }

        Builder continuingUntil(Instant until) {
            continuingUntil = until;
            return this;
        }

        Consent build() {
            return new Consent(
                    from.clientNonce,
                    from.interactNonce,
                    from.grantRequestUri,
                    from.finishUri,
                    from.redirectUrl,
                    continueUri,
                    continueToken,
                    continueAfter,
                    from.deadline,
                    interactRef,
                    continuingUntil,
                    from.finishSecretHash,
                    from.round,
                    grantClosedAt,
                    grantCancelRefusals,
                    grantCancelRefusal);
        }
    }
}

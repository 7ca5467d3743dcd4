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
        int round) {

    public Consent withInteractRef(String ref) {
        return new Consent(
                clientNonce,
                interactNonce,
                grantRequestUri,
                finishUri,
                redirectUrl,
                continueUri,
                continueToken,
                continueAfter,
                deadline,
                ref,
                continuingUntil,
                finishSecretHash,
                round);
    }

    public Consent withContinuingUntil(Instant until) {
        return new Consent(
                clientNonce,
                interactNonce,
                grantRequestUri,
                finishUri,
                redirectUrl,
                continueUri,
                continueToken,
                continueAfter,
                deadline,
                interactRef,
                until,
                finishSecretHash,
                round);
    }

    /** After a {@code too_fast}: continue no earlier than {@code after}, with no lease held. */
    public Consent retryAfter(Instant after) {
        return new Consent(
                clientNonce,
                interactNonce,
                grantRequestUri,
                finishUri,
                redirectUrl,
                continueUri,
                continueToken,
                after,
                deadline,
                interactRef,
                null,
                finishSecretHash,
                round);
    }

    /** The grant's continuation as the AS last returned it (a continue answer may carry a new token or URI). */
    public Consent withContinuation(String uri, String token) {
        return new Consent(
                clientNonce,
                interactNonce,
                grantRequestUri,
                finishUri,
                redirectUrl,
                uri == null ? continueUri : uri,
                token == null ? continueToken : token,
                continueAfter,
                deadline,
                interactRef,
                continuingUntil,
                finishSecretHash,
                round);
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
}

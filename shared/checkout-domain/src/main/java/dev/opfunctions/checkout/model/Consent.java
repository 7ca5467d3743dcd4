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
 */
public record Consent(String clientNonce, String interactNonce, String grantRequestUri, String finishUri,
                      String redirectUrl, String continueUri, String continueToken, Instant continueAfter,
                      Instant deadline, String interactRef, Instant continuingUntil) {

    public Consent withInteractRef(String ref) {
        return new Consent(clientNonce, interactNonce, grantRequestUri, finishUri, redirectUrl, continueUri,
                continueToken, continueAfter, deadline, ref, continuingUntil);
    }

    public Consent withContinuingUntil(Instant until) {
        return new Consent(clientNonce, interactNonce, grantRequestUri, finishUri, redirectUrl, continueUri,
                continueToken, continueAfter, deadline, interactRef, until);
    }

    @Override
    public String toString() {
        return "Consent[redirectUrl=" + redirectUrl + ", continueUri=" + continueUri + ", continueToken=***, deadline="
                + deadline + ", interactRef=" + (interactRef == null ? "none" : "***") + "]";
    }
}

package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.Result;
import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.model.Change;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.Consent;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.checkout.port.CommandQueue;
import dev.opfunctions.checkout.port.FinishHashVerifier;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The finish callback ({@code GET /finish/{checkoutId}}): checks the hash the customer's AS put on
 * the redirect, records consent or refusal with a conditional write, and enqueues the continuation.
 * Every callback, approval or refusal, must carry the finish URI's secret ({@link FinishSecret}).
 * Calls no wallet and waits for nothing. A callback that does not verify changes nothing; the same
 * valid callback followed again after the checkout moved on (a reload, a double click) changes
 * nothing either and is answered like the first, with the checkout's current outcome.
 */
public final class ConsentFinish {

    private final CheckoutStore store;
    private final CommandQueue queue;
    private final FinishHashVerifier verifier;
    private final Clock clock;
    private final CheckoutSettings settings;

    /** Uses only the store, queue, clock and settings of {@code deps}: the callback calls no wallet. */
    public ConsentFinish(CheckoutDependencies deps, FinishHashVerifier verifier) {
        this.store = deps.store();
        this.queue = deps.queue();
        this.verifier = verifier;
        this.clock = deps.clock();
        this.settings = deps.settings();
    }

    /**
     * Where to send the customer.
     *
     * @param outcome     {@code approved}, {@code rejected} or {@code expired}
     * @param redirectUrl the storefront's return URL with {@code checkoutId} and {@code outcome}, or null when it gave none
     * @param repeated    true when this answers a redirect already recorded (nothing was changed this time)
     */
    public record Finished(Checkout checkout, String outcome, String redirectUrl, boolean repeated) {}

    public Result<Finished> finish(String checkoutId, Map<String, String> query) {
        Checkout c = store.find(checkoutId).orElse(null);
        if (c == null)
            return Result.err(ErrorCode.CHECKOUT_NOT_FOUND, "this payment link does not belong to any checkout");
        // Before anything else, rejections included: the AS signs only approvals, the secret covers every outcome.
        if (c.consent() == null
                || !FinishSecret.matches(
                        query.get(FinishSecret.PARAM), c.consent().finishSecretHash())) {
            return Result.err(
                    ErrorCode.INVALID_CALLBACK,
                    "this payment link is not the one issued for the checkout (its secret is missing or wrong)");
        }
        if (c.status() != CheckoutStatus.AWAITING_CONSENT) return repeated(c, query);
        try {
            return decide(c, query);
        } catch (CheckoutStore.ConcurrentUpdateException raced) {
            // Typically the same redirect followed twice at once: the other request recorded it first.
            Checkout now = store.find(checkoutId).orElse(c);
            if (now.status() != CheckoutStatus.AWAITING_CONSENT) return repeated(now, query);
            return Result.err(
                    ErrorCode.CALLBACK_NOT_EXPECTED,
                    "this checkout changed while the callback was handled; open the payment link again");
        }
    }

    /** The first callback for a checkout awaiting consent: records the decision (a conditional write). */
    private Result<Finished> decide(Checkout c, Map<String, String> query) {
        Consent consent = c.consent();
        String result = query.get("result");
        String hash = query.get("hash");
        String ref = query.get("interact_ref");
        Instant now = clock.instant();
        if ("grant_rejected".equals(result)) {
            return ended(record(
                    c,
                    UnchargedLegs.cancel(c, c.edit(now), "not charged: the customer refused consent at their wallet")
                            .moveTo(CheckoutStatus.REJECTED, settings.retention())
                            .change("consent-rejected", "the customer refused consent"),
                    "rejected"));
        }
        if (result != null) {
            return Result.err(
                    ErrorCode.INVALID_CALLBACK,
                    "the wallet reported '" + abbreviate(result) + "' instead of a consent decision");
        }
        if (hash == null || hash.isEmpty() || ref == null || ref.isEmpty()) {
            return Result.err(ErrorCode.INVALID_CALLBACK, "the callback is missing its hash or interact_ref");
        }
        if (!verifier.matches(hash, consent.clientNonce(), consent.interactNonce(), ref, consent.grantRequestUri())) {
            return Result.err(
                    ErrorCode.INVALID_CALLBACK, "the callback's hash does not match this checkout's consent request");
        }
        if (!now.isBefore(consent.deadline())) {
            return ended(record(
                    c,
                    UnchargedLegs.cancel(c, c.edit(now), "not charged: consent arrived after the deadline")
                            .moveTo(CheckoutStatus.EXPIRED, settings.retention())
                            .change("consent-expired", "consent arrived after the deadline"),
                    "expired"));
        }
        Change change = c.edit(now)
                .consent(consent.withInteractRef(ref))
                .reason(null)
                .moveTo(CheckoutStatus.CONSENT_GRANTED, settings.retention())
                .change("consent-granted", "finish hash verified");
        Result<Finished> recorded = record(c, change, "approved");
        Duration wait = Duration.between(now, consent.continueAfter());
        queue.send(new Command.ContinueGrant(c.id()), wait.isNegative() ? Duration.ZERO : wait);
        return recorded;
    }

    /**
     * A callback for a checkout that no longer waits for consent. The same redirect followed again (a
     * reload, a double click, a wallet that redirects twice) is answered as the first was, with the
     * checkout's outcome now and nothing changed, so the customer is never told to pay again while the
     * payment goes through. It must prove what the first proved: an approval's hash verifies against
     * this consent and names the interact_ref that was recorded; a refusal carries the secret (checked
     * by the caller) and the checkout was refused. Anything else is refused as before.
     */
    private Result<Finished> repeated(Checkout c, Map<String, String> query) {
        Consent consent = c.consent();
        String result = query.get("result");
        String hash = query.get("hash");
        String ref = query.get("interact_ref");
        if ("grant_rejected".equals(result) && c.status() == CheckoutStatus.REJECTED) return again(c, "rejected");
        if (result == null && hash != null && !hash.isEmpty() && ref != null && !ref.isEmpty()) {
            if (!verifier.matches(
                    hash, consent.clientNonce(), consent.interactNonce(), ref, consent.grantRequestUri())) {
                return Result.err(
                        ErrorCode.INVALID_CALLBACK,
                        "the callback's hash does not match this checkout's consent request");
            }
            // Expired whether consent came too late or its continuation did: the hash proves this consent's redirect.
            if (c.status() == CheckoutStatus.EXPIRED) return again(c, "expired");
            if (ref.equals(consent.interactRef())) return again(c, "approved");
        }
        return Result.err(
                ErrorCode.CALLBACK_NOT_EXPECTED,
                "this checkout is " + c.status().wireName()
                        + " and no longer waits for consent; the link was already used or is out of date");
    }

    private static Result<Finished> again(Checkout c, String outcome) {
        return Result.ok(new Finished(c, outcome, redirect(c, outcome), true));
    }

    /** This function calls no wallet: create-outgoing closes the incoming payments the ended checkout leaves open. */
    private Result<Finished> ended(Result<Finished> recorded) {
        queue.send(
                new Command.CloseIncomingPayments(
                        recorded.orElseThrow().checkout().id()),
                Duration.ZERO);
        return recorded;
    }

    /** @throws CheckoutStore.ConcurrentUpdateException when another request changed the checkout first */
    private Result<Finished> record(Checkout c, Change change, String outcome) {
        store.update(change);
        return Result.ok(new Finished(change.next(), outcome, redirect(c, outcome), false));
    }

    private static String redirect(Checkout c, String outcome) {
        if (c.returnUrl() == null) return null;
        String sep = c.returnUrl().contains("?") ? "&" : "?";
        return c.returnUrl() + sep + "checkoutId=" + URLEncoder.encode(c.id(), StandardCharsets.UTF_8) + "&outcome="
                + outcome;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}

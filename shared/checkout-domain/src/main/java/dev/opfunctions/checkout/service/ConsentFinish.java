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
 * Calls no wallet and waits for nothing. A callback that does not verify, or arrives when the
 * checkout no longer waits for consent (a replay), changes nothing.
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
     */
    public record Finished(Checkout checkout, String outcome, String redirectUrl) {}

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
        if (c.status() != CheckoutStatus.AWAITING_CONSENT) {
            return Result.err(
                    ErrorCode.CALLBACK_NOT_EXPECTED,
                    "this checkout is " + c.status().wireName()
                            + " and no longer waits for consent; the link was already used or is out of date");
        }
        Consent consent = c.consent();
        String result = query.get("result");
        String hash = query.get("hash");
        String ref = query.get("interact_ref");
        Instant now = clock.instant();
        if ("grant_rejected".equals(result)) {
            return ended(record(
                    c,
                    c.edit(now)
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
                    c.edit(now)
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
        if (recorded instanceof Result.Ok<Finished>) {
            Duration wait = Duration.between(now, consent.continueAfter());
            queue.send(new Command.ContinueGrant(c.id()), wait.isNegative() ? Duration.ZERO : wait);
        }
        return recorded;
    }

    /** This function calls no wallet: create-outgoing closes the incoming payments the ended checkout leaves open. */
    private Result<Finished> ended(Result<Finished> recorded) {
        if (recorded instanceof Result.Ok<Finished> ok)
            queue.send(new Command.CloseIncomingPayments(ok.value().checkout().id()), Duration.ZERO);
        return recorded;
    }

    private Result<Finished> record(Checkout c, Change change, String outcome) {
        try {
            store.update(change);
        } catch (CheckoutStore.ConcurrentUpdateException e) {
            return Result.err(
                    ErrorCode.CALLBACK_NOT_EXPECTED,
                    "this checkout changed while the callback was handled; the link was already used");
        }
        return Result.ok(new Finished(change.next(), outcome, redirect(c, outcome)));
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

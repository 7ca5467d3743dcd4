package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.Result;
import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.Sha256FinishHash;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsentFinishTest {

    private final CheckoutFixture f = new CheckoutFixture();
    private Checkout c;

    @BeforeEach
    void started() {
        c = f.started(CheckoutFixture.b2c("order-1"));
        f.queue.drain();
    }

    private String hash(Checkout of, String ref) {
        return Sha256FinishHash.compute(
                of.consent().clientNonce(),
                of.consent().interactNonce(),
                ref,
                of.consent().grantRequestUri());
    }

    /** The callback's query with the checkout's finish secret, as the AS sends it back. */
    private Map<String, String> q(String... kv) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        m.put("s", f.finishSecret(c));
        return Map.copyOf(m);
    }

    private ErrorCode rejected(Result<ConsentFinish.Finished> r) {
        return assertInstanceOf(Result.Err.class, r).problem().code();
    }

    @Test
    void recordsConsentAndQueuesTheContinuationAfterTheWalletsWait() {
        int walletCalls = f.wallets.calls().size();

        Result<ConsentFinish.Finished> r =
                f.finish().finish(c.id(), q("hash", hash(c, "ref-1"), "interact_ref", "ref-1"));

        ConsentFinish.Finished done = r.orElseThrow();
        assertEquals("approved", done.outcome());
        assertEquals("https://shop.example/thanks?checkoutId=" + c.id() + "&outcome=approved", done.redirectUrl());
        Checkout stored = f.reload(c);
        assertEquals(CheckoutStatus.CONSENT_GRANTED, stored.status());
        assertEquals("ref-1", stored.consent().interactRef());
        var sent = f.queue.sent();
        assertEquals(new Command.ContinueGrant(c.id()), sent.get(0).command());
        assertEquals(Duration.ofSeconds(5), sent.get(0).delay());
        assertEquals(walletCalls, f.wallets.calls().size(), "consent-finish calls no wallet");
    }

    @Test
    void rejectsAForgedHashAndChangesNothing() {
        Checkout before = f.reload(c);

        var r = f.finish()
                .finish(c.id(), q("hash", "x+gguKWTj8rQf7d7i3w3UhzvuJ5bpOlKyAlVpLxBffY=", "interact_ref", "ref-1"));

        assertEquals(ErrorCode.INVALID_CALLBACK, rejected(r));
        assertEquals(before, f.reload(c));
        assertEquals(1, f.store.history(c.id()).size());
        assertEquals(0, f.queue.sent().size());
    }

    @Test
    void rejectsAHashMadeForAnotherCheckoutsGrant() {
        Checkout other = f.started(CheckoutFixture.b2c("order-2"));
        f.queue.drain();

        var r = f.finish().finish(c.id(), q("hash", hash(other, "ref-1"), "interact_ref", "ref-1"));

        assertEquals(ErrorCode.INVALID_CALLBACK, rejected(r));
        assertEquals(CheckoutStatus.AWAITING_CONSENT, f.reload(c).status());
    }

    @Test
    void rejectsAReplayedCallbackAndChangesNothing() {
        Map<String, String> query = q("hash", hash(c, "ref-1"), "interact_ref", "ref-1");
        f.finish().finish(c.id(), query).orElseThrow();
        Checkout after = f.reload(c);
        f.queue.drain();

        var r = f.finish().finish(c.id(), query);

        assertEquals(ErrorCode.CALLBACK_NOT_EXPECTED, rejected(r));
        assertEquals(after, f.reload(c));
        assertEquals(0, f.queue.sent().size());
    }

    @Test
    void rejectsCallbacksWithoutHashOrRefAndUnknownCheckouts() {
        assertEquals(ErrorCode.INVALID_CALLBACK, rejected(f.finish().finish(c.id(), q("interact_ref", "ref-1"))));
        assertEquals(ErrorCode.INVALID_CALLBACK, rejected(f.finish().finish(c.id(), q("hash", hash(c, "r")))));
        assertEquals(ErrorCode.INVALID_CALLBACK, rejected(f.finish().finish(c.id(), q("result", "grant_invalid"))));
        assertEquals(
                ErrorCode.CHECKOUT_NOT_FOUND,
                rejected(f.finish().finish("nope", Map.of("hash", "h", "interact_ref", "r"))));
        assertEquals(CheckoutStatus.AWAITING_CONSENT, f.reload(c).status());
    }

    @Test
    void recordsARefusalAndSendsTheCustomerBack() {
        var done = f.finish().finish(c.id(), q("result", "grant_rejected")).orElseThrow();

        assertEquals("rejected", done.outcome());
        assertEquals(CheckoutStatus.REJECTED, f.reload(c).status());
        assertEquals(
                java.util.List.of(new dev.opfunctions.checkout.command.Command.CloseIncomingPayments(c.id())),
                f.queue.sent().stream().map(s -> s.command()).toList(),
                "only the hand-over that closes its incoming payments");
    }

    @Test
    void expiresInsteadOfAcceptingConsentAfterTheDeadline() {
        f.clock.advance(Duration.ofMinutes(11));

        var done = f.finish()
                .finish(c.id(), q("hash", hash(c, "ref-1"), "interact_ref", "ref-1"))
                .orElseThrow();

        assertEquals("expired", done.outcome());
        assertEquals(CheckoutStatus.EXPIRED, f.reload(c).status());
    }

    @Test
    void refusesARejectionWithoutTheFinishSecretSoACheckoutIdAloneCannotCancelIt() {
        var none = f.finish().finish(c.id(), Map.of("result", "grant_rejected"));
        var wrong = f.finish().finish(c.id(), Map.of("result", "grant_rejected", "s", "not-" + f.finishSecret(c)));

        assertEquals(ErrorCode.INVALID_CALLBACK, rejected(none));
        assertEquals(ErrorCode.INVALID_CALLBACK, rejected(wrong));
        assertEquals(CheckoutStatus.AWAITING_CONSENT, f.reload(c).status());
        assertEquals(1, f.store.history(c.id()).size());
    }

    @Test
    void refusesAValidlyHashedApprovalWithoutTheFinishSecret() {
        var r = f.finish().finish(c.id(), Map.of("hash", hash(c, "ref-1"), "interact_ref", "ref-1"));

        assertEquals(ErrorCode.INVALID_CALLBACK, rejected(r));
        assertEquals(CheckoutStatus.AWAITING_CONSENT, f.reload(c).status());
    }

    @Test
    void storesOnlyTheSecretsHashAndSendsTheSecretInTheFinishUri() {
        String secret = f.finishSecret(c);
        Checkout stored = f.reload(c);

        assertEquals(FinishSecret.hash(secret), stored.consent().finishSecretHash());
        assertEquals(
                "https://api.shop.example/finish/" + c.id() + "?s=" + secret,
                f.wallets.finishUri(c.consent().continueUri()));
        assertEquals(
                "https://api.shop.example/finish/" + c.id(), stored.consent().finishUri());
        assertTrue(secret.length() >= 43, "256 random bits");
        assertFalse(stored.toString().contains(secret));
    }
}

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
    void answersTheSameRedirectFollowedAgainLikeTheFirstAndChangesNothing() {
        Map<String, String> query = q("hash", hash(c, "ref-1"), "interact_ref", "ref-1");
        ConsentFinish.Finished first = f.finish().finish(c.id(), query).orElseThrow();
        Checkout after = f.reload(c);
        f.queue.drain();

        ConsentFinish.Finished again = f.finish().finish(c.id(), query).orElseThrow();

        assertEquals("approved", again.outcome());
        assertFalse(first.repeated());
        assertTrue(again.repeated());
        assertEquals(first.redirectUrl(), again.redirectUrl());
        assertEquals(after, f.reload(c));
        assertEquals(2, f.store.history(c.id()).size(), "created and consent-granted only");
        assertEquals(0, f.queue.sent().size(), "no second continuation");
    }

    @Test
    void answersARepeatedRedirectWithTheOutcomeTheCheckoutHasNow() {
        Map<String, String> query = q("hash", hash(c, "ref-1"), "interact_ref", "ref-1");
        f.wallets.approve(c.consent().continueUri());
        f.finish().finish(c.id(), query).orElseThrow();
        f.drain(f.worker(), 20);
        assertEquals(CheckoutStatus.COMPLETED, f.reload(c).status());

        ConsentFinish.Finished again = f.finish().finish(c.id(), query).orElseThrow();

        assertEquals("approved", again.outcome());
        assertEquals(CheckoutStatus.COMPLETED, again.checkout().status());
        assertEquals("https://shop.example/thanks?checkoutId=" + c.id() + "&outcome=approved", again.redirectUrl());
    }

    @Test
    void refusesARepeatedRedirectWhoseHashDoesNotMatchAndChangesNothing() {
        f.finish()
                .finish(c.id(), q("hash", hash(c, "ref-1"), "interact_ref", "ref-1"))
                .orElseThrow();
        Checkout after = f.reload(c);
        f.queue.drain();
        Checkout other = f.started(CheckoutFixture.b2c("order-2"));
        f.queue.drain();

        var forged = f.finish()
                .finish(c.id(), q("hash", "x+gguKWTj8rQf7d7i3w3UhzvuJ5bpOlKyAlVpLxBffY=", "interact_ref", "ref-1"));
        var othersHash = f.finish().finish(c.id(), q("hash", hash(other, "ref-1"), "interact_ref", "ref-1"));
        var noSecret = f.finish().finish(c.id(), Map.of("hash", hash(c, "ref-1"), "interact_ref", "ref-1"));

        assertEquals(ErrorCode.INVALID_CALLBACK, rejected(forged));
        assertEquals(ErrorCode.INVALID_CALLBACK, rejected(othersHash));
        assertEquals(ErrorCode.INVALID_CALLBACK, rejected(noSecret));
        assertEquals(after, f.reload(c));
        assertEquals(0, f.queue.sent().size());
    }

    @Test
    void refusesAValidlyHashedRedirectForAnotherInteractRefThanTheOneRecorded() {
        f.finish()
                .finish(c.id(), q("hash", hash(c, "ref-1"), "interact_ref", "ref-1"))
                .orElseThrow();
        Checkout after = f.reload(c);

        var r = f.finish().finish(c.id(), q("hash", hash(c, "ref-2"), "interact_ref", "ref-2"));

        assertEquals(ErrorCode.CALLBACK_NOT_EXPECTED, rejected(r));
        assertEquals(after, f.reload(c));
    }

    @Test
    void answersARepeatedRefusalLikeTheFirstButNeverARefusalOfAnApprovedCheckout() {
        f.finish().finish(c.id(), q("result", "grant_rejected")).orElseThrow();
        Checkout after = f.reload(c);
        f.queue.drain();

        var again = f.finish().finish(c.id(), q("result", "grant_rejected")).orElseThrow();

        assertEquals("rejected", again.outcome());
        assertTrue(again.redirectUrl().endsWith("&outcome=rejected"));
        assertEquals(after, f.reload(c));
        assertEquals(0, f.queue.sent().size());

        Checkout approved = f.started(CheckoutFixture.b2c("order-2"));
        f.consent(approved).orElseThrow();
        var refusal =
                f.finish().finish(approved.id(), Map.of("result", "grant_rejected", "s", f.finishSecret(approved)));
        assertEquals(ErrorCode.CALLBACK_NOT_EXPECTED, rejected(refusal));
        assertEquals(CheckoutStatus.CONSENT_GRANTED, f.reload(approved).status());
    }

    @Test
    void answersAnApprovalForAnExpiredCheckoutWithExpiredAgain() {
        Map<String, String> query = q("hash", hash(c, "ref-1"), "interact_ref", "ref-1");
        f.clock.advance(Duration.ofMinutes(11));
        f.finish().finish(c.id(), query).orElseThrow();
        Checkout after = f.reload(c);

        var again = f.finish().finish(c.id(), query).orElseThrow();

        assertEquals("expired", again.outcome());
        assertEquals(after, f.reload(c));
    }

    @Test
    void answersTheSlowerOfTwoSimultaneousRedirectsLikeTheFaster() {
        Map<String, String> query = q("hash", hash(c, "ref-1"), "interact_ref", "ref-1");
        ConsentFinish fast = f.finish();
        // The slower request read the checkout awaiting consent; the faster one records it before the slower writes.
        ConsentFinish slow = new ConsentFinish(
                new CheckoutDependencies(
                        new WriteAfter(f.store, () -> fast.finish(c.id(), query).orElseThrow()),
                        f.queue,
                        f.checkedWallets,
                        f.directory(),
                        f.clock,
                        f.settings),
                new dev.opfunctions.checkout.wallet.OpenPaymentsFinishHash());

        ConsentFinish.Finished r = slow.finish(c.id(), query).orElseThrow();

        assertEquals("approved", r.outcome());
        assertTrue(r.repeated());
        assertEquals(CheckoutStatus.CONSENT_GRANTED, f.reload(c).status());
        assertEquals(2, f.store.history(c.id()).size());
        assertEquals(1, f.queue.sent().size(), "one continuation, the faster request's");
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
    void storesTheLegsOfARefusedOrLateCheckoutAsCancelledInTheWriteThatEndsIt() {
        Checkout late = f.started(CheckoutFixture.split("order-2", "10000"));
        f.queue.drain();

        f.finish().finish(c.id(), q("result", "grant_rejected")).orElseThrow();
        f.clock.advance(Duration.ofMinutes(11));
        f.finish().finish(late.id(), f.approval(late, "ref-1")).orElseThrow();

        for (Checkout ended : java.util.List.of(f.reload(c), f.reload(late))) {
            assertTrue(ended.legs().size() >= 1);
            for (var leg : ended.legs()) {
                assertEquals(
                        dev.opfunctions.checkout.model.LegStatus.CANCELLED,
                        leg.status(),
                        leg.key().toString());
                assertEquals("CANCELLED", leg.failure().code());
            }
            assertEquals(2, f.store.history(ended.id()).size(), "ended in one write");
        }
        assertTrue(f.reload(c).legs().get(0).failure().message().contains("refused consent"));
        assertTrue(f.reload(late).legs().get(0).failure().message().contains("after the deadline"));
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

    /** A store whose first update lets another request run to its end first: two requests racing. */
    private static final class WriteAfter implements dev.opfunctions.checkout.port.CheckoutStore {
        private final dev.opfunctions.checkout.port.CheckoutStore store;
        private Runnable first;

        WriteAfter(dev.opfunctions.checkout.port.CheckoutStore store, Runnable first) {
            this.store = store;
            this.first = first;
        }

        @Override
        public void update(dev.opfunctions.checkout.model.Change change) {
            Runnable other = first;
            first = null;
            if (other != null) other.run();
            store.update(change);
        }

        @Override
        public java.util.Optional<Checkout> findByOrder(String orderId) {
            return store.findByOrder(orderId);
        }

        @Override
        public java.util.Optional<Checkout> find(String checkoutId) {
            return store.find(checkoutId);
        }

        @Override
        public void create(Checkout checkout, java.util.List<dev.opfunctions.checkout.model.CheckoutEvent> events) {
            store.create(checkout, events);
        }

        @Override
        public java.util.List<dev.opfunctions.checkout.model.CheckoutEvent> history(String checkoutId) {
            return store.history(checkoutId);
        }

        @Override
        public SummaryPage byCustomer(String wallet, int limit, Position after) {
            return store.byCustomer(wallet, limit, after);
        }

        @Override
        public DuePage duePage(java.time.Instant until, int limit, String after) {
            return store.duePage(until, limit, after);
        }
    }
}

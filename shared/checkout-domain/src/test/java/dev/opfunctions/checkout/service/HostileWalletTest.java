package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.Result;
import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.GrantToken;
import dev.opfunctions.checkout.model.LegStatus;
import dev.opfunctions.checkout.model.WalletAddress;
import dev.opfunctions.checkout.port.WalletGateway.OutgoingPayment;
import dev.opfunctions.checkout.port.WalletGateway.PendingGrant;
import dev.opfunctions.checkout.port.WalletGateway.Quote;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Wallets that lie, on the domain's fakes: the customer chooses the wallet, so its document and every
 * answer is an attacker's. Each test asserts what the storefront sees, that nothing was stored or
 * cached, that no third server was called, and that the honest checkout after it pays the real payee.
 */
class HostileWalletTest {

    private static final String EVIL = "https://evil.example/x";
    private final CheckoutFixture f = new CheckoutFixture();

    private static String orderFrom(String customer, String orderId) {
        return CheckoutFixture.b2c(orderId).replace(CheckoutFixture.CUSTOMER, customer);
    }

    private ErrorCode refusal(Result<StartCheckout.Started> r) {
        return assertInstanceOf(Result.Err.class, r).problem().code();
    }

    /** A checkout from the evil customer, consented and past the grant's wait: create-outgoing's turn. */
    private Checkout consentedFromEvil(String orderId) {
        f.wallets.addWallet(EVIL, "MXN", 2);
        Checkout c = f.started(orderFrom(EVIL, orderId));
        f.queue.drain();
        f.consent(c).orElseThrow();
        f.clock.advance(Duration.ofSeconds(6));
        return c;
    }

    /** The same outgoing payment as the wallet made it, but named on a server other than the wallet's own. */
    private static OutgoingPayment onAnotherServer(OutgoingPayment op) {
        return new OutgoingPayment(
                "https://internal.example/outgoing-payments/1",
                op.walletAddress(),
                op.receiver(),
                op.quoteId(),
                op.debitAmount(),
                op.receiveAmount(),
                op.sentAmount(),
                op.failed(),
                op.createdAt());
    }

    private void assertNothingOfOrderStored(String orderId) {
        assertTrue(f.store.findByOrder(orderId).isEmpty(), "no checkout stored for the refused order");
    }

    private void assertNoCallTo(String host) {
        assertTrue(
                f.wallets.calls().stream()
                        .noneMatch(c -> c.url() != null && c.url().contains(host)),
                "nothing was sent to " + host + ": " + f.wallets.calls());
    }

    @Test
    void aDocumentClaimingTheMerchantsIdIsRefusedAndCannotRedirectLaterCheckouts() {
        f.wallets.serveDocument(
                EVIL,
                new WalletAddress(
                        CheckoutFixture.MERCHANT, "MXN", 2, "https://auth.evil.example/", "https://evil.example/op"));

        var refused = f.start().start(f.order(orderFrom(EVIL, "evil-1")));
        var honest = f.started(CheckoutFixture.b2c("honest-1"));

        assertEquals(ErrorCode.WALLET_REJECTED, refusal(refused));
        assertNothingOfOrderStored("evil-1");
        assertTrue(f.cache.wallet(EVIL).isEmpty(), "the lying document is not cached under the address asked");
        assertEquals(
                "https://happylife.example/op",
                f.cache.wallet(CheckoutFixture.MERCHANT).orElseThrow().wallet().resourceServer(),
                "the merchant's cache entry is the merchant's own document");
        assertTrue(
                honest.legs().get(0).incomingPaymentId().startsWith("https://happylife.example/op/"),
                "the honest checkout's incoming payment is at the merchant's wallet: "
                        + honest.legs().get(0).incomingPaymentId());
        assertNoCallTo("evil.example/op");
    }

    @Test
    void aRefusedCheckoutCachesNoDocumentAtAll() {
        f.wallets.addWallet(EVIL, "USD", 2); // honest document, but an asset the order cannot be quoted in
        f.wallets.lie(
                "createQuote",
                (Quote q) -> new Quote(
                        q.id(),
                        q.walletAddress(),
                        q.receiver(),
                        q.debitAmount(),
                        q.receiveAmount().withValue(java.math.BigInteger.ONE),
                        q.expiresAt()));

        var refused = f.start().start(f.order(orderFrom(EVIL, "evil-2")));

        assertEquals(ErrorCode.ASSET_MISMATCH, refusal(refused));
        assertTrue(f.cache.wallet(EVIL).isEmpty(), "a refused request writes no cache entry");
        assertTrue(f.cache.wallet(CheckoutFixture.MERCHANT).isEmpty(), "not even for the honest payee");
        assertTrue(f.wallets.openIncomingPayments().isEmpty(), "the incoming payment it created is closed");
    }

    @Test
    void aContinueUriOnAnotherServerIsRefusedAndTheIncomingPaymentClosed() {
        f.wallets.addWallet(EVIL, "MXN", 2);
        f.wallets.lie(
                "requestOutgoingPaymentGrant",
                (PendingGrant g) -> new PendingGrant(
                        g.grantRequestUri(),
                        g.redirectUrl(),
                        g.interactNonce(),
                        "https://internal.example/continue/1",
                        g.continueToken(),
                        g.waitSeconds()));

        var refused = f.start().start(f.order(orderFrom(EVIL, "evil-3")));

        assertEquals(ErrorCode.WALLET_REJECTED, refusal(refused));
        assertTrue(
                assertInstanceOf(Result.Err.class, refused).problem().message().contains("internal.example"),
                "the message names the foreign URL");
        assertNothingOfOrderStored("evil-3");
        assertTrue(f.wallets.openIncomingPayments().isEmpty(), "the merchant's incoming payment is closed");
        assertNoCallTo("internal.example");
    }

    @Test
    void aQuotePayingAnotherReceiverIsRefused() {
        f.wallets.addWallet(EVIL, "MXN", 2);
        f.wallets.lie(
                "createQuote",
                (Quote q) -> new Quote(
                        q.id(),
                        q.walletAddress(),
                        "https://evil.example/op/incoming-payments/attacker",
                        q.debitAmount(),
                        q.receiveAmount(),
                        q.expiresAt()));

        var refused = f.start().start(f.order(orderFrom(EVIL, "evil-4")));

        assertEquals(ErrorCode.WALLET_REJECTED, refusal(refused));
        assertNothingOfOrderStored("evil-4");
        assertTrue(f.wallets.openIncomingPayments().isEmpty());
    }

    @Test
    void aTokenWhoseManageUrlIsOnAnotherServerIsNeitherCachedNorRotatedThere() {
        f.wallets.addWallet(EVIL, "MXN", 2);
        f.wallets.lie(
                "requestGrant",
                (GrantToken t) -> new GrantToken(t.value(), "http://169.254.169.254/token/1", t.expiresAt()));

        var refused = f.start().start(f.order(orderFrom(EVIL, "evil-5")));

        assertEquals(ErrorCode.WALLET_REJECTED, refusal(refused));
        assertNothingOfOrderStored("evil-5");
        assertTrue(f.cache
                .token("https://auth.evil.example/", dev.opfunctions.checkout.port.WalletGateway.AccessKind.QUOTE)
                .isEmpty());
        assertNoCallTo("169.254.169.254");
    }

    @Test
    void aDocumentThatFlipsBetweenServersIsRefusedAndAConsistentMoveIsAccepted() {
        f.wallets.addWallet(EVIL, "MXN", 2);
        f.started(orderFrom(EVIL, "before"));
        WalletAddress moved =
                new WalletAddress(EVIL, "MXN", 2, "https://auth.elsewhere.example/", "https://elsewhere.example/op");
        WalletAddress original = f.cache.wallet(EVIL).orElseThrow().wallet();
        f.clock.advance(Duration.ofHours(2)); // past the document's freshness
        int[] fetches = {0};
        f.wallets.lie(
                "walletAddress",
                (WalletAddress w) -> !w.id().equals(EVIL) ? w : fetches[0]++ % 2 == 0 ? moved : original);

        var flipping = f.start().start(f.order(orderFrom(EVIL, "flip")));

        assertEquals(ErrorCode.WALLET_REJECTED, refusal(flipping));
        assertEquals(2, fetches[0], "fetched once more before deciding");
        assertEquals(original, f.cache.wallet(EVIL).orElseThrow().wallet(), "the cache keeps the last good document");
        assertNothingOfOrderStored("flip");

        f.wallets.lie("walletAddress", (WalletAddress w) -> w.id().equals(EVIL) ? moved : w);
        f.wallets.addWallet("https://elsewhere.example/x", "MXN", 2); // the new servers exist
        var afterMove = f.start().start(f.order(orderFrom(EVIL, "moved")));

        assertTrue(afterMove instanceof Result.Ok, "a wallet that answers the same twice has moved: " + afterMove);
        assertEquals(moved, f.cache.wallet(EVIL).orElseThrow().wallet());
    }

    @Test
    void anOutgoingPaymentIdOnAnotherServerIsNeverCalledAndTheLegEndsVisibly() {
        Checkout c = consentedFromEvil("evil-6");
        f.wallets.lie("createOutgoingPayment", HostileWalletTest::onAnotherServer);
        f.wallets.lie(
                "listOutgoingPayments",
                (dev.opfunctions.checkout.port.WalletGateway.Page<OutgoingPayment> p) ->
                        new dev.opfunctions.checkout.port.WalletGateway.Page<>(
                                p.items().stream()
                                        .map(HostileWalletTest::onAnotherServer)
                                        .toList(),
                                p.hasNextPage(),
                                p.endCursor()));

        f.worker().handle(new Command.ContinueGrant(c.id()), 1);

        Checkout after = f.reload(c);
        assertEquals(LegStatus.FAILED, after.legs().get(0).status(), "the leg ends in a state a person can see");
        assertTrue(after.legs().get(0).failure().message().contains("internal.example"), "and says why");
        assertNoCallTo("internal.example");
        assertEquals(1, f.wallets.outgoingPayments().size(), "never created twice");
    }

    @Test
    void aCreateAnsweredWithAForeignIdIsReconciledFromTheWalletsOwnList() {
        Checkout c = consentedFromEvil("evil-7");
        f.wallets.lie("createOutgoingPayment", HostileWalletTest::onAnotherServer);

        f.worker().handle(new Command.ContinueGrant(c.id()), 1);

        Checkout after = f.reload(c);
        assertEquals(
                f.wallets.outgoingPayments().get(0).id(),
                after.legs().get(0).outgoingPaymentId(),
                "the payment is recorded under the id the wallet's list gives, on its own server");
        assertNoCallTo("internal.example");
        assertEquals(1, f.wallets.outgoingPayments().size(), "never created twice");
    }
}

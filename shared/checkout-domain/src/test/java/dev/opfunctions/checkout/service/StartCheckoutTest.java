package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.Result;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.FakeWallets.Fault;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.LegStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartCheckoutTest {

    private final CheckoutFixture f = new CheckoutFixture();

    @Test
    void storesACheckoutAwaitingConsentWithOneLegForTheMerchant() {
        Result<StartCheckout.Started> r = f.start().start(f.order(CheckoutFixture.b2c("order-1")));

        StartCheckout.Started s = r.orElseThrow();
        Checkout c = s.checkout();
        assertTrue(s.created());
        assertEquals(CheckoutStatus.AWAITING_CONSENT, c.status());
        assertEquals(1, c.legs().size());
        assertEquals(LegStatus.PENDING, c.legs().get(0).status());
        assertEquals("140000", c.legs().get(0).receiveAmount().value().toString());
        assertEquals("MXN 1400.00", c.debitTotal().toString());
        assertNotNull(c.consent().redirectUrl());
        assertEquals("https://api.shop.example/finish/" + c.id(), c.consent().finishUri());
        assertEquals(c, f.store.find(c.id()).orElseThrow());
        assertEquals(1, f.store.history(c.id()).size());
        assertEquals(List.of(), f.queue.sent(), "no message: the deadline is in the due index");
        assertEquals(c.createdAt().plus(Duration.ofMinutes(10)), c.wakeAt().orElseThrow());
    }

    @Test
    void returnsTheSameCheckoutForTheSameOrderAndBodyWithoutCallingWallets() {
        Checkout first = f.started(CheckoutFixture.b2c("order-1"));
        int calls = f.wallets.calls().size();

        StartCheckout.Started again =
                f.start().start(f.order(CheckoutFixture.b2c("order-1"))).orElseThrow();

        assertFalse(again.created());
        assertEquals(first.id(), again.checkout().id());
        assertEquals(calls, f.wallets.calls().size());
    }

    @Test
    void refusesTheSameOrderIdWithADifferentBody() {
        f.started(CheckoutFixture.b2c("order-1"));

        Result<StartCheckout.Started> r =
                f.start().start(f.order(CheckoutFixture.b2c("order-1").replace("140000", "140001")));

        assertEquals(
                ErrorCode.ORDER_CONFLICT,
                assertInstanceOf(Result.Err.class, r).problem().code());
        assertEquals(1, f.store.size());
    }

    @Test
    void splitsTheOrderIntoOneLegPerPayeeWithAQuoteEach() {
        Checkout c = f.started(CheckoutFixture.split("order-2", "140001"));

        assertEquals(2, c.legs().size());
        assertEquals("133001", c.legs().get(0).receiveAmount().value().toString());
        assertEquals("7000", c.legs().get(1).receiveAmount().value().toString());
        assertEquals("140001", c.debitTotal().value().toString());
        assertEquals(2, f.wallets.count("createQuote"));
        assertEquals(1, f.wallets.count("requestOutgoingPaymentGrant"));
    }

    @Test
    void rejectsAnOrderInAnotherAssetThanThePayeesWalletWithoutWritingState() {
        f.wallets.addWallet("https://euro.example/shop", "EUR", 2);
        String json = CheckoutFixture.b2c("order-3")
                .replace(
                        "\"returnUrl\"",
                        "\"payees\":[{\"walletAddress\":\"https://euro.example/shop\"}],\"returnUrl\"");

        Result<StartCheckout.Started> r = f.start().start(f.order(json));

        assertEquals(
                ErrorCode.ASSET_MISMATCH,
                assertInstanceOf(Result.Err.class, r).problem().code());
        assertEquals(0, f.store.size());
        assertTrue(f.queue.sent().isEmpty());
    }

    @Test
    void reportsAnUnknownWalletAsNotFoundWithoutWritingState() {
        Result<StartCheckout.Started> r =
                f.start().start(f.order(CheckoutFixture.b2c("order-4").replace("/customer", "/nobody")));

        assertEquals(
                ErrorCode.WALLET_ADDRESS_NOT_FOUND,
                assertInstanceOf(Result.Err.class, r).problem().code());
        assertEquals(0, f.store.size());
    }

    @Test
    void reportsAWalletOutageAsRetryableWithoutWritingState() {
        f.wallets.fault("requestOutgoingPaymentGrant", Fault.UNAVAILABLE_BEFORE);

        Result<StartCheckout.Started> r = f.start().start(f.order(CheckoutFixture.b2c("order-5")));

        assertEquals(
                ErrorCode.WALLET_UNAVAILABLE,
                assertInstanceOf(Result.Err.class, r).problem().code());
        assertEquals(0, f.store.size());
        assertTrue(
                f.start().start(f.order(CheckoutFixture.b2c("order-5"))) instanceof Result.Ok,
                "a retry with the same order id works");
    }

    @Test
    void refusesASplitWhereAPayeeWouldGetNothing() {
        Result<StartCheckout.Started> r = f.start().start(f.order(CheckoutFixture.split("order-6", "1")));

        assertEquals(
                ErrorCode.INVALID_SPLIT,
                assertInstanceOf(Result.Err.class, r).problem().code());
        assertEquals(0, f.wallets.calls().size());
    }

    @Test
    void refusesWalletsWhoseServersPointIntoPrivateNetworks() {
        var wa = f.wallets.addWallet("https://sneaky.example/x", "MXN", 2);
        // A public wallet address whose document names an internal auth server.
        var policy = new dev.opfunctions.checkout.order.UrlPolicy(
                false,
                java.util.Set.of(CheckoutFixture.SHOP),
                host -> java.util.List.of(java.net.InetAddress.getByAddress(
                        host,
                        host.startsWith("auth.sneaky")
                                ? new byte[] {127, 0, 0, 1}
                                : new byte[] {93, (byte) 184, (byte) 216, 34})));
        var dir = new WalletDirectory(f.wallets, f.cache, policy, f.clock, Duration.ofHours(1), Duration.ofSeconds(30));
        var start = new StartCheckout(
                new CheckoutDependencies(f.store, f.queue, f.wallets, dir, f.clock, f.settings), f.executor);
        String json = CheckoutFixture.b2c("order-7")
                .replace("\"returnUrl\"", "\"payees\":[{\"walletAddress\":\"" + wa.id() + "\"}],\"returnUrl\"");

        Result<StartCheckout.Started> r = start.start(f.order(json));

        assertEquals(
                ErrorCode.WALLET_ADDRESS_NOT_ALLOWED,
                assertInstanceOf(Result.Err.class, r).problem().code());
        assertTrue(
                f.wallets.calls().stream().noneMatch(call -> call.url().contains("auth.sneaky")),
                "the internal server is never called");
    }

    @Test
    void reusesCachedWalletDocumentsAndTokensAndRotatesExpiredTokens() {
        f.started(CheckoutFixture.b2c("a"));
        assertEquals(2, f.wallets.count("walletAddress"));
        assertEquals(2, f.wallets.count("requestGrant"));

        f.started(CheckoutFixture.b2c("b"));
        assertEquals(2, f.wallets.count("walletAddress"), "documents come from the cache");
        assertEquals(2, f.wallets.count("requestGrant"), "tokens come from the cache");

        f.clock.advance(Duration.ofMinutes(11));
        f.started(CheckoutFixture.b2c("c"));
        assertEquals(2, f.wallets.count("requestGrant"), "expired tokens are rotated, not re-granted");
        assertEquals(2, f.wallets.count("rotateToken"));
    }
}

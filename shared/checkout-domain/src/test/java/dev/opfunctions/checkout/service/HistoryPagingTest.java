package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.Problem;
import dev.opfunctions.checkout.Result;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutSummary;
import dev.opfunctions.checkout.model.WalletAddress;
import dev.opfunctions.checkout.port.WalletGateway;
import dev.opfunctions.checkout.port.WalletGateway.IncomingPayment;
import dev.opfunctions.checkout.port.WalletGateway.Page;
import dev.opfunctions.client.model.Amount;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Both history routes answer one page per request and continue with the cursor they issued, and only that. */
class HistoryPagingTest {

    private final CheckoutFixture f = new CheckoutFixture();

    /** Incoming payments at the merchant as this client creates them (each checkout creates one too). */
    private List<String> incomingAtMerchant(int n) {
        WalletAddress merchant = f.wallets.walletAddress(CheckoutFixture.MERCHANT);
        var token = f.wallets.requestGrant(merchant.authServer(), WalletGateway.AccessKind.INCOMING_PAYMENT);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Amount a = Amount.of(java.math.BigInteger.valueOf(100 + i), "MXN", 2);
            ids.add(f.wallets
                    .createIncomingPayment(
                            merchant, token, a, "order " + i, f.clock.instant().plusSeconds(600))
                    .id());
        }
        return ids;
    }

    /** Follows nextCursor from the first page to the last, returning every page. */
    private static <T> List<Listing<T>> allPages(Function<PageQuery, Result<Listing<T>>> route, int limit) {
        List<Listing<T>> pages = new ArrayList<>();
        PageQuery q = PageQuery.first(limit);
        for (int guard = 0; guard < 1000; guard++) {
            Listing<T> page = route.apply(q).orElseThrow();
            pages.add(page);
            if (page.nextCursor() == null) return pages;
            q = q.after(page.nextCursor());
        }
        throw new AssertionError("no last page after 1000 pages");
    }

    private static Problem refused(Result<?> r) {
        return assertInstanceOf(Result.Err.class, r).problem();
    }

    private static String cursorOf(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void receivedAsksTheWalletForOnePagePerRequestAndReachesEveryIncomingPaymentOnce() {
        List<String> created = incomingAtMerchant(45);

        List<Listing<ReceivedPayment>> pages = allPages(q -> f.queries().received(CheckoutFixture.MERCHANT, q), 20);

        assertEquals(
                List.of(20, 20, 5), pages.stream().map(p -> p.items().size()).toList());
        List<String> seen = pages.stream()
                .flatMap(p -> p.items().stream())
                .map(r -> r.payment().id())
                .toList();
        assertEquals(new HashSet<>(created), new HashSet<>(seen));
        assertEquals(created.size(), seen.size(), "no incoming payment twice");
        assertEquals(3, f.wallets.count("listIncomingPayments"), "one wallet request per page");
    }

    @Test
    void receivedRefusesACursorItDidNotIssueWithoutAskingTheWallet() {
        incomingAtMerchant(3);
        String paymentsCursor = cursorOf(
                "{\"v\":1,\"k\":\"payments\",\"wallet\":\"x\",\"createdAt\":\"2026-03-12T23:20:00Z\",\"id\":\"a\"}");

        for (String bad : List.of(
                cursorOf("{\"v\":1,\"k\":\"received\",\"after\":\"../../admin?x=1\"}"),
                cursorOf("{\"v\":1,\"k\":\"received\",\"after\":\"a\",\"extra\":1}"),
                cursorOf("{\"v\":1,\"k\":\"received\",\"after\":\"a\",\"after\":\"b\"}"),
                cursorOf("{\"v\":2,\"k\":\"received\",\"after\":\"a\"}"),
                cursorOf("[1]"),
                "bm90IGpzb24",
                paymentsCursor)) {
            Problem p = refused(f.queries()
                    .received(CheckoutFixture.MERCHANT, PageQuery.first(20).after(bad)));
            assertEquals(ErrorCode.INVALID_FIELD, p.code(), bad);
            assertTrue(p.message().contains("cursor"), p.message());
        }
        assertEquals(0, f.wallets.count("listIncomingPayments"), "no cursor reached the wallet");
    }

    @Test
    void receivedRefusesAWalletPageCursorItWouldNotSendBack() {
        incomingAtMerchant(3);
        f.wallets.<Page<IncomingPayment>>lie(
                "listIncomingPayments", p -> new Page<>(p.items(), true, "https://elsewhere.example/?a=b&c"));

        assertEquals(
                ErrorCode.WALLET_REJECTED,
                refused(f.queries().received(CheckoutFixture.MERCHANT, PageQuery.first(2)))
                        .code());
    }

    @Test
    void paymentsPagesNewestFirstAndReachesEveryCheckoutOnceEvenWhenSomeShareTheirCreationTime() {
        List<Checkout> started = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            started.add(f.started(CheckoutFixture.b2c("order-" + i)));
            // Pairs created at the same instant: the checkout id orders them, so none is skipped or repeated.
            if (i % 2 == 1) f.clock.advance(Duration.ofSeconds(1));
        }

        List<Listing<CheckoutSummary>> pages = allPages(q -> f.queries().payments(CheckoutFixture.CUSTOMER, q), 7);

        assertEquals(
                List.of(7, 7, 7, 4), pages.stream().map(p -> p.items().size()).toList());
        List<CheckoutSummary> seen =
                pages.stream().flatMap(p -> p.items().stream()).toList();
        List<String> newestFirst = started.stream()
                .sorted(Comparator.comparing(Checkout::createdAt)
                        .thenComparing(Checkout::id)
                        .reversed())
                .map(Checkout::id)
                .toList();
        assertEquals(newestFirst, seen.stream().map(CheckoutSummary::id).toList());
    }

    @Test
    void paymentsRefusesACursorIssuedForAnotherCustomersListing() {
        f.wallets.addWallet("https://cloudnine.example/other", "MXN", 2);
        for (int i = 0; i < 3; i++) f.started(CheckoutFixture.b2c("order-" + i));
        String mine = f.queries()
                .payments(CheckoutFixture.CUSTOMER, PageQuery.first(1))
                .orElseThrow()
                .nextCursor();
        assertNotNull(mine);

        Problem p = refused(f.queries()
                .payments("https://cloudnine.example/other", PageQuery.first(1).after(mine)));

        assertEquals(ErrorCode.INVALID_FIELD, p.code());
        assertTrue(p.message().contains("another wallet address"), p.message());
    }

    @Test
    void paymentsRefusesACursorWithFieldsItNeverWrites() {
        f.started(CheckoutFixture.b2c("order-1"));
        String wallet = CheckoutFixture.CUSTOMER;

        for (String bad : List.of(
                cursorOf("{\"v\":1,\"k\":\"payments\",\"wallet\":\"" + wallet
                        + "\",\"createdAt\":\"2026-03-12T23:20:00Z\",\"id\":\"a\",\"pk\":\"ORDER#x\"}"),
                cursorOf("{\"v\":1,\"k\":\"payments\",\"wallet\":\"" + wallet
                        + "\",\"createdAt\":\"yesterday\",\"id\":\"a\"}"),
                cursorOf("{\"v\":1,\"k\":\"payments\",\"wallet\":\"" + wallet
                        + "\",\"createdAt\":\"2026-03-12T23:20:00Z\",\"id\":\"a#b\"}"),
                cursorOf("{\"v\":1,\"k\":\"received\",\"after\":\"a\"}"))) {
            assertEquals(
                    ErrorCode.INVALID_FIELD,
                    refused(f.queries().payments(wallet, PageQuery.first(5).after(bad)))
                            .code(),
                    bad);
        }
    }

    @Test
    void aLastPageThatFitsExactlyHasNoNextCursor() {
        for (int i = 0; i < 4; i++) f.started(CheckoutFixture.b2c("order-" + i));

        Listing<CheckoutSummary> all = f.queries()
                .payments(CheckoutFixture.CUSTOMER, PageQuery.first(4))
                .orElseThrow();

        assertEquals(4, all.items().size());
        assertNull(all.nextCursor());
    }
}

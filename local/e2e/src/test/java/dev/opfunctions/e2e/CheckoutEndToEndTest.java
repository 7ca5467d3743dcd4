package dev.opfunctions.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.aws.local.testing.LocalServersExtension;
import dev.opfunctions.client.model.Amount;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * From {@code POST /checkouts} through the sandbox's consent (approved on its admin surface), the
 * finish callback and the queue to a completed checkout, on real local servers only, against a
 * sandbox that charges fees as the reference server does: the ledger must reconcile to the unit
 * ({@link Books}).
 */
@ExtendWith(LocalServersExtension.class)
class CheckoutEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalStack stack;

    @BeforeAll
    static void up(LocalServers servers) throws Exception {
        stack = new LocalStack(servers, UnaryOperator.identity());
    }

    @AfterAll
    static void down() throws Exception {
        stack.close();
    }

    static APIGatewayV2HTTPEvent http(String method, String path, String query, String body) {
        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        e.setVersion("2.0");
        e.setRawPath(path);
        e.setRawQueryString(query == null ? "" : query);
        e.setHeaders(Map.of("content-type", "application/json"));
        e.setBody(body);
        e.setIsBase64Encoded(false);
        APIGatewayV2HTTPEvent.RequestContext ctx = new APIGatewayV2HTTPEvent.RequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http h = new APIGatewayV2HTTPEvent.RequestContext.Http();
        h.setMethod(method);
        h.setPath(path);
        ctx.setHttp(h);
        ctx.setStage("$default");
        e.setRequestContext(ctx);
        return e;
    }

    /** Runs one checkout to a terminal state the way a storefront and a customer would. */
    static JsonNode pay(LocalStack s, String order) throws Exception {
        APIGatewayV2HTTPResponse created = s.start.handle(http("POST", "/checkouts", null, order));
        assertEquals(201, created.getStatusCode(), created.getBody());
        JsonNode checkout = JSON.readTree(created.getBody());
        String id = checkout.get("id").asText();

        String finishUrl =
                s.sandbox.admin().approve(checkout.get("redirectUrl").asText()).orElseThrow();
        URI finish = URI.create(finishUrl);
        assertEquals("/finish/" + id, finish.getRawPath());
        APIGatewayV2HTTPResponse back = s.finish.handle(http("GET", finish.getRawPath(), finish.getRawQuery(), null));
        assertEquals(302, back.getStatusCode(), back.getBody());
        assertEquals(
                JSON.readTree(order).get("returnUrl").asText() + "?checkoutId=" + id + "&outcome=approved",
                back.getHeaders().get("Location"));

        return await(s, id, Duration.ofSeconds(45));
    }

    /** The checkout's view once it is terminal; fails naming the checkout and its last view if it is not within {@code timeout}. */
    static JsonNode await(LocalStack s, String id, Duration timeout) {
        return Awaitility.await("checkout " + id + " reaches a terminal status")
                .atMost(timeout)
                .pollInSameThread()
                .pollInterval(Duration.ofMillis(150))
                .until(
                        () -> JSON.readTree(s.start
                                .handle(http("GET", "/checkouts/" + id, null, null))
                                .getBody()),
                        view -> Set.TERMINAL.contains(view.get("status").asText()));
    }

    private static final class Set {
        static final java.util.Set<String> TERMINAL =
                java.util.Set.of("completed", "failed", "rejected", "expired", "cancelled");
    }

    static String order(String orderId, String customer, String value, String asset, String payees) {
        return "{\"orderId\":\"" + orderId + "\",\"customerWalletAddress\":\"" + customer
                + "\",\"amount\":{\"value\":\"" + value
                + "\",\"assetCode\":\"" + asset + "\",\"assetScale\":2}"
                + (payees == null ? "" : ",\"payees\":" + payees)
                + ",\"returnUrl\":\"" + LocalStack.SHOP + "/orders/" + orderId + "\"}";
    }

    @Test
    void b2cPurchaseOfMxn1400FromTheGuide() throws Exception {
        String customer = stack.wallet("cloudninebank", "customer");
        Books books = Books.open(stack, customer, stack.retailer);

        JsonNode done = pay(stack, order("shoes-1400", customer, "140000", "MXN", null));

        assertEquals("completed", done.get("status").asText(), done.toString());
        assertEquals(
                "140000",
                done.get("payees").get(0).get("receivedAmount").get("value").asText());
        var made = books.reconcile(done, Map.of(stack.retailer, 140_000L));
        // Rafiki's local fees: 1.00 + 2 % of 1,400.00 = 29.00 on top; sentAmount leaves them out.
        assertEquals(1, made.size());
        assertEquals(Amount.of(142_900, "MXN", 2), made.get(0).debitAmount());
        assertEquals(Amount.of(140_000, "MXN", 2), made.get(0).sentAmount());
        assertEquals("2900", done.at("/feeAmount/value").asText());
        stack.awaitIdle();
        var stored = stack.ports.store().find(done.get("id").asText()).orElseThrow();
        assertEquals(
                java.util.Optional.of(true),
                stack.sandbox.admin().grantRevoked(stored.consent().continueUri()),
                "the purchase's grant is revoked at the customer's wallet once it is paid");
        assertEquals(null, stored.paymentToken(), "and its token is no longer kept");
    }

    @Test
    void peerToPeerPaymentOfUsd10() throws Exception {
        String alice = stack.wallet("cloudninebank", "alice");
        String bob = stack.wallet("happylifebank", "bob");
        Books books = Books.open(stack, alice, bob);

        JsonNode done = pay(stack, order("p2p-10", alice, "1000", "USD", "[{\"walletAddress\":\"" + bob + "\"}]"));

        assertEquals("completed", done.get("status").asText(), done.toString());
        books.reconcile(done, Map.of(bob, 1000L));
        assertEquals("1120", done.at("/debitedAmount/value").asText(), "10.00 + 1.00 + 2 %");
    }

    @Test
    void splitPaymentBetweenSellerAndMarketplaceFee() throws Exception {
        String customer = stack.wallet("cloudninebank", "customer");
        String fees = stack.wallet("happylifebank", "fees");
        Books books = Books.open(stack, customer, stack.retailer, fees);
        String payees = "[{\"walletAddress\":\"" + stack.retailer + "\",\"share\":95},{\"walletAddress\":\"" + fees
                + "\",\"share\":5}]";

        JsonNode done = pay(stack, order("split-1001", customer, "100001", "MXN", payees));

        assertEquals("completed", done.get("status").asText(), done.toString());
        var made = books.reconcile(done, Map.of(stack.retailer, 95_001L, fees, 5_000L));
        assertEquals(2, made.size(), "one payment per payee");
        assertEquals("95001", done.at("/payees/0/receivedAmount/value").asText());
        assertEquals(
                made.get(0).debitAmount().value().toString(),
                done.at("/payees/0/debitedAmount/value").asText());
    }

    @Test
    void crossCurrencyPurchasePaidInDollarsToAPesoMerchant() throws Exception {
        String customer = stack.sandbox.admin().createWalletAddress("cloudninebank", "tourist", "USD", 2, "Tourist");
        stack.sandbox.admin().fund(customer, 50_000);
        Books books = Books.open(stack, customer, stack.retailer);

        JsonNode done = pay(stack, order("fx-340", customer, "34000", "MXN", null));

        assertEquals("completed", done.get("status").asText(), done.toString());
        books.reconcile(done, Map.of(stack.retailer, 34_000L));
        // MXN 340.00 at 17 MXN/USD is USD 20.00, plus 1.00 + 2 % in the customer's asset.
        assertEquals("USD", done.at("/debitedAmount/assetCode").asText());
        assertEquals("2140", done.at("/debitedAmount/value").asText());
        assertEquals("140", done.at("/feeAmount/value").asText());
    }

    @Test
    void aFinishRedirectFollowedAgainSendsTheCustomerBackToTheShopAndPaysOnce() throws Exception {
        String customer = stack.wallet("cloudninebank", "customer");
        Books books = Books.open(stack, customer, stack.retailer);
        String order = order("reload-50", customer, "5000", "MXN", null);
        JsonNode checkout = JSON.readTree(
                stack.start.handle(http("POST", "/checkouts", null, order)).getBody());
        String id = checkout.get("id").asText();
        URI finish = URI.create(stack.sandbox
                .admin()
                .approve(checkout.get("redirectUrl").asText())
                .orElseThrow());
        String shop = LocalStack.SHOP + "/orders/reload-50?checkoutId=" + id + "&outcome=approved";

        APIGatewayV2HTTPResponse first =
                stack.finish.handle(http("GET", finish.getRawPath(), finish.getRawQuery(), null));
        APIGatewayV2HTTPResponse reload =
                stack.finish.handle(http("GET", finish.getRawPath(), finish.getRawQuery(), null));
        JsonNode done = await(stack, id, Duration.ofSeconds(45));
        APIGatewayV2HTTPResponse afterwards =
                stack.finish.handle(http("GET", finish.getRawPath(), finish.getRawQuery(), null));

        for (APIGatewayV2HTTPResponse r : List.of(first, reload, afterwards)) {
            assertEquals(302, r.getStatusCode(), r.getBody());
            assertEquals(shop, r.getHeaders().get("Location"));
        }
        assertEquals("completed", done.get("status").asText(), done.toString());
        assertEquals(1, books.reconcile(done, Map.of(stack.retailer, 5_000L)).size(), "paid once");
    }

    @Test
    void aRejectedAndACancelledCheckoutLeaveNoIncomingPaymentPendingAtThePayee() throws Exception {
        String customer = stack.wallet("cloudninebank", "customer");
        String payee =
                stack.sandbox.admin().createWalletAddress("happylifebank", "left-open", "MXN", 2, "Left Open Shop");
        String only = "[{\"walletAddress\":\"" + payee + "\"}]";
        JsonNode rejected = JSON.readTree(stack.start
                .handle(http("POST", "/checkouts", null, order("reject-1", customer, "5000", "MXN", only)))
                .getBody());
        JsonNode cancelled = JSON.readTree(stack.start
                .handle(http("POST", "/checkouts", null, order("cancel-1", customer, "7000", "MXN", only)))
                .getBody());
        assertEquals(2, stack.sandbox.admin().incomingPayments(payee).size());

        URI finish = URI.create(
                stack.sandbox.admin().deny(rejected.get("redirectUrl").asText()).orElseThrow());
        assertEquals(
                302,
                stack.finish
                        .handle(http("GET", finish.getRawPath(), finish.getRawQuery(), null))
                        .getStatusCode());
        assertEquals(
                200,
                stack.start
                        .handle(http("POST", "/checkouts/" + cancelled.get("id").asText() + "/cancel", null, null))
                        .getStatusCode());

        assertEquals(
                302,
                stack.finish
                        .handle(http("GET", finish.getRawPath(), finish.getRawQuery(), null))
                        .getStatusCode(),
                "the refusal followed again sends the customer back too");
        JsonNode refused = await(stack, rejected.get("id").asText(), Duration.ofSeconds(10));
        assertEquals("rejected", refused.get("status").asText());
        assertEquals("cancelled", refused.at("/payees/0/status").asText(), "never left pending");
        Awaitility.await("no incoming payment left pending at " + payee)
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> stack.sandbox.admin().incomingPayments(payee).stream()
                        .noneMatch(i -> i.state().equals("pending")));
        assertEquals(
                List.of("completed", "completed"),
                stack.sandbox.admin().incomingPayments(payee).stream()
                        .map(i -> i.state())
                        .toList(),
                "both incoming payments were completed at the payee's wallet, none paid");
        assertEquals(BigInteger.ZERO, stack.sandbox.admin().balance(payee).value());
    }
}

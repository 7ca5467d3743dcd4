package dev.opfunctions.aws.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.client.model.Amount;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * From {@code POST /checkouts} through the sandbox's consent (approved on its admin surface), the
 * finish callback and the queue to a completed checkout, on real local servers only. The ledger
 * must move by exactly the order amounts.
 */
class CheckoutEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalStack stack;

    @BeforeAll
    static void up() throws Exception {
        stack = new LocalStack(UnaryOperator.identity());
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

        String finishUrl = s.sandbox.admin().approve(checkout.get("redirectUrl").asText()).orElseThrow();
        URI finish = URI.create(finishUrl);
        assertEquals("/finish/" + id, finish.getRawPath());
        APIGatewayV2HTTPResponse back = s.finish.handle(http("GET", finish.getRawPath(), finish.getRawQuery(), null));
        assertEquals(302, back.getStatusCode(), back.getBody());
        assertEquals(JSON.readTree(order).get("returnUrl").asText() + "?checkoutId=" + id + "&outcome=approved", back.getHeaders().get("Location"));

        return await(s, id, Duration.ofSeconds(45));
    }

    static JsonNode await(LocalStack s, String id, Duration timeout) throws Exception {
        Instant until = Instant.now().plus(timeout);
        JsonNode view;
        do {
            Thread.sleep(150);
            view = JSON.readTree(s.start.handle(http("GET", "/checkouts/" + id, null, null)).getBody());
        } while (Instant.now().isBefore(until) && !Set.TERMINAL.contains(view.get("status").asText()));
        return view;
    }

    private static final class Set {
        static final java.util.Set<String> TERMINAL = java.util.Set.of("completed", "failed", "rejected", "expired", "cancelled");
    }

    static String order(String orderId, String customer, String value, String asset, String payees) {
        return "{\"orderId\":\"" + orderId + "\",\"customerWalletAddress\":\"" + customer + "\",\"amount\":{\"value\":\"" + value
                + "\",\"assetCode\":\"" + asset + "\",\"assetScale\":2}" + (payees == null ? "" : ",\"payees\":" + payees)
                + ",\"returnUrl\":\"" + LocalStack.SHOP + "/orders/" + orderId + "\"}";
    }

    private static BigInteger balance(String wallet) {
        Amount a = stack.sandbox.admin().balance(wallet);
        return a.value();
    }

    @Test
    void b2cPurchaseOfMxn1400FromTheGuide() throws Exception {
        String customer = stack.wallet("cloudninebank", "customer");
        BigInteger customerBefore = balance(customer);
        BigInteger retailerBefore = balance(stack.retailer);

        JsonNode done = pay(stack, order("shoes-1400", customer, "140000", "MXN", null));

        assertEquals("completed", done.get("status").asText(), done.toString());
        assertEquals("140000", done.get("payees").get(0).get("receivedAmount").get("value").asText());
        assertTrue(stack.sandbox.admin().awaitPaymentsSettled(Duration.ofSeconds(5)));
        assertEquals(customerBefore.subtract(BigInteger.valueOf(140000)), balance(customer));
        assertEquals(retailerBefore.add(BigInteger.valueOf(140000)), balance(stack.retailer));
        stack.sandbox.admin().checkMoneyConserved();
    }

    @Test
    void peerToPeerPaymentOfUsd10() throws Exception {
        String alice = stack.wallet("cloudninebank", "alice");
        String bob = stack.wallet("happylifebank", "bob");
        BigInteger aliceBefore = balance(alice);
        BigInteger bobBefore = balance(bob);

        JsonNode done = pay(stack, order("p2p-10", alice, "1000", "USD", "[{\"walletAddress\":\"" + bob + "\"}]"));

        assertEquals("completed", done.get("status").asText(), done.toString());
        assertEquals(aliceBefore.subtract(BigInteger.valueOf(1000)), balance(alice));
        assertEquals(bobBefore.add(BigInteger.valueOf(1000)), balance(bob));
    }

    @Test
    void splitPaymentBetweenSellerAndMarketplaceFee() throws Exception {
        String customer = stack.wallet("cloudninebank", "customer");
        String fees = stack.wallet("happylifebank", "fees");
        BigInteger customerBefore = balance(customer);
        BigInteger retailerBefore = balance(stack.retailer);
        BigInteger feesBefore = balance(fees);
        String payees = "[{\"walletAddress\":\"" + stack.retailer + "\",\"share\":95},{\"walletAddress\":\"" + fees + "\",\"share\":5}]";

        JsonNode done = pay(stack, order("split-1001", customer, "100001", "MXN", payees));

        assertEquals("completed", done.get("status").asText(), done.toString());
        assertEquals(customerBefore.subtract(BigInteger.valueOf(100001)), balance(customer));
        assertEquals(retailerBefore.add(BigInteger.valueOf(95001)), balance(stack.retailer));
        assertEquals(feesBefore.add(BigInteger.valueOf(5000)), balance(fees));
        stack.sandbox.admin().checkMoneyConserved();
    }
}

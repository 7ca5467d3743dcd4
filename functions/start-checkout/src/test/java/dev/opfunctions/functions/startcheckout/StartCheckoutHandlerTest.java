package dev.opfunctions.functions.startcheckout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.Sha256FinishHash;
import dev.opfunctions.lambda.FunctionConfig;
import dev.opfunctions.lambda.Ports;
import dev.opfunctions.lambda.openapi.StorefrontContract;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StartCheckoutHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CheckoutFixture f = new CheckoutFixture();
    // Every answer is checked against openapi.yaml before a test sees it.
    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
            StorefrontContract.checked(new StartCheckoutHandler(
                    FunctionConfig.from(Map.of(
                            "TABLE_NAME",
                            "payments",
                            "COMMANDS_QUEUE_URL",
                            "https://sqs.local/q",
                            "PUBLIC_BASE_URL",
                            "https://api.shop.example",
                            "MERCHANT_WALLET_ADDRESS",
                            CheckoutFixture.MERCHANT,
                            "ALLOWED_RETURN_ORIGINS",
                            CheckoutFixture.SHOP)),
                    new Ports(f.store, f.queue, f.wallets, f.cache, new Sha256FinishHash(), f.resolver, f.clock)));

    private APIGatewayV2HTTPResponse call(String fixture, String checkoutId) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/" + fixture);
        if (checkoutId != null) event.setRawPath(event.getRawPath().replace("CHECKOUT_ID", checkoutId));
        return handler.handleRequest(event, null);
    }

    private static JsonNode body(APIGatewayV2HTTPResponse r) throws Exception {
        return JSON.readTree(r.getBody());
    }

    @Test
    void createsACheckoutAndAnswersWithItsIdStatusAndConsentUrl() throws Exception {
        APIGatewayV2HTTPResponse r = call("post-checkout.json", null);

        assertEquals(201, r.getStatusCode(), r.getBody());
        assertEquals("application/json", r.getHeaders().get("Content-Type"));
        JsonNode b = body(r);
        assertEquals("awaiting_consent", b.get("status").asText());
        assertTrue(b.get("redirectUrl").asText().startsWith("https://auth.cloudnine.example/interact/"));
        assertEquals("140000", b.get("amount").get("value").asText());
        assertEquals(
                b.get("id").asText(),
                f.store.findByOrder("order-1001").orElseThrow().id());
    }

    @Test
    void refusesABodyMarkedBase64ThatDoesNotDecodeWith400AndWritesNothing() throws Exception {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/post-checkout.json");
        event.setIsBase64Encoded(true);
        event.setBody("{not base64!}");

        APIGatewayV2HTTPResponse r = handler.handleRequest(event, null);

        assertEquals(400, r.getStatusCode(), r.getBody());
        assertEquals("MALFORMED_JSON", body(r).at("/error/code").asText());
        assertEquals(0, f.store.size());
    }

    @Test
    void acceptsABase64EncodedJsonBody() {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/post-checkout.json");
        event.setBody(java.util.Base64.getEncoder()
                .encodeToString(event.getBody().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        assertEquals(201, handler.handleRequest(event, null).getStatusCode());
    }

    @Test
    void answersARepeatedOrderWithTheSameCheckout() throws Exception {
        String first = body(call("post-checkout.json", null)).get("id").asText();

        APIGatewayV2HTTPResponse again = call("post-checkout.json", null);

        assertEquals(200, again.getStatusCode());
        assertEquals(first, body(again).get("id").asText());
    }

    @Test
    void splitsBetweenTwoPayees() throws Exception {
        JsonNode b = body(call("post-checkout-split.json", null));

        assertEquals(2, b.get("payees").size());
        assertEquals("133000", b.get("payees").get(0).get("amount").get("value").asText());
        assertEquals("7000", b.get("payees").get(1).get("amount").get("value").asText());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "post-checkout-fractional-amount.json, 400, INVALID_AMOUNT",
        "post-checkout-unknown-field.json, 400, UNKNOWN_FIELD",
        "post-checkout-private-wallet.json, 400, WALLET_ADDRESS_NOT_ALLOWED",
        "post-checkout-form.json, 415, UNSUPPORTED_MEDIA_TYPE",
        "unknown-route.json, 404, ROUTE_NOT_FOUND"
    })
    void rejectsBadRequestsWithAStableCodeAndWritesNothing(String fixture, int status, String code) throws Exception {
        APIGatewayV2HTTPResponse r = call(fixture, null);

        assertEquals(status, r.getStatusCode());
        JsonNode error = body(r).get("error");
        assertEquals(code, error.get("code").asText());
        assertTrue(error.get("message").asText().length() > 10);
        assertEquals(0, f.store.size());
        assertTrue(f.queue.sent().isEmpty());
    }

    @Test
    void showsACheckoutWithItsHistoryAndReportsUnknownOnes() throws Exception {
        String id = body(call("post-checkout.json", null)).get("id").asText();

        JsonNode b = body(call("get-checkout.json", id));

        assertEquals("awaiting_consent", b.get("status").asText());
        assertEquals("checkout-created", b.get("history").get(0).get("type").asText());
        assertEquals("0", b.get("debitedAmount").get("value").asText());
        APIGatewayV2HTTPResponse missing = call("get-checkout.json", "00000000-0000-0000-0000-000000000000");
        assertEquals(404, missing.getStatusCode());
        assertEquals(
                "CHECKOUT_NOT_FOUND", body(missing).get("error").get("code").asText());
    }

    @Test
    void cancelsACheckoutAwaitingConsent() throws Exception {
        String id = body(call("post-checkout.json", null)).get("id").asText();

        APIGatewayV2HTTPResponse r = call("cancel-checkout.json", id);

        assertEquals(200, r.getStatusCode());
        assertEquals("cancelled", body(r).get("status").asText());
    }

    @Test
    void listsTheMerchantsReceivedPaymentsAndTheCustomersPayments() throws Exception {
        call("post-checkout.json", null);

        JsonNode received = body(call("history-received.json", null));
        JsonNode payments = body(call("history-payments.json", null));

        assertEquals(1, received.get("payments").size());
        assertEquals(
                "140000",
                received.get("payments")
                        .get(0)
                        .get("incomingAmount")
                        .get("value")
                        .asText());
        assertEquals(
                "order-1001", payments.get("checkouts").get(0).get("orderId").asText());
        JsonNode waiting = received.get("payments").get(0);
        assertEquals(false, waiting.get("completed").asBoolean());
        assertEquals(false, waiting.get("paid").asBoolean());
        assertEquals("open", waiting.get("state").asText());
    }

    @Test
    void saysAReceivedPaymentThisClientClosedWasNotPaidThoughTheWalletCallsItCompleted() throws Exception {
        String id = body(call("post-checkout.json", null)).get("id").asText();
        call("cancel-checkout.json", id);
        f.drain(f.worker(), 5);

        JsonNode closed =
                body(call("history-received.json", null)).get("payments").get(0);

        assertEquals(true, closed.get("completed").asBoolean());
        assertEquals(false, closed.get("paid").asBoolean());
        assertEquals("closed_unpaid", closed.get("state").asText());
    }

    private APIGatewayV2HTTPResponse payments(
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> on, String customerWalletAddress) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/history-payments.json");
        event.setRawQueryString("customerWalletAddress="
                + java.net.URLEncoder.encode(customerWalletAddress, java.nio.charset.StandardCharsets.UTF_8));
        event.setQueryStringParameters(Map.of("customerWalletAddress", customerWalletAddress));
        return on.handleRequest(event, null);
    }

    @Test
    void listsTheCustomersPaymentsUnderTheWalletsIdForTheHttpSpellingLocalRafikiServes() throws Exception {
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> local =
                StorefrontContract.checked(new StartCheckoutHandler(
                        FunctionConfig.from(Map.of(
                                "TABLE_NAME", "payments",
                                "COMMANDS_QUEUE_URL", "https://sqs.local/q",
                                "PUBLIC_BASE_URL", "https://api.shop.example",
                                "MERCHANT_WALLET_ADDRESS", CheckoutFixture.MERCHANT,
                                "ALLOWED_RETURN_ORIGINS", CheckoutFixture.SHOP,
                                "LOCAL_DEVELOPMENT", "true")),
                        new Ports(f.store, f.queue, f.wallets, f.cache, new Sha256FinishHash(), f.resolver, f.clock)));
        f.wallets.serveDocument("http://cloudnine.example/customer", f.wallets.walletAddress(CheckoutFixture.CUSTOMER));
        String id = body(call("post-checkout.json", null)).get("id").asText();

        JsonNode http = body(payments(local, "http://cloudnine.example/customer"));
        JsonNode pointer = body(payments(handler, "$cloudnine.example/customer"));

        assertEquals(id, http.get("checkouts").get(0).get("id").asText());
        assertEquals(
                CheckoutFixture.CUSTOMER,
                http.get("checkouts").get(0).get("customerWalletAddress").asText());
        assertEquals(id, pointer.get("checkouts").get(0).get("id").asText());
    }

    @Test
    void refusesThePaymentsOfAnAddressNoWalletAnswersForWithTheCheckoutsError() throws Exception {
        APIGatewayV2HTTPResponse r = payments(handler, "https://cloudnine.example/nobody");

        assertEquals(422, r.getStatusCode());
        assertEquals("WALLET_ADDRESS_NOT_FOUND", body(r).at("/error/code").asText());
        assertTrue(body(r).at("/error/message").asText().contains("https://cloudnine.example/nobody"));
    }
}

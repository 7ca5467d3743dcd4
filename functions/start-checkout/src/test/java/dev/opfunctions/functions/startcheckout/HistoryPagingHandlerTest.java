package dev.opfunctions.functions.startcheckout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.Sha256FinishHash;
import dev.opfunctions.lambda.FunctionConfig;
import dev.opfunctions.lambda.Ports;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The history routes' limit and cursor parameters, fed by the sample events in events/. */
class HistoryPagingHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CheckoutFixture f = new CheckoutFixture();
    private final StartCheckoutHandler handler = new StartCheckoutHandler(
            FunctionConfig.from(Map.of(
                    "TABLE_NAME", "payments",
                    "COMMANDS_QUEUE_URL", "https://sqs.local/q",
                    "PUBLIC_BASE_URL", "https://api.shop.example",
                    "MERCHANT_WALLET_ADDRESS", CheckoutFixture.MERCHANT,
                    "ALLOWED_RETURN_ORIGINS", CheckoutFixture.SHOP)),
            new Ports(f.store, f.queue, f.wallets, f.cache, new Sha256FinishHash(), f.resolver, f.clock));

    /** The route's sample event with {@code params} added to its query (null values are left out). */
    private APIGatewayV2HTTPResponse get(String route, String... params) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/history-" + route + ".json");
        Map<String, String> q =
                new HashMap<>(event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters());
        for (int i = 0; i < params.length; i += 2) if (params[i + 1] != null) q.put(params[i], params[i + 1]);
        event.setQueryStringParameters(q);
        return handler.handleRequest(event, null);
    }

    private static JsonNode ok(APIGatewayV2HTTPResponse r) throws Exception {
        assertEquals(200, r.getStatusCode(), r.getBody());
        return JSON.readTree(r.getBody());
    }

    /** Follows nextCursor through every page of a route: the ids seen (each once), and the page sizes. */
    private String walk(String route, String list, String limit, Set<String> ids) throws Exception {
        StringBuilder sizes = new StringBuilder();
        String cursor = null;
        do {
            JsonNode page = ok(get(route, "limit", limit, "cursor", cursor));
            page.get(list).forEach(item -> assertTrue(ids.add(item.get("id").asText()), "seen twice: " + item));
            sizes.append(sizes.isEmpty() ? "" : ",").append(page.get(list).size());
            assertTrue(page.has("nextCursor"), "nextCursor is always there, null on the last page");
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asText();
        } while (cursor != null);
        return sizes.toString();
    }

    @Test
    void bothRoutesAnswerTwentyByDefaultAndContinueWithTheirCursor() throws Exception {
        for (int i = 0; i < 25; i++) f.started(CheckoutFixture.b2c("order-" + i));
        Set<String> checkouts = new HashSet<>();
        Set<String> incoming = new HashSet<>();

        assertEquals("20,5", walk("payments", "checkouts", null, checkouts));
        assertEquals("20,5", walk("received", "payments", null, incoming));
        assertEquals(25, checkouts.size());
        assertEquals(25, incoming.size());
    }

    @Test
    void aLimitOfOneHundredIsOnePageAndTheFirstPageKeepsItsFields() throws Exception {
        for (int i = 0; i < 3; i++) f.started(CheckoutFixture.b2c("order-" + i));

        JsonNode payments = ok(get("payments", "limit", "100"));
        JsonNode received = ok(get("received", "limit", "100"));

        assertEquals(3, payments.get("checkouts").size());
        assertTrue(payments.get("nextCursor").isNull());
        assertEquals(CheckoutFixture.MERCHANT, received.get("walletAddress").asText());
        assertEquals("open", received.get("payments").get(0).get("state").asText());
        assertTrue(received.get("nextCursor").isNull());
    }

    @ParameterizedTest(name = "{0} limit={1}")
    @CsvSource({
        "payments, 0",
        "payments, 101",
        "payments, abc",
        "payments, -1",
        "payments, 1e2",
        "payments, ''",
        "received, 0",
        "received, 101",
        "received, 20.5",
        "received, ' 5'"
    })
    void refusesALimitOutsideOneToOneHundred(String route, String limit) throws Exception {
        APIGatewayV2HTTPResponse r = get(route, "limit", limit);

        assertEquals(400, r.getStatusCode(), r.getBody());
        JsonNode error = JSON.readTree(r.getBody()).get("error");
        assertEquals("INVALID_FIELD", error.get("code").asText());
        assertTrue(error.get("message").asText().contains("limit"), error.toString());
    }

    @ParameterizedTest(name = "{0} cursor={1}")
    @CsvSource({
        "payments, ''", "payments, not a cursor", "payments, e30", "payments, ../../x",
        "received, ''", "received, '%2F..%2F'", "received, eyJ2IjoxfQ", "received, bm90IGpzb24"
    })
    void refusesACursorItDidNotIssueAndNeverAsksTheWalletForIt(String route, String cursor) throws Exception {
        f.started(CheckoutFixture.b2c("order-1"));
        f.wallets.clearCalls();

        APIGatewayV2HTTPResponse r = get(route, "cursor", cursor);

        assertEquals(400, r.getStatusCode(), r.getBody());
        JsonNode error = JSON.readTree(r.getBody()).get("error");
        assertEquals("INVALID_FIELD", error.get("code").asText());
        assertTrue(error.get("message").asText().contains("cursor"), error.toString());
        assertEquals(0, f.wallets.count("listIncomingPayments"));
    }

    @Test
    void refusesOneRoutesCursorOnTheOtherRoute() throws Exception {
        for (int i = 0; i < 3; i++) f.started(CheckoutFixture.b2c("order-" + i));
        String payments = ok(get("payments", "limit", "1")).get("nextCursor").asText();
        String received = ok(get("received", "limit", "1")).get("nextCursor").asText();
        assertFalse(payments.isEmpty() || received.isEmpty());

        assertEquals(400, get("received", "cursor", payments).getStatusCode());
        assertEquals(400, get("payments", "cursor", received).getStatusCode());
    }
}

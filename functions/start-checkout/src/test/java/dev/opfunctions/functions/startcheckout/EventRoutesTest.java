package dev.opfunctions.functions.startcheckout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.checkout.events.EventFanOut;
import dev.opfunctions.checkout.events.EventReplay;
import dev.opfunctions.checkout.events.WebhookDelivery;
import dev.opfunctions.checkout.events.WebhookEndpoint;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.EventFakes;
import dev.opfunctions.checkout.fakes.Sha256FinishHash;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.lambda.FunctionConfig;
import dev.opfunctions.lambda.Ports;
import dev.opfunctions.lambda.Services;
import dev.opfunctions.lambda.openapi.ContractCheckedRoutes;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GET /checkouts/{id}/events and POST /checkouts/{id}/events/{sequence}/redeliver over in-memory events of a
 * real purchase; every answer (the embedded webhook bodies included) is checked against openapi.yaml.
 */
class EventRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CheckoutFixture f = new CheckoutFixture();
    private final EventFakes.Deliveries rows = new EventFakes.Deliveries();
    private final EventFakes.Queue queue = new EventFakes.Queue();
    private final EventFakes.Endpoint endpoint = new EventFakes.Endpoint();

    private ContractCheckedRoutes api(EventReplay replay) {
        Services services = new Services(
                FunctionConfig.from(Map.of(
                        "TABLE_NAME", "payments",
                        "COMMANDS_QUEUE_URL", "https://sqs.local/q",
                        "PUBLIC_BASE_URL", "https://api.shop.example",
                        "MERCHANT_WALLET_ADDRESS", CheckoutFixture.MERCHANT,
                        "ALLOWED_RETURN_ORIGINS", CheckoutFixture.SHOP)),
                new Ports(f.store, f.queue, f.wallets, f.cache, new Sha256FinishHash(), f.resolver, f.clock));
        return ContractCheckedRoutes.of(StorefrontApi.from(services, replay)::handle);
    }

    private static APIGatewayV2HTTPEvent request(String method, String path, Map<String, String> query) {
        return APIGatewayV2HTTPEvent.builder()
                .withRawPath(path)
                .withQueryStringParameters(query)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(path)
                                .build())
                        .build())
                .build();
    }

    /** A paid purchase whose events went out; the completion's webhook failed once (503) and awaits a retry. */
    private Checkout purchase() {
        Checkout c = f.started(CheckoutFixture.b2c("o-events"));
        f.consent(c).orElseThrow();
        f.drain(f.worker(), 10);
        new EventFanOut(rows, queue, null, f.clock).handle(EventFakes.stream(f.store));
        endpoint.answer(new WebhookEndpoint.Answer.Status(200), new WebhookEndpoint.Answer.Status(503));
        var delivery = new WebhookDelivery(rows, queue, endpoint, f.clock);
        queue.drain().forEach(s -> delivery.handle(s.command()));
        queue.drain();
        return c;
    }

    @Test
    void listsEachEventWithItsDeliveryAndTheWebhookBodyAndFiltersTheUndelivered() throws Exception {
        Checkout c = purchase();
        var routes = api(new EventReplay(rows, queue, f.clock));

        APIGatewayV2HTTPResponse all = routes.handle(request("GET", "/checkouts/" + c.id() + "/events", null));
        APIGatewayV2HTTPResponse undelivered =
                routes.handle(request("GET", "/checkouts/" + c.id() + "/events", Map.of("undelivered", "true")));

        assertEquals(200, all.getStatusCode(), all.getBody());
        JsonNode events = JSON.readTree(all.getBody()).get("events");
        assertEquals(2, events.size());
        assertEquals("delivered", events.get(0).at("/delivery/status").asText());
        assertEquals("checkout.consent_granted", events.get(0).at("/event/type").asText());
        JsonNode pending = JSON.readTree(undelivered.getBody()).get("events");
        assertEquals(1, pending.size());
        assertEquals("503", pending.get(0).at("/delivery/lastStatus").asText());
        assertTrue(pending.get(0).at("/delivery/nextAttemptAt").isTextual());
    }

    @Test
    void aRedeliveryAnswers202AndQueuesTheWebhook() throws Exception {
        Checkout c = purchase();
        long seq = rows.all().get(1).sequence();

        var r = api(new EventReplay(rows, queue, f.clock))
                .handle(request("POST", "/checkouts/" + c.id() + "/events/" + seq + "/redeliver", null));

        assertEquals(202, r.getStatusCode(), r.getBody());
        assertEquals(1, JSON.readTree(r.getBody()).at("/delivery/redeliveries").asInt());
        assertEquals(0, JSON.readTree(r.getBody()).at("/delivery/attempts").asInt());
        assertEquals(1, queue.sent.size());
    }

    @Test
    void refusalsAreErrorsInTheApiFormat() {
        Checkout c = purchase();
        var routes = api(new EventReplay(rows, queue, f.clock));

        var unknownEvent = routes.handle(request("POST", "/checkouts/" + c.id() + "/events/99999/redeliver", null));
        var noWebhooks = api(new EventReplay(rows, null, f.clock))
                .handle(request(
                        "POST",
                        "/checkouts/" + c.id() + "/events/" + rows.all().get(0).sequence() + "/redeliver",
                        null));
        var badFilter = routes.handle(request("GET", "/checkouts/" + c.id() + "/events", Map.of("undelivered", "yes")));
        var unknownCheckout = routes.handle(request("GET", "/checkouts/nope/events", null));
        var notConfigured = api(null).handle(request("GET", "/checkouts/" + c.id() + "/events", null));

        assertEquals(404, unknownEvent.getStatusCode());
        assertTrue(unknownEvent.getBody().contains("EVENT_NOT_FOUND"));
        assertEquals(409, noWebhooks.getStatusCode());
        assertTrue(noWebhooks.getBody().contains("WEBHOOKS_DISABLED"));
        assertEquals(400, badFilter.getStatusCode());
        assertEquals(404, unknownCheckout.getStatusCode());
        assertTrue(unknownCheckout.getBody().contains("CHECKOUT_NOT_FOUND"));
        assertEquals(404, notConfigured.getStatusCode());
        assertTrue(notConfigured.getBody().contains("ROUTE_NOT_FOUND"));
    }
}

package dev.opfunctions.functions.deliverevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.aws.StateImages;
import dev.opfunctions.checkout.events.DeliveryStatus;
import dev.opfunctions.checkout.events.EventFanOut;
import dev.opfunctions.checkout.events.WebhookDelivery;
import dev.opfunctions.checkout.events.WebhookEndpoint;
import dev.opfunctions.checkout.fakes.EventFakes;
import dev.opfunctions.client.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler fed the repository's sample events (events/deliver-events-*.json), on in-memory ports. */
class DeliverEventsHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = MutableClock.at("2026-03-12T23:30:00Z");
    private final EventFakes.Deliveries rows = new EventFakes.Deliveries();
    private final EventFakes.Queue queue = new EventFakes.Queue();
    private final EventFakes.Bus bus = new EventFakes.Bus();
    private final EventFakes.Endpoint endpoint = new EventFakes.Endpoint();
    private final DeliverEventsHandler handler = new DeliverEventsHandler(new EventsBatch(
            new StateImages(null, "PaymentsTable")::transition,
            new EventFanOut(rows, queue, bus, new WebhookDelivery(rows, queue, endpoint, clock), clock),
            new WebhookDelivery(rows, queue, endpoint, clock)));

    private static String sample(String name) throws Exception {
        return Files.readString(Path.of(System.getProperty("repo.root"), "events", name));
    }

    private JsonNode invoke(String event) throws Exception {
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes()), out, null);
        return JSON.readTree(out.toByteArray());
    }

    @Test
    void theSampleStreamBatchPublishesAndDeliversEachStorefrontEventWithoutTheQueue() throws Exception {
        JsonNode answer = invoke(sample("deliver-events-stream.json"));

        assertEquals(0, answer.get("batchItemFailures").size());
        assertEquals(
                List.of("checkout.consent_granted", "checkout.completed"),
                rows.all().stream().map(d -> d.type()).toList());
        assertEquals(2, bus.published.size());
        assertEquals(2, endpoint.posts.size());
        assertTrue(rows.all().stream().allMatch(d -> d.status() == DeliveryStatus.DELIVERED));
        assertEquals(List.of(), queue.sent);
    }

    @Test
    void theSampleDeliveryMessagePostsTheCompletedEventOnce() throws Exception {
        endpoint.answer(new WebhookEndpoint.Answer.Status(503)); // the first attempt fails: the rest are queued
        invoke(sample("deliver-events-stream.json"));
        queue.drain();
        endpoint.posts.clear();

        JsonNode answer = invoke(sample("deliver-events-delivery.json"));
        invoke(sample("deliver-events-delivery.json"));

        assertEquals(0, answer.get("batchItemFailures").size());
        assertEquals(1, endpoint.posts.size());
        assertTrue(endpoint.posts.get(0).body().startsWith("{\"type\":\"checkout.completed\""));
        assertEquals(DeliveryStatus.DELIVERED, rows.all().get(1).status());
        assertEquals(DeliveryStatus.PENDING, rows.all().get(0).status());
    }

    @Test
    void aStreamBatchWhoseQueueFailsReportsTheFirstRecordNotHandedOn() throws Exception {
        endpoint.answer(new WebhookEndpoint.Answer.Status(503)); // so the events go through the queue
        queue.failNext(1);
        String stream = sample("deliver-events-stream.json");

        JsonNode answer = invoke(stream);

        String consentRecord = JSON.readTree(stream)
                .path("Records")
                .findValuesAsText("SequenceNumber")
                .get(2);
        assertEquals(1, answer.get("batchItemFailures").size());
        assertEquals(
                consentRecord, answer.at("/batchItemFailures/0/itemIdentifier").asText());
    }

    @Test
    void anUnreadableDeliveryMessageIsReportedByItsMessageId() throws Exception {
        String event =
                sample("deliver-events-delivery.json").replaceFirst("\"body\" : \"[^\\n]*\",", "\"body\" : \"nope\",");

        JsonNode answer = invoke(event);

        assertEquals(
                "7b6f1c2e-3d4a-4b5c-8d9e-0f1a2b3c4d5e",
                answer.at("/batchItemFailures/0/itemIdentifier").asText());
    }

    @Test
    void configurationNamesTheMissingVariable() {
        Map<String, String> env = Map.of(
                "TABLE_NAME",
                "t",
                "DELIVERIES_TABLE_NAME",
                "d",
                "DELIVERY_DLQ_URL",
                "q",
                "WEBHOOK_URL",
                "https://s.example/h");

        var missingQueue = assertThrows(IllegalStateException.class, () -> DeliverEventsConfig.from(env));
        var env2 = new java.util.HashMap<>(env);
        env2.put("DELIVERY_QUEUE_URL", "q");
        var missingSecret = assertThrows(IllegalStateException.class, () -> DeliverEventsConfig.from(env2));

        assertTrue(missingQueue.getMessage().contains("DELIVERY_QUEUE_URL"));
        assertTrue(missingSecret.getMessage().contains("WEBHOOK_SECRET_ARN"));
        env2.remove("WEBHOOK_URL");
        assertTrue(!DeliverEventsConfig.from(env2).webhooksOn()
                && !DeliverEventsConfig.from(env2).busOn());
    }
}

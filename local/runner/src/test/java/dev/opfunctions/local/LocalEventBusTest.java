package dev.opfunctions.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The EventBridge stand-in speaks PutEvents as the AWS SDK v2 EventBridgeClient sends it (POST / with
 * {@code X-Amz-Target: AWSEvents.PutEvents} and {@code application/x-amz-json-1.1}; the SDK module is
 * not in the offline Maven repository, so the requests are built here byte for byte as it builds them).
 */
class LocalEventBusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalEventBus bus;

    @BeforeEach
    void start() throws Exception {
        bus = LocalEventBus.start(Set.of("payments"));
    }

    @AfterEach
    void stop() {
        bus.close();
        http.close();
    }

    @Test
    void acceptedEntriesGetEventIdsAndAreKeptWithTheTimeTheyCameIn() throws Exception {
        Instant before = Instant.now();

        JsonNode answer = putEvents("""
                {"Entries":[
                  {"Source":"opfunctions.payments","DetailType":"payment.completed","Detail":"{\\"id\\":\\"p-1\\"}","EventBusName":"default"},
                  {"Source":"opfunctions.payments","DetailType":"payment.failed","Detail":"{\\"id\\":\\"p-2\\"}",
                   "EventBusName":"arn:aws:events:us-east-1:000000000000:event-bus/payments","Resources":["r-1"]}]}""", 200);

        assertEquals(0, answer.get("FailedEntryCount").asInt());
        assertEquals(2, answer.get("Entries").size());
        List<LocalEventBus.BusEvent> kept = bus.events();
        assertEquals(answer.at("/Entries/0/EventId").asText(), kept.get(0).eventId());
        assertEquals("payment.completed", kept.get(0).detailType());
        assertEquals("{\"id\":\"p-1\"}", kept.get(0).detail());
        assertEquals("payments", kept.get(1).eventBusName());
        assertEquals(List.of("r-1"), kept.get(1).resources());
        assertFalse(kept.get(0).received().isBefore(before));
        JsonNode listed = JSON.readTree(get(LocalEventBus.EVENTS_PATH));
        assertEquals("payment.failed", listed.get(1).get("detailType").asText());
        assertEquals(kept.get(1).eventId(), listed.get(1).get("eventId").asText());
    }

    @Test
    void entriesEventBridgeWouldRefuseFailOneByOneAndAreNotKept() throws Exception {
        JsonNode answer = putEvents("""
                {"Entries":[
                  {"DetailType":"t","Detail":"{}"},
                  {"Source":"s","DetailType":"t","Detail":"not json"},
                  {"Source":"s","DetailType":"t","Detail":"{}","EventBusName":"nobody"},
                  {"Source":"s","DetailType":"t","Detail":"{}"}]}""", 200);

        assertEquals(3, answer.get("FailedEntryCount").asInt());
        assertEquals("InvalidArgument", answer.at("/Entries/0/ErrorCode").asText());
        assertEquals("MalformedDetail", answer.at("/Entries/1/ErrorCode").asText());
        assertEquals(
                "ResourceNotFoundException", answer.at("/Entries/2/ErrorCode").asText());
        assertTrue(answer.at("/Entries/3/EventId").isTextual());
        assertEquals(1, bus.events().size());
        assertEquals("default", bus.events().get(0).eventBusName());
    }

    @Test
    void aDetailOverTheSizeLimitFails() throws Exception {
        String big = "x".repeat(PutEventsCall.MAX_ENTRY_BYTES);

        JsonNode answer = putEvents(
                "{\"Entries\":[{\"Source\":\"s\",\"DetailType\":\"t\",\"Detail\":\"{\\\"a\\\":\\\"" + big
                        + "\\\"}\"}]}",
                200);

        assertEquals(1, answer.get("FailedEntryCount").asInt());
        assertTrue(bus.events().isEmpty());
    }

    @Test
    void elevenEntriesFailTheWholeCall() throws Exception {
        String entry = "{\"Source\":\"s\",\"DetailType\":\"t\",\"Detail\":\"{}\"}";
        String eleven = "{\"Entries\":[" + String.join(",", java.util.Collections.nCopies(11, entry)) + "]}";

        JsonNode answer = putEvents(eleven, 400);

        assertEquals("ValidationException", answer.get("__type").asText());
        assertTrue(bus.events().isEmpty());
    }

    @Test
    void otherOperationsAreRefusedAsAwsRefusesUnknownOnes() throws Exception {
        HttpResponse<String> response =
                http.send(request("AWSEvents.PutRule", "{\"Name\":\"r\"}"), HttpResponse.BodyHandlers.ofString());

        assertEquals(400, response.statusCode());
        assertEquals(
                "UnknownOperationException",
                JSON.readTree(response.body()).get("__type").asText());
    }

    private JsonNode putEvents(String body, int expectedStatus) throws Exception {
        HttpResponse<String> response =
                http.send(request("AWSEvents.PutEvents", body), HttpResponse.BodyHandlers.ofString());
        assertEquals(expectedStatus, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private HttpRequest request(String target, String body) {
        return HttpRequest.newBuilder(bus.endpoint().resolve("/"))
                .header("X-Amz-Target", target)
                .header("Content-Type", "application/x-amz-json-1.1")
                .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/events/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private String get(String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(bus.endpoint() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}

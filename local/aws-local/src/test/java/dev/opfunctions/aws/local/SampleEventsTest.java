package dev.opfunctions.aws.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The sample events in events/ (for {@code sam local invoke -e} and the handler tests) load into
 * the Lambda event classes the way the managed runtime deserializes them, and carry the fields
 * the handlers rely on; their routes exist in template.yaml.
 */
class SampleEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SamTemplate TEMPLATE =
            SamTemplate.load(Fixtures.repoRoot().resolve("template.yaml"));

    private static String path(String name) {
        return Fixtures.repoRoot().resolve("events").resolve(name).toString();
    }

    private static Set<String> templateRouteKeys() {
        return TEMPLATE.propertiesOfType("AWS::ApiGatewayV2::Route").values().stream()
                .map(p -> String.valueOf(p.get("RouteKey")))
                .collect(Collectors.toSet());
    }

    @Test
    void validStartCheckoutIsAnIamSignedPostWithAB2cOrderOf1400Mxn() throws Exception {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(path("start-checkout-valid.json"));

        assertEquals("2.0", event.getVersion());
        assertEquals("POST /checkouts", event.getRouteKey());
        assertTrue(templateRouteKeys().contains(event.getRouteKey()));
        assertEquals("/checkouts", event.getRawPath());
        assertEquals("POST", event.getRequestContext().getHttp().getMethod());
        assertEquals("$default", event.getRequestContext().getStage());
        assertNotNull(event.getRequestContext().getAuthorizer().getIam().getUserArn());
        assertFalse(event.getIsBase64Encoded());
        JsonNode order = JSON.readTree(event.getBody());
        assertEquals(
                Set.of("orderId", "customerWalletAddress", "amount", "description", "returnUrl"), fieldNames(order));
        assertEquals("140000", order.at("/amount/value").asText());
        assertEquals("MXN", order.at("/amount/assetCode").asText());
        assertEquals(2, order.at("/amount/assetScale").asInt());
        assertEquals(
                new BigInteger("1400"),
                new BigInteger(order.at("/amount/value").asText()).divide(BigInteger.TEN.pow(2)));
        assertEquals(
                Integer.toString(event.getBody().getBytes(StandardCharsets.UTF_8).length),
                event.getHeaders().get("content-length"));
    }

    @Test
    void malformedStartCheckoutBodyIsNotJson() {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(path("start-checkout-malformed.json"));

        assertEquals("POST /checkouts", event.getRouteKey());
        assertThrows(JsonProcessingException.class, () -> JSON.readTree(event.getBody()));
    }

    @Test
    void approvedFinishCarriesTheHashAndInteractRefAsTheWalletSendsThem() {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(path("consent-finish-approved.json"));

        assertEquals("GET /finish/{checkoutId}", event.getRouteKey());
        assertTrue(templateRouteKeys().contains(event.getRouteKey()));
        String checkoutId = event.getPathParameters().get("checkoutId");
        assertEquals("/finish/" + checkoutId, event.getRawPath());
        assertEquals("4IFWWIKYBC2PQ6U56NL1", event.getQueryStringParameters().get("interact_ref"));
        String hash = event.getQueryStringParameters().get("hash");
        assertEquals(32, java.util.Base64.getDecoder().decode(hash).length, "a SHA-256 digest");
        // The raw query string is percent-encoded; the parsed parameters are decoded, as API Gateway does.
        assertTrue(event.getRawQueryString()
                .contains("hash=" + hash.replace("=", "%3D").replace("+", "%2B").replace("/", "%2F")));
        assertNull(event.getRequestContext().getAuthorizer(), "the finish route is public");
    }

    @Test
    void rejectedFinishCarriesResultGrantRejectedAndNoHash() {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(path("consent-finish-rejected.json"));

        assertEquals("grant_rejected", event.getQueryStringParameters().get("result"));
        assertTrue(event.getRawQueryString().contains("result=grant_rejected"), event.getRawQueryString());
        assertNotNull(event.getQueryStringParameters().get("s"), "the finish URI's secret comes back on a refusal too");
        assertFalse(event.getQueryStringParameters().containsKey("hash"));
        assertNotNull(event.getPathParameters().get("checkoutId"));
    }

    @Test
    void createOutgoingBatchHasTwoRecordsFromTheCommandsQueueWithCorrectMd5s() throws Exception {
        SQSEvent event = EventLoader.loadSQSEvent(path("create-outgoing-batch.json"));

        List<SQSEvent.SQSMessage> records = event.getRecords();
        assertEquals(2, records.size());
        for (SQSEvent.SQSMessage r : records) {
            assertEquals("aws:sqs", r.getEventSource());
            assertTrue(r.getEventSourceArn().contains(":PaymentCommandsQueue")
                    || r.getEventSourceArn().contains("-PaymentCommandsQueue-"));
            assertNotNull(r.getAttributes().get("ApproximateReceiveCount"));
            String md5 = HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("MD5").digest(r.getBody().getBytes(StandardCharsets.UTF_8)));
            assertEquals(md5, r.getMd5OfBody());
            assertTrue(JSON.readTree(r.getBody()).has("checkoutId"));
        }
        assertEquals(
                2,
                records.stream()
                        .map(SQSEvent.SQSMessage::getMessageId)
                        .distinct()
                        .count());
    }

    @Test
    void scheduledInstallmentIsAnEventBridgeScheduledEvent() {
        ScheduledEvent event = EventLoader.loadScheduledEvent(path("scheduled-installment.json"));

        assertEquals("Scheduled Event", event.getDetailType());
        assertEquals("aws.events", event.getSource());
        assertEquals(2026, event.getTime().getYear());
        assertTrue(event.getResources().get(0).startsWith("arn:aws:events:us-east-1:"));
        assertTrue(event.getDetail().isEmpty());
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

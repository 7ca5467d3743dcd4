package dev.opfunctions.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON the SQS event source mapping and the schedule hand to a function, and what comes back. */
class EventSourcesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anSqsBatchIsSentWithLambdasFieldNames() throws Exception {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId("m-1");
        record.setBody("{\"type\":\"continue\"}");
        record.setEventSource("aws:sqs");
        record.setEventSourceArn("arn:aws:sqs:us-east-1:000000000000:commands");
        record.setAwsRegion("us-east-1");
        record.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(record));

        JsonNode json = JSON.readTree(SqsFunctionHandler.toJson(event));

        JsonNode first = json.get("Records").get(0);
        assertEquals("m-1", first.get("messageId").asText());
        assertEquals(
                "arn:aws:sqs:us-east-1:000000000000:commands",
                first.get("eventSourceARN").asText());
        assertEquals("aws:sqs", first.get("eventSource").asText());
        assertEquals("1", first.at("/attributes/ApproximateReceiveCount").asText());
    }

    @Test
    void batchItemFailuresAreReadFromTheFunctionsResult() {
        SQSBatchResponse response = SqsFunctionHandler.batchResponse(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"m-2\"},{\"itemIdentifier\":null}]}");

        assertEquals("m-2", response.getBatchItemFailures().get(0).getItemIdentifier());
        assertNull(
                response.getBatchItemFailures().get(1).getItemIdentifier(),
                "kept, so the poller fails the whole batch");
        assertTrue(
                SqsFunctionHandler.batchResponse("null").getBatchItemFailures().isEmpty());
        assertTrue(SqsFunctionHandler.batchResponse("{}").getBatchItemFailures().isEmpty());
    }

    @Test
    void ratesOfTheTemplateBecomePeriods() {
        assertEquals(Duration.ofMinutes(1), ScheduleTicker.period("rate(1 minute)"));
        assertEquals(Duration.ofMinutes(5), ScheduleTicker.period("rate(5 minutes)"));
        assertEquals(Duration.ofHours(2), ScheduleTicker.period("rate(2 hours)"));
        assertThrows(IllegalArgumentException.class, () -> ScheduleTicker.period("cron(0 12 * * ? *)"));
    }

    @Test
    void theScheduledEventReadsAsEventBridgesScheduledEvent() {
        String json = ScheduleTicker.scheduledEvent("local-rule", Instant.parse("2026-11-21T10:16:00.456Z"));

        ScheduledEvent event = LambdaEventSerializers.serializerFor(
                        ScheduledEvent.class, getClass().getClassLoader())
                .fromJson(json);

        assertEquals("Scheduled Event", event.getDetailType());
        assertEquals("aws.events", event.getSource());
        assertEquals("000000000000", event.getAccount());
        assertEquals("us-east-1", event.getRegion());
        assertEquals(List.of("arn:aws:events:us-east-1:000000000000:rule/local-rule"), event.getResources());
        assertEquals(
                Instant.parse("2026-11-21T10:16:00Z").toEpochMilli(),
                event.getTime().getMillis());
        assertTrue(event.getDetail().isEmpty());
    }
}

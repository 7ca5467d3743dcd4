package dev.opfunctions.aws.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.aws.local.testing.LocalServersExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.sqs.model.Message;

/** The local DynamoDB stream event source mapping against moto's stream and ElasticMQ. */
@ExtendWith(LocalServersExtension.class)
class DynamoDbStreamPollerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OK = "{\"batchItemFailures\":[]}";
    /** The filter template.yaml gives deliver-events: only writes whose new image tells. */
    private static final String TELLS = "{\"dynamodb\": {\"NewImage\": {\"tells\": {\"S\": [\"yes\"]}}}}";

    private LocalServers servers;
    private String table;
    private String streamArn;
    private final List<JsonNode> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void createATableWithAStream(LocalServers servers) {
        this.servers = servers;
        table = servers.uniqueName("streamed");
        streamArn = servers.dynamo()
                .client()
                .createTable(b -> b.tableName(table)
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .streamSpecification(
                                s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription()
                .latestStreamArn();
    }

    @Test
    void recordsReachTheFunctionInStreamOrderInLambdasEventShape() throws Exception {
        write(25);
        try (DynamoDbStreamPoller poller = poller(settings(10, 2, false), answering(e -> OK), Optional.empty())) {
            poller.start();
            await(() -> delivered().size() == 25);
        }

        assertEquals(keys(0, 25), delivered());
        assertTrue(events.stream().allMatch(e -> e.get("Records").size() <= 10), "batches of at most BatchSize");
        JsonNode first = events.get(0).get("Records").get(0);
        assertEquals("1.1", first.get("eventVersion").asText());
        assertEquals("aws:dynamodb", first.get("eventSource").asText());
        assertEquals("INSERT", first.get("eventName").asText());
        assertEquals(streamArn, first.get("eventSourceARN").asText());
        assertEquals("k00", first.at("/dynamodb/Keys/pk/S").asText());
        assertEquals("0", first.at("/dynamodb/NewImage/n/N").asText());
        assertTrue(first.at("/dynamodb/ApproximateCreationDateTime").isIntegralNumber(), "epoch seconds");
        assertEquals("NEW_AND_OLD_IMAGES", first.at("/dynamodb/StreamViewType").asText());
    }

    @Test
    void aPartialBatchFailureRetriesFromTheLowestFailedRecord() throws Exception {
        write(5);
        AtomicInteger calls = new AtomicInteger();
        DynamoDbStreamPoller.Invoker function = answering(event -> calls.incrementAndGet() == 1
                ? "{\"batchItemFailures\":[{\"itemIdentifier\":\"" + sequence(event, 4) + "\"},"
                        + "{\"itemIdentifier\":\"" + sequence(event, 2) + "\"}]}"
                : OK);
        try (DynamoDbStreamPoller poller = poller(settings(5, 3, false), function, Optional.empty())) {
            poller.start();
            await(() -> events.size() == 2);
        }

        assertEquals(keys(0, 5), keysOf(events.get(0)));
        assertEquals(keys(2, 5), keysOf(events.get(1)), "the retry starts at the lowest failed record");
    }

    @Test
    void retriesExhaustedGoToTheOnFailureQueueAndTheStreamMovesOn() throws Exception {
        write(4);
        String dlq = servers.sqs()
                .client()
                .createQueue(b -> b.queueName(table + "-dlq"))
                .queueUrl();
        DynamoDbStreamPoller.Invoker function = event -> keysOf(tree(event)).contains("k02")
                ? new InvocationResult.Failure("r", "RuntimeException", "{\"errorMessage\":\"poison\"}", Duration.ZERO)
                : new InvocationResult.Success("r", OK, Duration.ZERO);
        DynamoDbStreamPoller.OnFailure onFailure =
                new DynamoDbStreamPoller.OnFailure(servers.sqs().client(), dlq);
        try (DynamoDbStreamPoller poller = poller(settings(4, 1, true), recording(function), Optional.of(onFailure))) {
            poller.start();
            List<Message> reported = new ArrayList<>();
            await(() -> {
                reported.addAll(servers.sqs()
                        .client()
                        .receiveMessage(b -> b.queueUrl(dlq).waitTimeSeconds(1))
                        .messages());
                return !reported.isEmpty();
            });
            await(() -> keysOf(events.get(events.size() - 1)).equals(List.of("k03")));

            JsonNode record = JSON.readTree(reported.get(0).body());
            JsonNode info = record.get("DDBStreamBatchInfo");
            assertEquals(1, info.get("batchSize").asInt(), "bisected down to the poison record alone");
            assertEquals(info.get("startSequenceNumber"), info.get("endSequenceNumber"));
            assertEquals(streamArn, info.get("streamArn").asText());
            assertEquals(
                    "RetryAttemptsExhausted",
                    record.at("/requestContext/condition").asText());
            assertEquals(
                    "Unhandled", record.at("/responseContext/functionError").asText());
            assertEquals(1, poller.batchesGivenUp());
        }
    }

    @Test
    void aFunctionThatSucceedsAfterFailingTwiceGetsEachRecordOnceMoreAndLosesNone() throws Exception {
        write(3);
        AtomicInteger calls = new AtomicInteger();
        DynamoDbStreamPoller.Invoker function = event -> calls.incrementAndGet() <= 2
                ? new InvocationResult.Failure("r", "RuntimeException", "{}", Duration.ZERO)
                : new InvocationResult.Success("r", OK, Duration.ZERO);
        try (DynamoDbStreamPoller poller = poller(settings(10, 10, true), recording(function), Optional.empty())) {
            poller.start();
            await(() -> events.size() == 3);
            Thread.sleep(300); // nothing more may come
            assertEquals(3, poller.invocations());
            assertEquals(0, poller.batchesGivenUp());
        }

        for (JsonNode event : events) assertEquals(keys(0, 3), keysOf(event), "the whole batch, every time");
    }

    @Test
    void recordsNoFilterPatternMatchesNeverReachTheFunctionAndRetriesResendOnlyThoseThatDo() throws Exception {
        for (int i = 0; i < 6; i++) put(key(i), i % 3 != 0); // k01, k02, k04 and k05 tell
        AtomicInteger calls = new AtomicInteger();
        DynamoDbStreamPoller.Invoker function = event -> calls.incrementAndGet() == 1
                ? new InvocationResult.Failure("r", "RuntimeException", "{}", Duration.ZERO)
                : new InvocationResult.Success("r", OK, Duration.ZERO);
        try (DynamoDbStreamPoller poller =
                poller(settings(10, 2, false), recording(function), Optional.empty(), Optional.of(tells()))) {
            poller.start();
            await(() -> events.size() == 2);
            Thread.sleep(300); // nothing more may come
            assertEquals(2, poller.invocations());
            assertEquals(2, poller.filteredOut());
        }

        List<String> telling = List.of("k01", "k02", "k04", "k05");
        assertEquals(telling, keysOf(events.get(0)), "only matching records, in stream order");
        assertEquals(telling, keysOf(events.get(1)), "the retry resends the filtered batch");
        for (JsonNode record : events.get(0).get("Records"))
            assertEquals("yes", record.at("/dynamodb/NewImage/tells/S").asText());
    }

    @Test
    void aReadNoRecordOfWhichMatchesInvokesNothingAndTheStreamMovesPastIt() throws Exception {
        write(3);
        try (DynamoDbStreamPoller poller =
                poller(settings(10, 2, false), answering(e -> OK), Optional.empty(), Optional.of(tells()))) {
            poller.start();
            await(() -> poller.filteredOut() == 3);
            Thread.sleep(300); // no invocation may follow
            assertEquals(0, poller.invocations());
            assertTrue(events.isEmpty());

            put(key(3), true);
            await(() -> !events.isEmpty());
            Thread.sleep(300);
            assertEquals(1, poller.invocations());
        }

        assertEquals(List.of("k03"), delivered(), "the dropped records are not read again");
    }

    private static EventFilter tells() {
        return EventFilter.parse("stream-test.Changes", List.of(TELLS));
    }

    private DynamoDbStreamPoller.Settings settings(int batch, int retries, boolean bisect) {
        return new DynamoDbStreamPoller.Settings(
                "stream-test", "TRIM_HORIZON", batch, retries, bisect, true, Duration.ofMillis(100));
    }

    private DynamoDbStreamPoller poller(
            DynamoDbStreamPoller.Settings settings,
            DynamoDbStreamPoller.Invoker function,
            Optional<DynamoDbStreamPoller.OnFailure> onFailure) {
        return new DynamoDbStreamPoller(servers.dynamo().streams(), streamArn, function, settings, onFailure);
    }

    private DynamoDbStreamPoller poller(
            DynamoDbStreamPoller.Settings settings,
            DynamoDbStreamPoller.Invoker function,
            Optional<DynamoDbStreamPoller.OnFailure> onFailure,
            Optional<EventFilter> filter) {
        return new DynamoDbStreamPoller(servers.dynamo().streams(), streamArn, function, settings, onFailure, filter);
    }

    /** A function that records each event and answers with {@code answer(event)}. */
    private DynamoDbStreamPoller.Invoker answering(Function<JsonNode, String> answer) {
        return recording(event -> new InvocationResult.Success("r", answer.apply(tree(event)), Duration.ZERO));
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private DynamoDbStreamPoller.Invoker recording(DynamoDbStreamPoller.Invoker function) {
        return event -> {
            events.add(tree(event));
            return function.invoke(event);
        };
    }

    private void write(int count) {
        for (int i = 0; i < count; i++) {
            int n = i;
            servers.dynamo()
                    .client()
                    .putItem(b -> b.tableName(table)
                            .item(Map.of(
                                    "pk",
                                    AttributeValue.fromS(key(n)),
                                    "n",
                                    AttributeValue.fromN(Integer.toString(n)))));
        }
    }

    /** Writes an item that tells ({@code tells = "yes"}) or not ({@code tells} absent). */
    private void put(String key, boolean tells) {
        Map<String, AttributeValue> item = new java.util.HashMap<>();
        item.put("pk", AttributeValue.fromS(key));
        if (tells) item.put("tells", AttributeValue.fromS("yes"));
        servers.dynamo().client().putItem(b -> b.tableName(table).item(item));
    }

    /** Keys of every record handed over in a successful or failed invocation, in order, repeats removed. */
    private List<String> delivered() {
        List<String> keys = new ArrayList<>();
        synchronized (events) {
            for (JsonNode event : events) for (String k : keysOf(event)) if (!keys.contains(k)) keys.add(k);
        }
        return keys;
    }

    private static List<String> keysOf(JsonNode event) {
        List<String> keys = new ArrayList<>();
        event.get("Records").forEach(r -> keys.add(r.at("/dynamodb/Keys/pk/S").asText()));
        return keys;
    }

    private static String sequence(JsonNode event, int index) {
        return event.get("Records").get(index).at("/dynamodb/SequenceNumber").asText();
    }

    private static List<String> keys(int from, int to) {
        List<String> keys = new ArrayList<>();
        for (int i = from; i < to; i++) keys.add(key(i));
        return keys;
    }

    private static String key(int n) {
        return String.format("k%02d", n);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within 30 s");
            Thread.sleep(50);
        }
    }
}

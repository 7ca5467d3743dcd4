package dev.opfunctions.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.aws.local.LocalSecretsManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A template with a DynamoDB stream event source and the webhook parameters, run by the runner through
 * the runtime interface client: table writes reach the function in order through the stream, its
 * PutEvents land on the EventBridge stand-in, the webhook parameters are filled in, a record the event's
 * FilterCriteria drops never reaches it, and a record the function cannot handle ends on the on-failure queue.
 */
class StreamsAndWebhooksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path repo;

    private static LocalProduct product;

    @BeforeAll
    static void startTheRunnerOnTheStreamsTemplate() throws Exception {
        Files.copy(
                Path.of(StreamsAndWebhooksTest.class
                        .getResource("/fixture-streams/template.yaml")
                        .toURI()),
                repo.resolve("template.yaml"));
        List<Path> testClasspath = Arrays.stream(
                        System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(Path::of)
                .toList();
        product = LocalProduct.start(RunnerSettings.defaults(repo)
                .withPort(0)
                .withSandbox(0, 0)
                .withApiAuth(RunnerSettings.ApiAuth.NONE)
                .withCode(def -> testClasspath));
    }

    @AfterAll
    static void stop() {
        if (product != null) product.close();
    }

    @Test
    void tableWritesReachTheFunctionInOrderAndItsEventsReachTheBusWithTheWebhookSettings() throws Exception {
        for (String pk : List.of("a1", "skipped-1", "a2", "a3")) put(pk);

        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> fixtureEvents().size() >= 3);

        List<LocalEventBus.BusEvent> events = fixtureEvents();
        List<String> keys = new ArrayList<>();
        for (LocalEventBus.BusEvent e : events)
            keys.add(JSON.readTree(e.detail()).get("pk").asText());
        assertEquals(List.of("a1", "a2", "a3"), keys, "skipped-1 matches no filter pattern");
        assertTrue(product.streamPollers().get(0).filteredOut() >= 1);
        assertEquals("INSERT", events.get(0).detailType());
        assertEquals("default", events.get(0).eventBusName());
        JsonNode detail = JSON.readTree(events.get(0).detail());
        assertEquals(
                "http://127.0.0.1:" + product.port() + "/webhooks",
                detail.get("webhookUrl").asText());
        WebhookSecret secret = product.webhookSecret().orElseThrow();
        assertEquals(secret.arn(), detail.get("webhookSecretArn").asText());
        String stored = product.secrets()
                .client()
                .getSecretValue(b -> b.secretId(secret.arn()))
                .secretString();
        assertEquals(secret.value(), stored);
        assertTrue(stored.startsWith("whsec_"));
        assertEquals(24, Base64.getDecoder().decode(stored.substring("whsec_".length())).length);
        assertTrue(!secret.toString().contains(stored), "the secret never shows in toString()");
    }

    @Test
    void aRecordTheFunctionKeepsFailingOnEndsOnTheOnFailureQueue() throws Exception {
        put("poison-1");
        String dlq = product.resources().queue("DeliveryDLQ").url();

        List<Message> reported = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            reported.addAll(product.sqs()
                    .client()
                    .receiveMessage(b -> b.queueUrl(dlq).waitTimeSeconds(1))
                    .messages());
            return !reported.isEmpty();
        });

        JsonNode info = JSON.readTree(reported.get(0).body()).get("DDBStreamBatchInfo");
        assertEquals(1, info.get("batchSize").asInt());
        assertEquals(
                product.streamPollers().get(0).streamArn(),
                info.get("streamArn").asText());
    }

    @Test
    void aKeptWebhookSecretIsUsedAgainAndReadableByItsOwnerOnly(@TempDir Path persist) throws Exception {
        try (LocalSecretsManager secrets = LocalSecretsManager.start()) {
            WebhookSecret first = WebhookSecret.create(secrets, Optional.of(persist));
            secrets.client().deleteSecret(b -> b.secretId(first.arn()).forceDeleteWithoutRecovery(true));

            WebhookSecret second = WebhookSecret.create(secrets, Optional.of(persist));

            assertEquals(first.value(), second.value());
            assertEquals(
                    "rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(persist.resolve(WebhookSecret.FILE))));
        }
    }

    private static void put(String pk) {
        String table = product.resources().tableName("Table");
        product.dynamoDb().client().putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk))));
    }

    private static List<LocalEventBus.BusEvent> fixtureEvents() {
        return product.eventBus().events().stream()
                .filter(e -> e.source().equals("fixture.stream"))
                .toList();
    }
}

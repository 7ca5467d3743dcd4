package dev.opfunctions.aws.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.aws.local.testing.LocalServersExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Creates template.yaml's table and queues in DynamoDB (moto) and ElasticMQ and uses them. */
@ExtendWith(LocalServersExtension.class)
class TemplateLocalStackTest {
    private static final SamTemplate TEMPLATE =
            SamTemplate.load(Fixtures.repoRoot().resolve("template.yaml"));
    private static final Map<String, String> PARAMETERS = Map.of(
            "ClientWalletAddress", "http://127.0.0.1:4000/shop-client",
            "MerchantWalletAddress", "http://127.0.0.1:4000/merchant",
            "ClientKeySecretArn", "arn:aws:secretsmanager:us-east-1:000000000000:secret:client-key-abcdef",
            "AllowedReturnOrigins", "http://127.0.0.1:3000",
            "PublicBaseUrl", "http://127.0.0.1:3001",
            "MaxReceiveCount", "2");

    private static LocalDynamoDb dynamo;
    private static LocalSqs sqs;
    private static TemplateResources resources;

    @BeforeAll
    static void createFromTemplate(LocalServers servers) {
        dynamo = servers.dynamo();
        sqs = servers.sqs();
        Map<String, String> parameters = new HashMap<>(PARAMETERS);
        parameters.put("AWS::StackName", servers.uniqueName("template"));
        resources = TemplateResources.create(
                TEMPLATE,
                dynamo.client(),
                sqs.client(),
                parameters,
                Map.of("PaymentCommandsQueue", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1")));
    }

    private static Map<String, AttributeValue> item(String... keyValues) {
        Map<String, AttributeValue> item = new java.util.HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            item.put(keyValues[i], AttributeValue.fromS(keyValues[i + 1]));
        }
        return item;
    }

    @Test
    void paymentsTableRejectsASecondConditionalCreate() {
        DynamoDbClient ddb = dynamo.client();
        String table = resources.tableName("PaymentsTable");
        Map<String, AttributeValue> checkout = item("pk", "CHECKOUT#c-1", "sk", "META");
        ddb.putItem(b -> b.tableName(table).item(checkout).conditionExpression("attribute_not_exists(pk)"));

        assertThrows(
                ConditionalCheckFailedException.class,
                () -> ddb.putItem(
                        b -> b.tableName(table).item(checkout).conditionExpression("attribute_not_exists(pk)")));
    }

    @Test
    void dueIndexIsSparseAndOrderedByDueTime() {
        DynamoDbClient ddb = dynamo.client();
        String table = resources.tableName("PaymentsTable");
        ddb.putItem(b -> b.tableName(table)
                .item(item(
                        "pk", "PLAN#p-1", "sk", "INSTALLMENT#2", "dueBucket", "DUE", "dueAt", "2026-12-01T00:00:00Z")));
        ddb.putItem(b -> b.tableName(table)
                .item(item(
                        "pk", "PLAN#p-1", "sk", "INSTALLMENT#1", "dueBucket", "DUE", "dueAt", "2026-11-01T00:00:00Z")));
        ddb.putItem(b -> b.tableName(table)
                .item(item("pk", "PLAN#p-1", "sk", "INSTALLMENT#0"))); // already charged: no due attributes

        var due = ddb.query(b -> b.tableName(table)
                        .indexName("DueIndex")
                        .keyConditionExpression("dueBucket = :b AND dueAt <= :now")
                        .expressionAttributeValues(Map.of(
                                ":b",
                                AttributeValue.fromS("DUE"),
                                ":now",
                                AttributeValue.fromS("2026-12-31T00:00:00Z"))))
                .items();

        assertEquals(
                List.of("INSTALLMENT#1", "INSTALLMENT#2"),
                due.stream().map(i -> i.get("sk").s()).toList());
    }

    @Test
    void customerIndexAndTimeToLiveAreEnabled() {
        DynamoDbClient ddb = dynamo.client();
        String table = resources.tableName("PaymentsTable");
        ddb.putItem(b -> b.tableName(table)
                .item(item(
                        "pk",
                        "CHECKOUT#c-9",
                        "sk",
                        "META",
                        "customerWallet",
                        "https://wallet.example/alice",
                        "createdAt",
                        "2026-11-21T10:00:00Z")));

        var history = ddb.query(b -> b.tableName(table)
                        .indexName("CustomerIndex")
                        .keyConditionExpression("customerWallet = :w")
                        .expressionAttributeValues(Map.of(":w", AttributeValue.fromS("https://wallet.example/alice"))))
                .items();
        var ttl = ddb.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();

        assertEquals(1, history.size());
        assertEquals(TimeToLiveStatus.ENABLED, ttl.timeToLiveStatus());
        assertEquals("expiresAtEpoch", ttl.attributeName());
    }

    @Test
    void poisonCommandReachesTheDeadLetterQueueAfterMaxReceiveCount() {
        var queue = resources.queue("PaymentCommandsQueue");
        var dlq = resources.queue("PaymentCommandsDLQ");
        sqs.client().sendMessage(b -> b.queueUrl(queue.url()).messageBody("{\"type\":\"poison\"}"));
        SqsLambdaPoller poller = new SqsLambdaPoller(
                sqs.client(),
                queue.url(),
                queue.arn(),
                (event, context) -> new SQSBatchResponse(event.getRecords().stream()
                        .map(r -> new SQSBatchResponse.BatchItemFailure(r.getMessageId()))
                        .toList()),
                SqsLambdaPoller.Settings.defaults("create-outgoing"));

        assertTrue(poller.drainUntilIdle(Duration.ofSeconds(20)));

        var dead = sqs.client()
                .receiveMessage(b -> b.queueUrl(dlq.url()).waitTimeSeconds(1))
                .messages();
        assertEquals(
                List.of("{\"type\":\"poison\"}"),
                dead.stream().map(m -> m.body()).toList());
        assertEquals(2, poller.invocations());
    }

    @Test
    void functionEnvironmentResolvesToTheLocalResources() {
        Map<String, Object> startCheckout =
                TEMPLATE.propertiesOfType("AWS::Serverless::Function").get("StartCheckoutFunction");
        Map<String, Object> globals = TEMPLATE.functionGlobals();

        Map<String, Object> local = SamTemplate.asMap(resources
                .resolver()
                .resolve(SamTemplate.asMap(startCheckout.get("Environment")).get("Variables")));
        Map<String, Object> common = SamTemplate.asMap(resources
                .resolver()
                .resolve(SamTemplate.asMap(globals.get("Environment")).get("Variables")));

        assertEquals("http://127.0.0.1:3001", local.get("PUBLIC_BASE_URL"));
        assertEquals(PARAMETERS.get("ClientKeySecretArn"), local.get("CLIENT_KEY_SECRET_ARN"));
        assertEquals(resources.tableName("PaymentsTable"), common.get("TABLE_NAME"));
        assertEquals(resources.queue("PaymentCommandsQueue").url(), common.get("COMMANDS_QUEUE_URL"));
        assertEquals("90", common.get("RETENTION_DAYS"));
    }
}

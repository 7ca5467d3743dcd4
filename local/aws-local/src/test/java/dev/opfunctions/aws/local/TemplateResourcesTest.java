package dev.opfunctions.aws.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.aws.local.testing.LocalServersExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@ExtendWith(LocalServersExtension.class)
class TemplateResourcesTest {
    private static LocalDynamoDb dynamo;
    private static LocalSqs sqs;
    /** This class's stack name and stage on the shared servers: unnamed resources and queue names carry it. */
    private static String stack;

    private static TemplateResources resources;

    @BeforeAll
    static void createFromFixture(LocalServers servers) {
        dynamo = servers.dynamo();
        sqs = servers.sqs();
        stack = servers.uniqueName("fixture");
        resources = TemplateResources.create(
                Fixtures.fixtureTemplate(),
                dynamo.client(),
                sqs.client(),
                Map.of("AWS::StackName", stack, "Stage", stack),
                Map.of());
    }

    @Test
    void createsTheTableWithKeysIndexesAndOnDemandBilling() {
        TableDescription table = dynamo.client()
                .describeTable(b -> b.tableName(resources.tableName("Orders")))
                .table();

        assertEquals(stack + "-Orders", table.tableName());
        assertEquals(
                List.of("pk", "sk"),
                table.keySchema().stream().map(k -> k.attributeName()).toList());
        assertEquals("ByCustomer", table.globalSecondaryIndexes().get(0).indexName());
        assertEquals(BillingMode.PAY_PER_REQUEST, table.billingModeSummary().billingMode());
    }

    @Test
    void enablesTimeToLiveOnTheTemplatesAttribute() {
        var ttl = dynamo.client()
                .describeTimeToLive(b -> b.tableName(resources.tableName("Orders")))
                .timeToLiveDescription();

        assertEquals(TimeToLiveStatus.ENABLED, ttl.timeToLiveStatus());
        assertEquals("expiresAt", ttl.attributeName());
    }

    @Test
    void globalSecondaryIndexAnswersQueries() {
        var ddb = dynamo.client();
        ddb.putItem(b -> b.tableName(resources.tableName("Orders"))
                .item(Map.of(
                        "pk",
                        AttributeValue.fromS("o#1"),
                        "sk",
                        AttributeValue.fromS("2026-01-01"),
                        "customer",
                        AttributeValue.fromS("alice"))));
        ddb.putItem(b -> b.tableName(resources.tableName("Orders"))
                .item(Map.of(
                        "pk",
                        AttributeValue.fromS("o#2"),
                        "sk",
                        AttributeValue.fromS("2026-01-02"),
                        "customer",
                        AttributeValue.fromS("bob"))));

        var items = ddb.query(b -> b.tableName(resources.tableName("Orders"))
                        .indexName("ByCustomer")
                        .keyConditionExpression("customer = :c")
                        .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("alice"))))
                .items();

        assertEquals(1, items.size());
        assertEquals("o#1", items.get(0).get("pk").s());
    }

    @Test
    void createsQueuesWithResolvedAttributesAndRedriveToTheDeadLetterQueue() {
        var work = resources.queue("Work");
        var dlq = resources.queue("WorkDLQ");

        var attributes = sqs.client()
                .getQueueAttributes(b -> b.queueUrl(work.url()).attributeNames(QueueAttributeName.ALL))
                .attributes();

        assertEquals(stack + "-work-dlq", dlq.name());
        assertEquals("30", attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT));
        String redrive = attributes.get(QueueAttributeName.REDRIVE_POLICY);
        assertTrue(redrive.contains(dlq.arn()), redrive);
        assertTrue(redrive.matches(".*\"maxReceiveCount\"\\s*:\\s*\"?3\"?.*"), redrive);
        assertEquals(work.url(), resources.resolver().resolve(Map.of("Ref", "Work")));
    }

    @Test
    void parameterOverridesAndAttributeOverridesApplyAndWithoutAStackNameTheLogicalIdNamesTheTable() {
        // Servers of its own: the bare logical id "Orders" must not meet another test's table.
        try (LocalDynamoDb otherDb = LocalDynamoDb.start();
                LocalSqs otherSqs = LocalSqs.start()) {
            TemplateResources prod = TemplateResources.create(
                    Fixtures.fixtureTemplate(),
                    otherDb.client(),
                    otherSqs.client(),
                    Map.of("Stage", "prod"),
                    Map.of("WorkDLQ", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1")));

            var work = otherSqs.client()
                    .getQueueAttributes(b ->
                            b.queueUrl(prod.queue("Work").url()).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
                    .attributes();
            var dlq = otherSqs.client()
                    .getQueueAttributes(b -> b.queueUrl(prod.queue("WorkDLQ").url())
                            .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
                    .attributes();

            assertEquals("Orders", prod.tableName("Orders"));
            assertEquals("prod-work-dlq", prod.queue("WorkDLQ").name());
            assertEquals("180", work.get(QueueAttributeName.VISIBILITY_TIMEOUT));
            assertEquals("1", dlq.get(QueueAttributeName.VISIBILITY_TIMEOUT));
        }
    }

    @Test
    void unknownLogicalIdsFailWithTheIdsThatExist() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resources.queue("Nope"));

        assertTrue(e.getMessage().contains("Work"), e.getMessage());
    }
}

package dev.opfunctions.aws.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

class LocalDynamoDbTest {

    private static void createTable(DynamoDbClient ddb, String name) {
        ddb.createTable(b -> b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("owner").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .globalSecondaryIndexes(g -> g.indexName("OwnerIndex")
                        .keySchema(k -> k.attributeName("owner").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.ALL))));
    }

    @Test
    void conditionalPutOfAnExistingKeyFailsWithConditionalCheckFailed() {
        try (LocalDynamoDb db = LocalDynamoDb.start()) {
            DynamoDbClient ddb = db.client();
            createTable(ddb, "items");
            Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("checkout#1"));
            ddb.putItem(b -> b.tableName("items").item(item).conditionExpression("attribute_not_exists(pk)"));

            ConditionalCheckFailedException e = assertThrows(
                    ConditionalCheckFailedException.class,
                    () -> ddb.putItem(
                            b -> b.tableName("items").item(item).conditionExpression("attribute_not_exists(pk)")));

            assertEquals(400, e.statusCode());
            assertTrue(db.endpoint().toString().startsWith("http://127.0.0.1:"));
        }
    }

    @Test
    void closingStopsTheServerProcess() {
        LocalDynamoDb db = LocalDynamoDb.start();
        int port = db.endpoint().getPort();
        db.client().listTables();

        db.close();

        assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close());
    }

    @Test
    void persistsTablesIndexesTtlAndItemsAcrossRestartsWhenGivenADirectory(@TempDir Path dir) {
        try (LocalDynamoDb db = LocalDynamoDb.start(Optional.of(dir))) {
            createTable(db.client(), "kept");
            db.client()
                    .updateTimeToLive(b -> b.tableName("kept")
                            .timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAt")));
            db.client()
                    .putItem(b -> b.tableName("kept")
                            .item(Map.of(
                                    "pk",
                                    AttributeValue.fromS("a"),
                                    "owner",
                                    AttributeValue.fromS("o1"),
                                    "amount",
                                    AttributeValue.fromN("1234"))));
        }
        assertTrue(Files.exists(dir.resolve(LocalDynamoDb.STATE_FILE)), "no state file written at close");

        try (LocalDynamoDb db = LocalDynamoDb.start(Optional.of(dir))) {
            var item = db.client()
                    .getItem(b -> b.tableName("kept")
                            .key(Map.of("pk", AttributeValue.fromS("a")))
                            .consistentRead(true))
                    .item();
            assertEquals("1234", item.get("amount").n());
            var byOwner = db.client()
                    .query(b -> b.tableName("kept")
                            .indexName("OwnerIndex")
                            .keyConditionExpression("#o = :o")
                            .expressionAttributeNames(Map.of("#o", "owner"))
                            .expressionAttributeValues(Map.of(":o", AttributeValue.fromS("o1"))))
                    .items();
            assertEquals(1, byOwner.size());
            var ttl = db.client().describeTimeToLive(b -> b.tableName("kept")).timeToLiveDescription();
            assertEquals(TimeToLiveStatus.ENABLED, ttl.timeToLiveStatus());
            assertEquals("expiresAt", ttl.attributeName());
        }
    }
}

package dev.opfunctions.aws.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class LocalDynamoDbTest {

  private static void createTable(DynamoDbClient ddb, String name) {
    ddb.createTable(b -> b.tableName(name)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
  }

  @Test
  void conditionalPutOfAnExistingKeyFailsWithConditionalCheckFailed() {
    try (LocalDynamoDb db = LocalDynamoDb.start()) {
      DynamoDbClient ddb = db.client();
      createTable(ddb, "items");
      Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("checkout#1"));
      ddb.putItem(b -> b.tableName("items").item(item).conditionExpression("attribute_not_exists(pk)"));

      ConditionalCheckFailedException e = assertThrows(ConditionalCheckFailedException.class,
          () -> ddb.putItem(b -> b.tableName("items").item(item).conditionExpression("attribute_not_exists(pk)")));

      assertEquals(400, e.statusCode());
      assertTrue(db.endpoint().toString().startsWith("http://127.0.0.1:"));
    }
  }

  @Test
  void writesNoTelemetryMetadataFileIntoTheWorkingDirectory() {
    Path metadata = Path.of(System.getProperty("user.dir"), "dynamodb-local-metadata.json");

    try (LocalDynamoDb db = LocalDynamoDb.start()) {
      db.client().listTables();
    }

    assertFalse(Files.exists(metadata), "DynamoDB Local telemetry wrote " + metadata);
  }

  @Test
  void persistsTablesAcrossRestartsWhenGivenADirectory(@TempDir Path dir) {
    try (LocalDynamoDb db = LocalDynamoDb.start(Optional.of(dir))) {
      createTable(db.client(), "kept");
      db.client().putItem(b -> b.tableName("kept").item(Map.of("pk", AttributeValue.fromS("a"))));
    }

    try (LocalDynamoDb db = LocalDynamoDb.start(Optional.of(dir))) {
      var item = db.client().getItem(b -> b.tableName("kept").key(Map.of("pk", AttributeValue.fromS("a")))).item();
      assertEquals("a", item.get("pk").s());
    }
  }
}

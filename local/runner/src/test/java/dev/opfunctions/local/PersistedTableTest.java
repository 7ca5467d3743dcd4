package dev.opfunctions.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opfunctions.aws.local.LocalDynamoDb;
import dev.opfunctions.aws.local.LocalSqs;
import dev.opfunctions.aws.local.SamTemplate;
import dev.opfunctions.aws.local.TemplateResources;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code --persist}: a second run finds the table of the first, with its items, TTL and indexes untouched. */
class PersistedTableTest {
    private static final SamTemplate TEMPLATE =
            SamTemplate.load(Path.of(System.getProperty("repo.root")).resolve("template.yaml"));

    @TempDir
    Path state;

    @Test
    void aSecondRunKeepsTheTableAndItsItems() {
        Map<String, AttributeValue> item =
                Map.of("pk", AttributeValue.fromS("CHECKOUT#c-1"), "sk", AttributeValue.fromS("META"));
        try (LocalDynamoDb first = LocalDynamoDb.start(Optional.of(state));
                LocalSqs sqs = LocalSqs.start()) {
            TemplateResources resources =
                    TemplateResources.create(TEMPLATE, new ExistingTablesKept(first.client()), sqs.client());
            first.client()
                    .putItem(b ->
                            b.tableName(resources.tableName("PaymentsTable")).item(item));
        }

        try (LocalDynamoDb second = LocalDynamoDb.start(Optional.of(state));
                LocalSqs sqs = LocalSqs.start()) {
            TemplateResources resources =
                    TemplateResources.create(TEMPLATE, new ExistingTablesKept(second.client()), sqs.client());
            String table = resources.tableName("PaymentsTable");

            assertEquals(
                    item,
                    second.client().getItem(b -> b.tableName(table).key(item)).item());
            assertEquals(
                    "ENABLED",
                    second.client()
                            .describeTimeToLive(b -> b.tableName(table))
                            .timeToLiveDescription()
                            .timeToLiveStatusAsString());
            assertEquals(
                    2,
                    second.client()
                            .describeTable(b -> b.tableName(table))
                            .table()
                            .globalSecondaryIndexes()
                            .size());
        }
    }
}

package dev.opfunctions.aws.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * moto_streams.py through the real SDK: stream records are read in order with both images, are
 * bounded by count and age while their sequence numbers keep increasing, vanish with a cancelled
 * transaction, and are not produced again for items restored from a persisted state.
 */
class MotoStreamsTest {
    private static final String TABLE = "streamed";

    @Test
    void recordsComeInOrderWithTheImagesOfTheirOwnWriteAndIteratorsOfEveryKindWork() {
        try (LocalDynamoDb db = LocalDynamoDb.start()) {
            String arn = createTable(db.client());
            put(db.client(), "a", 1);
            put(db.client(), "a", 2);
            db.client()
                    .updateItem(b -> b.tableName(TABLE)
                            .key(Map.of("pk", s("a")))
                            .updateExpression("SET n = :n")
                            .expressionAttributeValues(Map.of(":n", n(3))));

            GetRecordsResponse first = read(db.streams(), arn, ShardIteratorType.TRIM_HORIZON, null, 2);
            GetRecordsResponse rest = db.streams().getRecords(b -> b.shardIterator(first.nextShardIterator()));

            List<Record> all = concat(first.records(), rest.records());
            assertEquals(
                    List.of("INSERT", "MODIFY", "MODIFY"),
                    all.stream().map(r -> r.eventNameAsString()).toList());
            assertEquals(
                    "2", all.get(1).dynamodb().newImage().get("n").n(), "an update must not change earlier images");
            assertEquals("2", all.get(2).dynamodb().oldImage().get("n").n());
            assertEquals("3", all.get(2).dynamodb().newImage().get("n").n());
            assertIncreasing(all);
            String second = all.get(1).dynamodb().sequenceNumber();
            assertEquals(
                    second,
                    read(db.streams(), arn, ShardIteratorType.AT_SEQUENCE_NUMBER, second, 10)
                            .records()
                            .get(0)
                            .dynamodb()
                            .sequenceNumber());
            assertEquals(
                    1,
                    read(db.streams(), arn, ShardIteratorType.AFTER_SEQUENCE_NUMBER, second, 10)
                            .records()
                            .size());
            assertTrue(read(db.streams(), arn, ShardIteratorType.LATEST, null, 10)
                    .records()
                    .isEmpty());
            assertTrue(db.streams()
                    .getRecords(b -> b.shardIterator(rest.nextShardIterator()))
                    .records()
                    .isEmpty());
        }
    }

    @Test
    void beyondTheBoundOnlyTheNewestRecordsAreKeptAndNumbersKeepIncreasing() {
        try (LocalDynamoDb db = LocalDynamoDb.start(Optional.empty(), Map.of("MOTO_STREAM_MAX_RECORDS", "5"))) {
            String arn = createTable(db.client());
            String before = read(db.streams(), arn, ShardIteratorType.TRIM_HORIZON, null, 10)
                    .nextShardIterator();
            for (int i = 0; i < 12; i++) put(db.client(), "k" + i, i);

            List<Record> kept =
                    db.streams().getRecords(b -> b.shardIterator(before)).records();

            assertEquals(5, kept.size(), "an iterator behind the trim horizon reads from the oldest record kept");
            assertEquals("k7", kept.get(0).dynamodb().keys().get("pk").s());
            assertIncreasing(kept);
            put(db.client(), "later", 0);
            List<Record> after = read(db.streams(), arn, ShardIteratorType.TRIM_HORIZON, null, 10)
                    .records();
            assertTrue(seq(after.get(4)).compareTo(seq(kept.get(4))) > 0);
        }
    }

    @Test
    void recordsOlderThanTheRetentionAreDropped() throws InterruptedException {
        try (LocalDynamoDb db = LocalDynamoDb.start(Optional.empty(), Map.of("MOTO_STREAM_RETENTION_SECONDS", "1"))) {
            String arn = createTable(db.client());
            put(db.client(), "old", 1);
            Thread.sleep(1500);
            put(db.client(), "new", 2);

            List<Record> kept = read(db.streams(), arn, ShardIteratorType.TRIM_HORIZON, null, 10)
                    .records();

            assertEquals(
                    List.of("new"),
                    kept.stream().map(r -> r.dynamodb().keys().get("pk").s()).toList());
        }
    }

    @Test
    void aCancelledTransactionLeavesNoRecords() {
        try (LocalDynamoDb db = LocalDynamoDb.start()) {
            String arn = createTable(db.client());
            put(db.client(), "exists", 1);
            TransactWriteItem fresh = putOf("fresh", "attribute_not_exists(pk)");
            TransactWriteItem clash = putOf("exists", "attribute_not_exists(pk)");

            assertThrows(
                    TransactionCanceledException.class,
                    () -> db.client().transactWriteItems(b -> b.transactItems(fresh, clash)));
            put(db.client(), "after", 2);

            List<Record> kept = read(db.streams(), arn, ShardIteratorType.TRIM_HORIZON, null, 10)
                    .records();
            assertEquals(
                    List.of("exists", "after"),
                    kept.stream().map(r -> r.dynamodb().keys().get("pk").s()).toList());
            assertIncreasing(kept);
        }
    }

    @Test
    void itemsRestoredFromAPersistedStateMakeNoStreamRecords(@TempDir Path dir) {
        try (LocalDynamoDb first = LocalDynamoDb.start(Optional.of(dir))) {
            createTable(first.client());
            put(first.client(), "kept", 1);
        }
        try (LocalDynamoDb second = LocalDynamoDb.start(Optional.of(dir))) {
            String arn = second.client()
                    .describeTable(b -> b.tableName(TABLE))
                    .table()
                    .latestStreamArn();
            assertTrue(read(second.streams(), arn, ShardIteratorType.TRIM_HORIZON, null, 10)
                    .records()
                    .isEmpty());
            assertTrue(second.client()
                    .getItem(b -> b.tableName(TABLE).key(Map.of("pk", s("kept"))))
                    .hasItem());

            put(second.client(), "kept", 2);

            List<Record> now = read(second.streams(), arn, ShardIteratorType.TRIM_HORIZON, null, 10)
                    .records();
            assertEquals(1, now.size());
            assertEquals("1", now.get(0).dynamodb().oldImage().get("n").n());
            assertFalse(now.get(0).dynamodb().sequenceNumber().isBlank());
        }
    }

    private static String createTable(DynamoDbClient ddb) {
        return ddb.createTable(b -> b.tableName(TABLE)
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .streamSpecification(
                                s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription()
                .latestStreamArn();
    }

    static GetRecordsResponse read(
            DynamoDbStreamsClient streams, String arn, ShardIteratorType type, String sequence, int limit) {
        String shard = streams.describeStream(b -> b.streamArn(arn))
                .streamDescription()
                .shards()
                .get(0)
                .shardId();
        String iterator = streams.getShardIterator(b ->
                        b.streamArn(arn).shardId(shard).shardIteratorType(type).sequenceNumber(sequence))
                .shardIterator();
        return streams.getRecords(b -> b.shardIterator(iterator).limit(limit));
    }

    private static void put(DynamoDbClient ddb, String pk, int n) {
        ddb.putItem(b -> b.tableName(TABLE).item(Map.of("pk", s(pk), "n", n(n))));
    }

    private static TransactWriteItem putOf(String pk, String condition) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(TABLE)
                        .item(Map.of("pk", s(pk), "n", n(0)))
                        .conditionExpression(condition)
                        .build())
                .build();
    }

    private static void assertIncreasing(List<Record> records) {
        for (int i = 1; i < records.size(); i++) {
            assertTrue(seq(records.get(i)).compareTo(seq(records.get(i - 1))) > 0, "sequence numbers must increase");
        }
    }

    private static BigInteger seq(Record r) {
        return new BigInteger(r.dynamodb().sequenceNumber());
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(int v) {
        return AttributeValue.fromN(Integer.toString(v));
    }
}

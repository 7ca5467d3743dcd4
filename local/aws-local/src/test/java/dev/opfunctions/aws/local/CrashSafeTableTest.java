package dev.opfunctions.aws.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A persisted table survives SIGKILL: writers keep committing transactions and version-conditioned
 * updates while the launcher is killed with SIGKILL, and a new launcher on the same directory has
 * every write that was acknowledged before the kill. Before the journal, the state file was written
 * at an orderly stop only, so this test lost every write of the killed run.
 */
class CrashSafeTableTest {
    private static final String TABLE = "crash";
    private static final int WRITERS = 4;
    private static final int ACKED_BEFORE_KILL = 400;

    /** One acknowledged write: the item it created, and the counter value the update set. */
    private record Ack(String pk, long counter) {}

    @Test
    void everyAcknowledgedWriteIsThereAfterTheLauncherIsKilled(@TempDir Path dir) throws Exception {
        List<Ack> acked = new CopyOnWriteArrayList<>();
        long killedPid = -1;
        try (LocalDynamoDb first = LocalDynamoDb.start(Optional.of(dir))) {
            DynamoDbClient ddb = first.client();
            createTable(ddb);
            ddb.putItem(b -> b.tableName(TABLE).item(Map.of("pk", s("counter"), "sk", s("N"), "n", n(0))));
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> write(ddb, writer, acked)));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (acked.size() < ACKED_BEFORE_KILL && System.nanoTime() < deadline) Thread.sleep(5);
            killedPid = first.pid();
            ProcessHandle moto = ProcessHandle.of(killedPid).orElseThrow();
            assertTrue(moto.destroyForcibly(), "SIGKILL not delivered"); // SIGKILL on Linux, mid-write
            moto.onExit().get(10, TimeUnit.SECONDS);
            for (Future<?> writer : writers) writer.get(60, TimeUnit.SECONDS); // they stop at their first error
            pool.shutdown();
        } catch (IllegalStateException closeOfKilledServer) {
            // close() of a killed server may complain; the restart below is what counts
        }
        assertTrue(acked.size() >= ACKED_BEFORE_KILL, "only " + acked.size() + " writes before the kill");

        try (LocalDynamoDb second = LocalDynamoDb.start(Optional.of(dir))) {
            assertFalse(second.pid() == killedPid);
            DynamoDbClient ddb = second.client();
            assertTrue(ddb.listTables().tableNames().contains(TABLE), "the table itself was lost");
            List<String> missing = new ArrayList<>();
            long highestAckedCounter = 0;
            for (Ack ack : acked) {
                highestAckedCounter = Math.max(highestAckedCounter, ack.counter());
                for (String sk : List.of("STATE", "EVENT#1")) {
                    if (!ddb.getItem(b ->
                                    b.tableName(TABLE).key(key(ack.pk(), sk)).consistentRead(true))
                            .hasItem()) missing.add(ack.pk() + "/" + sk);
                }
            }
            assertEquals(List.of(), missing, "acknowledged items lost by the kill (of " + acked.size() + ")");
            long counter = Long.parseLong(
                    ddb.getItem(b -> b.tableName(TABLE).key(key("counter", "N")).consistentRead(true))
                            .item()
                            .get("n")
                            .n());
            // at most the writes in flight at the kill may have landed without their acknowledgement
            assertTrue(
                    counter >= highestAckedCounter && counter <= highestAckedCounter + WRITERS,
                    "counter " + counter + " after acknowledged " + highestAckedCounter);
        }
    }

    /** Alternates a two-item transaction and a version-conditioned update until a request fails. */
    private static void write(DynamoDbClient ddb, int writer, List<Ack> acked) {
        try {
            for (int i = 0; ; i++) {
                String pk = "w" + writer + "#" + i;
                TransactWriteItem[] pair = {put(pk, "STATE"), put(pk, "EVENT#1")};
                ddb.transactWriteItems(b -> b.transactItems(pair));
                long next = increment(ddb);
                acked.add(new Ack(pk, next));
            }
        } catch (RuntimeException killed) {
            // the launcher is gone: this writer stops
        }
    }

    private static long increment(DynamoDbClient ddb) {
        while (true) {
            long seen = Long.parseLong(
                    ddb.getItem(b -> b.tableName(TABLE).key(key("counter", "N")).consistentRead(true))
                            .item()
                            .get("n")
                            .n());
            try {
                ddb.updateItem(b -> b.tableName(TABLE)
                        .key(key("counter", "N"))
                        .updateExpression("SET n = :next")
                        .conditionExpression("n = :seen")
                        .expressionAttributeValues(Map.of(":next", n(seen + 1), ":seen", n(seen))));
                return seen + 1;
            } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException raced) {
                // another writer moved it: read again
            }
        }
    }

    private static TransactWriteItem put(String pk, String sk) {
        return TransactWriteItem.builder()
                .put(p -> p.tableName(TABLE)
                        .item(Map.of("pk", s(pk), "sk", s(sk), "v", n(1)))
                        .conditionExpression("attribute_not_exists(pk)"))
                .build();
    }

    private static void createTable(DynamoDbClient ddb) {
        ddb.createTable(b -> b.tableName(TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                .keySchema(
                        k -> k.attributeName("pk").keyType(KeyType.HASH),
                        k -> k.attributeName("sk").keyType(KeyType.RANGE)));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}

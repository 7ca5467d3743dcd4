package dev.opfunctions.aws.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Does the DynamoDB emulator, as the project runs it, keep the promises the exactly-once design
 * rests on? Many writers race on one key with a conditional put, a version-conditioned update and a
 * two-item {@code TransactWriteItems}; every race must have exactly one winner. Then the read-side
 * behaviour the store uses: GSI queries, ConsistentRead, ReturnValuesOnConditionCheckFailure and
 * the cancellation reasons of a failed transaction.
 *
 * <p>{@code -Dfidelity.endpoint=http://127.0.0.1:5000} points the test at another emulator instead
 * (for example a stock {@code moto_server}, whose threaded server fails the transaction race).
 */
class EmulatorFidelityTest {
    private static final int WRITERS = 16;
    private static final int RACES = 30;
    private static final String TABLE = "fidelity";

    private static LocalDynamoDb own;
    private static DynamoDbClient ddb;

    @BeforeAll
    static void start() {
        Optional<String> other =
                Optional.ofNullable(System.getProperty("fidelity.endpoint")).filter(s -> !s.isBlank());
        if (other.isPresent()) {
            ddb = LocalAws.build(DynamoDbClient.builder(), URI.create(other.get()));
        } else {
            own = LocalDynamoDb.start();
            ddb = own.client();
        }
        ddb.createTable(b -> b.tableName(TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr("pk"), attr("sk"), attr("owner"), attr("createdAt"))
                .keySchema(
                        k -> k.attributeName("pk").keyType(KeyType.HASH),
                        k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .globalSecondaryIndexes(g -> g.indexName("OwnerIndex")
                        .keySchema(
                                k -> k.attributeName("owner").keyType(KeyType.HASH),
                                k -> k.attributeName("createdAt").keyType(KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL))));
    }

    @AfterAll
    static void stop() {
        if (own != null) {
            own.close();
        } else {
            ddb.deleteTable(b -> b.tableName(TABLE));
            ddb.close();
        }
    }

    @Test
    void conditionalPutHasExactlyOneWinnerPerRace() throws Exception {
        assertOneWinnerInEveryRace(
                "put",
                race -> writer -> {
                    ddb.putItem(b -> b.tableName(TABLE)
                            .item(item("put#" + race, "A", "writer", s("w" + writer)))
                            .conditionExpression("attribute_not_exists(pk)"));
                    return true;
                },
                race -> {});
    }

    @Test
    void versionConditionedUpdateHasExactlyOneWinnerPerRace() throws Exception {
        assertOneWinnerInEveryRace(
                "update",
                race -> writer -> {
                    ddb.updateItem(b -> b.tableName(TABLE)
                            .key(key("update#" + race, "A"))
                            .updateExpression("SET version = :next, writer = :w")
                            .conditionExpression("version = :expected")
                            .expressionAttributeValues(
                                    Map.of(":next", n(2), ":expected", n(1), ":w", s("w" + writer))));
                    return true;
                },
                race -> ddb.putItem(b -> b.tableName(TABLE).item(item("update#" + race, "A", "version", n(1)))));
    }

    /** The store's update: a version-conditioned put of the state plus a put-if-absent of the event. */
    @Test
    void transactionOfConditionalUpdateAndPutHasExactlyOneWinnerPerRace() throws Exception {
        assertOneWinnerInEveryRace(
                "transaction",
                race -> writer -> {
                    String pk = "tx#" + race;
                    ddb.transactWriteItems(b -> b.transactItems(
                            TransactWriteItem.builder()
                                    .update(Update.builder()
                                            .tableName(TABLE)
                                            .key(key(pk, "STATE"))
                                            .updateExpression("SET version = :next, writer = :w")
                                            .conditionExpression("version = :expected")
                                            .expressionAttributeValues(
                                                    Map.of(":next", n(2), ":expected", n(1), ":w", s("w" + writer)))
                                            .build())
                                    .build(),
                            TransactWriteItem.builder()
                                    .put(Put.builder()
                                            .tableName(TABLE)
                                            .item(item(pk, "EVENT#2", "writer", s("w" + writer)))
                                            .conditionExpression("attribute_not_exists(pk)")
                                            .build())
                                    .build()));
                    return true;
                },
                race -> ddb.putItem(b -> b.tableName(TABLE).item(item("tx#" + race, "STATE", "version", n(1)))));
    }

    @Test
    void failedTransactionReportsReasonsInRequestOrderAndWritesNothing() {
        ddb.putItem(b -> b.tableName(TABLE).item(item("reasons", "STATE", "version", n(5))));

        TransactionCanceledException e = assertThrows(
                TransactionCanceledException.class,
                () -> ddb.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder()
                                .put(Put.builder()
                                        .tableName(TABLE)
                                        .item(item("reasons", "EVENT#6", "v", n(6)))
                                        .conditionExpression("attribute_not_exists(pk)")
                                        .build())
                                .build(),
                        TransactWriteItem.builder()
                                .put(Put.builder()
                                        .tableName(TABLE)
                                        .item(item("reasons", "STATE", "version", n(6)))
                                        .conditionExpression("version = :expected")
                                        .expressionAttributeValues(Map.of(":expected", n(4)))
                                        .returnValuesOnConditionCheckFailure(
                                                ReturnValuesOnConditionCheckFailure.ALL_OLD)
                                        .build())
                                .build())));

        assertEquals(2, e.cancellationReasons().size());
        assertEquals("None", e.cancellationReasons().get(0).code());
        assertEquals("ConditionalCheckFailed", e.cancellationReasons().get(1).code());
        assertEquals(
                "5",
                e.cancellationReasons().get(1).item().get("version").n(),
                "ALL_OLD item in the cancellation reason");
        assertTrue(getConsistent("reasons", "EVENT#6").isEmpty(), "a cancelled transaction wrote its first item");
        assertEquals("5", getConsistent("reasons", "STATE").get("version").n());
    }

    /**
     * moto applies a transaction's writes one by one and undoes them when a later one fails; the
     * launcher undoes them from copies of the touched items alone (moto copied whole tables). An update
     * changes an item in place, so a restore that kept no copy of it would leave it changed here.
     */
    @Test
    void cancelledTransactionUndoesItsUpdateDeleteAndPutOfExistingItems() {
        ddb.putItem(b -> b.tableName(TABLE)
                .item(Map.of(
                        "pk", s("undo"), "sk", s("A"), "version", n(1), "owner", s("before"), "createdAt", s("1"))));
        ddb.putItem(b -> b.tableName(TABLE).item(item("undo", "B", "version", n(1))));
        ddb.putItem(b -> b.tableName(TABLE).item(item("undo", "C", "version", n(1))));

        TransactionCanceledException e = assertThrows(
                TransactionCanceledException.class,
                () -> ddb.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder()
                                .update(Update.builder()
                                        .tableName(TABLE)
                                        .key(key("undo", "A"))
                                        .updateExpression("SET version = :two, #o = :after")
                                        .expressionAttributeNames(Map.of("#o", "owner"))
                                        .expressionAttributeValues(Map.of(":two", n(2), ":after", s("after")))
                                        .build())
                                .build(),
                        TransactWriteItem.builder()
                                .delete(d -> d.tableName(TABLE).key(key("undo", "B")))
                                .build(),
                        TransactWriteItem.builder()
                                .put(Put.builder()
                                        .tableName(TABLE)
                                        .item(item("undo", "C", "version", n(2)))
                                        .build())
                                .build(),
                        TransactWriteItem.builder()
                                .conditionCheck(c -> c.tableName(TABLE)
                                        .key(key("undo", "missing"))
                                        .conditionExpression("attribute_exists(pk)"))
                                .build())));

        assertEquals(
                List.of("None", "None", "None", "ConditionalCheckFailed"),
                e.cancellationReasons().stream().map(r -> r.code()).toList());
        Map<String, AttributeValue> a = getConsistent("undo", "A");
        assertEquals("1", a.get("version").n(), "the update of A was not undone");
        assertEquals("before", a.get("owner").s());
        assertEquals("1", getConsistent("undo", "B").get("version").n(), "the delete of B was not undone");
        assertEquals("1", getConsistent("undo", "C").get("version").n(), "the put over C was not undone");
        assertEquals(
                0,
                ddb.query(q -> q.tableName(TABLE)
                                .indexName("OwnerIndex")
                                .keyConditionExpression("#o = :after")
                                .expressionAttributeNames(Map.of("#o", "owner"))
                                .expressionAttributeValues(Map.of(":after", s("after"))))
                        .count(),
                "the index still sees the undone update");
    }

    @Test
    void conditionCheckFailureCanReturnTheItemThatFailedIt() {
        ddb.putItem(b -> b.tableName(TABLE).item(item("old", "A", "version", n(3))));

        ConditionalCheckFailedException e = assertThrows(
                ConditionalCheckFailedException.class,
                () -> ddb.putItem(b -> b.tableName(TABLE)
                        .item(item("old", "A", "version", n(4)))
                        .conditionExpression("attribute_not_exists(pk)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));

        assertTrue(e.hasItem(), "no item returned with the failed condition");
        assertEquals("3", e.item().get("version").n());
    }

    @Test
    void consistentReadSeesTheLatestWriteAndAbsentItemsAreEmpty() {
        ddb.putItem(b -> b.tableName(TABLE).item(item("read", "A", "version", n(1))));
        ddb.putItem(b -> b.tableName(TABLE).item(item("read", "A", "version", n(2))));

        assertEquals("2", getConsistent("read", "A").get("version").n());
        assertTrue(getConsistent("read", "missing").isEmpty());
    }

    /** The store's history and by-customer queries: begins_with on the sort key, GSI newest first with a limit. */
    @Test
    void queriesTheStoreMakesReturnWhatDynamoDbDocuments() {
        for (int i = 1; i <= 3; i++) {
            String at = "2026-01-0" + i;
            ddb.putItem(b -> b.tableName(TABLE)
                    .item(Map.of(
                            "pk", s("CHECKOUT#q" + at), "sk", s("STATE"), "owner", s("wallet-q"), "createdAt", s(at))));
            ddb.putItem(b -> b.tableName(TABLE)
                    .item(item("CHECKOUT#q", "EVENT#000000000" + at.charAt(at.length() - 1), "v", s(at))));
        }
        ddb.putItem(b -> b.tableName(TABLE).item(item("CHECKOUT#q", "STATE", "v", s("not an event"))));

        var events = ddb.query(b -> b.tableName(TABLE)
                        .consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", s("CHECKOUT#q"), ":prefix", s("EVENT#"))))
                .items();
        var newestTwo = ddb.query(b -> b.tableName(TABLE)
                        .indexName("OwnerIndex")
                        .scanIndexForward(false)
                        .limit(2)
                        .keyConditionExpression("#o = :o")
                        .expressionAttributeNames(Map.of("#o", "owner"))
                        .expressionAttributeValues(Map.of(":o", s("wallet-q"))))
                .items();
        var consistentOnGsi = assertThrows(
                software.amazon.awssdk.services.dynamodb.model.DynamoDbException.class,
                () -> ddb.query(b -> b.tableName(TABLE)
                        .indexName("OwnerIndex")
                        .consistentRead(true)
                        .keyConditionExpression("#o = :o")
                        .expressionAttributeNames(Map.of("#o", "owner"))
                        .expressionAttributeValues(Map.of(":o", s("wallet-q")))));

        assertEquals(
                List.of("EVENT#0000000001", "EVENT#0000000002", "EVENT#0000000003"),
                events.stream().map(i -> i.get("sk").s()).toList());
        assertEquals(
                List.of("2026-01-03", "2026-01-02"),
                newestTwo.stream().map(i -> i.get("createdAt").s()).toList());
        assertEquals(400, consistentOnGsi.statusCode(), "DynamoDB rejects ConsistentRead on a global secondary index");
    }

    private static void assertOneWinnerInEveryRace(
            String name, IntFunction<IntFunction<Boolean>> attempt, java.util.function.IntConsumer setUp)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Integer> winnersPerRace = new ArrayList<>();
            for (int race = 0; race < RACES; race++) {
                setUp.accept(race);
                IntFunction<Boolean> write = attempt.apply(race);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> outcomes = new ArrayList<>();
                for (int writer = 0; writer < WRITERS; writer++) {
                    int w = writer;
                    Callable<Boolean> one = () -> {
                        go.await();
                        try {
                            return write.apply(w);
                        } catch (ConditionalCheckFailedException | TransactionCanceledException lost) {
                            return false;
                        }
                    };
                    outcomes.add(pool.submit(one));
                }
                go.countDown();
                int winners = 0;
                for (Future<Boolean> outcome : outcomes) winners += outcome.get() ? 1 : 0;
                winnersPerRace.add(winners);
            }
            long racesWithOneWinner =
                    winnersPerRace.stream().filter(w -> w == 1).count();
            assertEquals(RACES, racesWithOneWinner, name + ": winners per race " + winnersPerRace);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, AttributeValue> getConsistent(String pk, String sk) {
        var item = ddb.getItem(b -> b.tableName(TABLE).key(key(pk, sk)).consistentRead(true))
                .item();
        assertNotNull(item, "the SDK gives an empty map, not null, for a missing item");
        return item;
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    private static Map<String, AttributeValue> item(String pk, String sk, String attribute, AttributeValue value) {
        return Map.of("pk", s(pk), "sk", s(sk), attribute, value);
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeDefinition attr(String name) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(ScalarAttributeType.S)
                .build();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}

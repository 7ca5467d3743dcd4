package dev.opfunctions.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.aws.local.testing.LocalServersExtension;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutEvent;
import dev.opfunctions.checkout.port.CheckoutStore.ConcurrentUpdateException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The state item's layout on DynamoDB (moto): every golden document round-trips through it (a plan's
 * installments through their own items), documents stored in the first layout still read and convert, a
 * crash between spilling events and the state put loses and repeats nothing, and races are still refused.
 */
@ExtendWith(LocalServersExtension.class)
class StoredLayoutTest {

    private static final Duration RETENTION = Duration.ofDays(90);
    private static final Crash crash = new Crash();
    private static LocalAws aws;
    private static DynamoDbClient crashing;

    @BeforeAll
    static void up(LocalServers servers) {
        aws = new LocalAws(servers);
        crashing = dev.opfunctions.aws.local.LocalAws.build(
                DynamoDbClient.builder().overrideConfiguration(c -> c.addExecutionInterceptor(crash)),
                servers.dynamo().endpoint());
    }

    @AfterAll
    static void down() {
        crashing.close();
    }

    /** Fails the next PutItem of a state item before it is sent, as a process killed between its writes would. */
    static final class Crash implements ExecutionInterceptor {
        volatile boolean armed;

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (armed
                    && context.request() instanceof PutItemRequest put
                    && "STATE".equals(put.item().get("sk").s())) {
                armed = false;
                throw new IllegalStateException("crashed before the state put");
            }
        }
    }

    private static DynamoCheckoutStore store() {
        return new DynamoCheckoutStore(aws.ddb, aws.table, RETENTION);
    }

    /** The golden document {@code name} as a new checkout of its own (fresh id and order id). */
    private static Checkout golden(Path file) {
        try {
            ObjectNode doc = (ObjectNode) CheckoutJson.MAPPER.readTree(GoldenCheckouts.read(file));
            String id = "layout-" + UUID.randomUUID();
            doc.put("id", id).put("orderId", id);
            return StoredCheckoutForm.read(id, doc);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Checkout golden(String name) {
        return golden(GoldenCheckouts.folder().resolve(name + ".json"));
    }

    private static CheckoutEvent first(Checkout c) {
        return new CheckoutEvent(c.id(), c.version(), c.createdAt(), "checkout-created", c.status(), "");
    }

    static Stream<Path> goldenFiles() {
        return GoldenCheckouts.files().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void everyGoldenDocumentRoundTripsThroughTheLayoutOnCreateAndUpdate(Path file) {
        Checkout c = golden(file);
        store().create(c, List.of(first(c)));
        assertEquals(c, store().find(c.id()).orElseThrow());

        var change = c.edit(c.updatedAt().plusSeconds(1)).change("layout-test", "");
        DynamoCheckoutStore writer = store();
        writer.find(c.id());
        writer.update(change);

        assertEquals(change.next(), store().find(c.id()).orElseThrow(), "read by another instance");
        assertEquals(change.next(), writer.find(c.id()).orElseThrow());
        if (c.plan() != null && file.getFileName().toString().equals("plan-active.json"))
            assertTrue(apartItems(c.id()) > 0, "a plan's finished and untouched installments are items of their own");
    }

    @Test
    void aDocumentStoredInTheFirstLayoutReadsAndConvertsOnItsNextWrite() {
        Checkout c = golden("plan-active");
        Map<String, AttributeValue> legacy = new HashMap<>(DynamoCheckoutStore.key("CHECKOUT#" + c.id(), "STATE"));
        legacy.put("version", AttributeValue.fromN(Long.toString(c.version())));
        legacy.put("status", AttributeValue.fromS(c.status().name()));
        legacy.put("updatedAt", AttributeValue.fromS(c.updatedAt().toString()));
        legacy.put("doc", AttributeValue.fromS(StoredCheckoutForm.write(c)));
        aws.ddb.putItem(b -> b.tableName(aws.table).item(legacy));
        for (long v = 1; v <= c.version(); v++) {
            Map<String, AttributeValue> e =
                    new HashMap<>(DynamoCheckoutStore.key("CHECKOUT#" + c.id(), "EVENT#" + String.format("%010d", v)));
            e.put("version", AttributeValue.fromN(Long.toString(v)));
            e.put("type", AttributeValue.fromS("legacy-" + v));
            e.put("status", AttributeValue.fromS(c.status().name()));
            e.put("at", AttributeValue.fromS(c.createdAt().toString()));
            aws.ddb.putItem(b -> b.tableName(aws.table).item(e));
        }

        assertEquals(c, store().find(c.id()).orElseThrow());
        var change = c.edit(c.updatedAt().plusSeconds(1)).change("converted", "");
        store().update(change);

        assertEquals(change.next(), store().find(c.id()).orElseThrow());
        assertEquals(versions(1, change.next().version()), versions(store().history(c.id())));
    }

    @Test
    void aCrashBetweenSpillingEventsAndTheStatePutLosesAndRepeatsNothing() {
        Checkout c = golden("one-time-awaiting-consent");
        DynamoCheckoutStore store = new DynamoCheckoutStore(crashing, aws.table, RETENTION);
        store.create(c, List.of(first(c)));
        long events = 1;
        while (events < DynamoCheckoutStore.WINDOW) {
            var change = c.edit(c.updatedAt().plusSeconds(1)).change("step", "");
            store.update(change);
            c = change.next();
            events++;
        }
        var spilling = c.edit(c.updatedAt().plusSeconds(1)).change("spills", "");

        crash.armed = true;
        assertThrows(RuntimeException.class, () -> store.update(spilling));
        assertTrue(eventItems(c.id()) > 0, "the spilled events were written first");
        assertEquals(versions(1, c.version()), versions(store().history(c.id())), "nothing lost, nothing twice");

        store().update(spilling); // a redelivered message, on another instance: spills the same events again
        assertEquals(versions(1, spilling.next().version()), versions(store().history(c.id())));
        assertEquals(spilling.next(), store().find(c.id()).orElseThrow());
    }

    @Test
    void aWriterThatLostTheRaceIsRefusedAndWritesNothing() {
        Checkout c = golden("plan-active");
        store().create(c, List.of(first(c)));
        DynamoCheckoutStore a = store(), b = store();
        Checkout read = a.find(c.id()).orElseThrow();
        b.find(c.id());
        Instant at = c.updatedAt().plusSeconds(5);
        var cur = read.plan().installment(1);
        // a's write changes installment 2 (written in a transaction with the state); b's, from the same version, loses.
        var mine = read.edit(at).plan(read.plan().with(cur.paidOn(at))).change("a-wins", "");
        var theirs = read.edit(at.plusSeconds(1)).change("b-loses", "");

        a.update(mine);

        assertThrows(ConcurrentUpdateException.class, () -> b.update(theirs));
        assertThrows(ConcurrentUpdateException.class, () -> store().update(theirs), "without a remembered version");
        assertEquals(mine.next(), store().find(c.id()).orElseThrow());
        assertEquals(List.of(c.version(), mine.next().version()), versions(store().history(c.id())));
    }

    private static List<Long> versions(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    private static List<Long> versions(List<CheckoutEvent> events) {
        return events.stream().map(CheckoutEvent::version).toList();
    }

    private static int eventItems(String id) {
        return count(id, "EVENT#");
    }

    private static int apartItems(String id) {
        return count(id, "INSTALLMENT#");
    }

    private static int count(String id, String prefix) {
        return aws.ddb
                .query(b -> b.tableName(aws.table)
                        .consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                        .expressionAttributeValues(Map.of(
                                ":pk", AttributeValue.fromS("CHECKOUT#" + id), ":p", AttributeValue.fromS(prefix))))
                .count();
    }
}

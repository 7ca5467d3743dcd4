package dev.opfunctions.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.checkout.model.Change;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutEvent;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.checkout.port.CheckoutStore.UnreadableCheckoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * {@link CheckoutStore} on the payments table. Item layout (one partition per checkout):
 * <pre>
 * pk=CHECKOUT#{id}  sk=EVENT#{version:10}   enc, body (the events spilled from the window from this version on,
 *                                          compressed), expiresAtEpoch; or, written before this layout, one event:
 *                                          version, type, status, at, detail, expiresAtEpoch
 * pk=CHECKOUT#{id}  sk=INSTALLMENT#{n:4}    enc, body (installment n and its legs, compressed), expiresAtEpoch
 * pk=CHECKOUT#{id}  sk=STATE                version, status, orderId, customerWallet, createdAt, updatedAt (the
 *                                          last status change), amount, enc, body, dueBucket/dueAt (while due),
 *                                          expiresAtEpoch (when finished)
 * pk=ORDER#{orderId} sk=ORDER               checkoutId, requestHash, createdAt, expiresAtEpoch
 * </pre>
 * {@code body} is deflated JSON ({@link DocCodec}; {@code enc} names the encoding) of a {@link StateBody}: the
 * checkout's stored form ({@link StoredCheckoutForm}) without what the item's attributes already say, the newest
 * history events (at most {@link #WINDOW}), and which installments are stored apart. State items written before
 * this layout carry the document as a JSON string {@code doc} and no window; they still read, and their next
 * write converts them (their events stay one per item).
 *
 * <p>Costs drive the layout: a write is billed per started kilobyte, and twice inside a transaction. So an
 * update is one conditional PutItem ({@code version = :expected}; a failed condition is a {@link
 * ConcurrentUpdateException}) of one small item (a one-time checkout's fits one kilobyte with real wallet
 * addresses): the document compressed, its history events inside it. Events falling out of the window are
 * first written as one {@code EVENT#} item (a PutItem; same key and content whoever spills them), then the
 * put that drops them is made: a crash between leaves a duplicate that {@link #history} drops, never a gap.
 * A plan's finished and untouched installments live in their own items ({@link PlanParts}), so the state item
 * holds only the installment being collected and does not grow with the plan. The plan's untouched installments
 * are written before the create transaction (orphans if it fails; their TTL removes them); afterwards an
 * installment item is written only when its content changed (one write per installment, when it is finished),
 * and then in one TransactWriteItems with the state put: a writer that loses its race must never replace the
 * installment the committed state relies on.
 *
 * <p>To write a new version the store needs the stored one's window, status time and installment
 * fingerprints: it remembers them per checkout from its own last read or write of that exact version (each
 * version is written once), and otherwise reads the checkout first.
 *
 * <p>Every unfinished checkout's state item carries {@code dueBucket}/{@code dueAt} (DueIndex): {@code dueAt}
 * is its {@link Checkout#wakeAt()} in a fixed-width UTC form (millisecond precision, so strings sort as
 * instants), {@code dueBucket} one of {@link #DUE_BUCKETS} shards chosen by checkout id so no single index
 * partition takes every plan. DynamoDB writes an index entry only when its key or a projected attribute
 * changes. Neither index projects the document (it holds the access tokens): DueIndex is KEYS_ONLY, as the
 * sweep re-reads each checkout anyway (the index is eventually consistent), and CustomerIndex includes only
 * {@link #SUMMARY_ATTRIBUTES}, the history route's columns, none of which changes on a write that keeps the
 * status.
 */
public final class DynamoCheckoutStore implements CheckoutStore {

    /**
     * The state item's attributes CustomerIndex projects besides the keys (template.yaml's
     * NonKeyAttributes; a test holds the two equal): what a history row shows, and no token.
     * {@code updatedAt} is the time of the last status change, so the index is not written on every change.
     */
    public static final List<String> SUMMARY_ATTRIBUTES = List.of("orderId", "status", "updatedAt", "amount");

    /** DueIndex partitions; a scheduled run queries each. */
    static final int DUE_BUCKETS = 4;

    /**
     * The most history events the state item holds. A one-time checkout makes about 6 to 12 in its life, so
     * it never writes an event item; past it, the oldest are spilled until {@link #KEEP} remain, so a plan
     * writes its event items 8 at a time in one item, while the window adds a few hundred compressed bytes
     * at most to each state write.
     */
    static final int WINDOW = 16;

    static final int KEEP = 8;

    private final DynamoDbClient ddb;
    private final String table;
    private final Duration retention;
    private final CheckoutItems items;
    private final KnownVersions known = new KnownVersions(1024);
    private final CheckoutIndexes indexes;

    public DynamoCheckoutStore(DynamoDbClient ddb, String table, Duration retention) {
        this.ddb = ddb;
        this.table = table;
        this.retention = retention;
        this.items = new CheckoutItems(retention);
        this.indexes = new CheckoutIndexes(ddb, table);
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return CheckoutItems.key(pk, sk);
    }

    @Override
    public Optional<Checkout> findByOrder(String orderId) {
        var item = ddb.getItem(b ->
                        b.tableName(table).key(key("ORDER#" + orderId, "ORDER")).consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) return Optional.empty();
        return find(item.get("checkoutId").s());
    }

    @Override
    public Optional<Checkout> find(String checkoutId) {
        return read(checkoutId).map(Read::checkout);
    }

    /** A checkout as read, with what the store must know of its state item to write the next version. */
    private record Read(Checkout checkout, KnownVersions.Known known) {}

    /**
     * The state item by key, then the installment items it names by key (one BatchGetItem), both strongly
     * consistent. Keyed reads, not a query of the partition: a one-time checkout is one GetItem, and a plan pays
     * a read unit per installment item instead of one for them all, but a query cost the local emulator six times
     * a key lookup (moto parses its key condition every time), which capped local throughput. The two reads are not one
     * snapshot (neither was a query): a checkout read between a writer's state and its installment item can only
     * be written back conditionally on its version, which then fails and is read again.
     */
    private Optional<Read> read(String checkoutId) {
        Map<String, AttributeValue> state = ddb.getItem(b ->
                        b.tableName(table).key(key(pk(checkoutId), "STATE")).consistentRead(true))
                .item();
        if (state == null || state.isEmpty()) return Optional.empty();
        Read read;
        if (!CheckoutItems.compressed(state)) {
            AttributeValue doc = state.get("doc");
            if (doc == null || doc.s() == null)
                throw new UnreadableCheckoutException(checkoutId, "its state item has no document", null);
            read = new Read(StoredCheckoutForm.read(checkoutId, doc.s()), KnownVersions.Known.of(state));
        } else {
            StateBody body = CheckoutItems.body(checkoutId, state);
            Map<String, Map<String, AttributeValue>> bySk = apartItems(checkoutId, body.apart());
            List<JsonNode> groups = new ArrayList<>();
            Map<Integer, String> hashes = new HashMap<>();
            for (int n : body.apart()) {
                var item = bySk.get(CheckoutItems.apartSk(n));
                if (item == null)
                    throw new UnreadableCheckoutException(
                            checkoutId, "its installment " + n + " item is missing", null);
                JsonNode group = CheckoutItems.group(checkoutId, item);
                groups.add(group);
                hashes.put(n, PlanParts.hash(group));
            }
            ObjectNode doc = CheckoutItems.withItemFields(checkoutId, body.doc(), state);
            Checkout c = StoredCheckoutForm.read(checkoutId, PlanParts.join(doc, groups));
            read = new Read(c, KnownVersions.Known.of(state, body, hashes));
        }
        known.put(checkoutId, read.known());
        return Optional.of(read);
    }

    /** The installment items {@code apart} names, by sort key: BatchGetItem, 100 keys a request, unprocessed keys again. */
    private Map<String, Map<String, AttributeValue>> apartItems(
            String checkoutId, java.util.Collection<Integer> apart) {
        return apartItems(ddb, table, checkoutId, apart);
    }

    /** {@link #apartItems(String, java.util.Collection)} for a reader without a store (the stream's images). */
    static Map<String, Map<String, AttributeValue>> apartItems(
            DynamoDbClient ddb, String table, String checkoutId, java.util.Collection<Integer> apart) {
        Map<String, Map<String, AttributeValue>> bySk = new HashMap<>();
        List<Map<String, AttributeValue>> keys = apart.stream()
                .map(n -> key(pk(checkoutId), CheckoutItems.apartSk(n)))
                .toList();
        for (int from = 0; from < keys.size(); from += 100) {
            Map<String, KeysAndAttributes> pending = Map.of(
                    table,
                    KeysAndAttributes.builder()
                            .keys(keys.subList(from, Math.min(keys.size(), from + 100)))
                            .consistentRead(true)
                            .build());
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > 8)
                    throw new IllegalStateException("DynamoDB left installment items of " + checkoutId + " unread");
                if (attempt > 1) pause(Math.min(1_000, 20L << attempt));
                Map<String, KeysAndAttributes> request = pending;
                var answer = ddb.batchGetItem(b -> b.requestItems(request));
                answer.responses()
                        .getOrDefault(table, List.of())
                        .forEach(i -> bySk.put(i.get("sk").s(), i));
                pending = answer.hasUnprocessedKeys() ? answer.unprocessedKeys() : Map.of();
            }
        }
        return bySk;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading", e);
        }
    }

    @Override
    public void create(Checkout c, List<CheckoutEvent> events) {
        long historyTtl =
                c.createdAt().plus(retention).plus(CheckoutItems.HISTORY_GRACE).getEpochSecond();
        Map<String, AttributeValue> order = new HashMap<>(key("ORDER#" + c.orderId(), "ORDER"));
        order.put("checkoutId", s(c.id()));
        order.put("requestHash", s(c.requestHash()));
        order.put("createdAt", s(c.createdAt().toString()));
        order.put("expiresAtEpoch", n(historyTtl));
        var none = new KnownVersions.Known(0, c.status(), c.updatedAt(), List.of(), Map.of(), 0);
        Prepared p = prepare(c, none, events);
        // A new partition: nothing refers to these items until the transaction commits (orphans otherwise).
        List<Map<String, AttributeValue>> first = new ArrayList<>(p.before());
        first.addAll(p.with());
        writeAll(first);
        try {
            ddb.transactWriteItems(b -> b.transactItems(
                    put(order, "attribute_not_exists(pk)", null), put(p.state(), "attribute_not_exists(pk)", null)));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (reasons != null
                    && !reasons.isEmpty()
                    && "ConditionalCheckFailed".equals(reasons.get(0).code()))
                throw new OrderAlreadyClaimedException(c.orderId());
            throw e;
        }
        known.put(c.id(), p.next());
    }

    /**
     * One conditional PutItem, after writing the events it spills. A write that changes an installment group
     * stored apart (one per installment: when it is finished) puts the group in the same transaction as the
     * state item instead, as a racing writer's group must never replace the one the committed state refers to.
     */
    @Override
    public void update(Change change) {
        Checkout next = change.next();
        var before = known.get(next.id(), change.expectedVersion());
        if (before == null) before = read(next.id()).map(Read::known).orElse(null);
        if (before == null || before.version() != change.expectedVersion())
            throw new ConcurrentUpdateException(next.id(), change.expectedVersion());
        Prepared p = prepare(next, before, List.of(change.event()));
        writeAll(p.before());
        Map<String, AttributeValue> expected = Map.of(":expected", n(change.expectedVersion()));
        try {
            if (p.with().isEmpty()) {
                ddb.putItem(b -> b.tableName(table)
                        .item(p.state())
                        .conditionExpression("version = :expected")
                        .expressionAttributeValues(expected));
            } else {
                List<TransactWriteItem> tx = new ArrayList<>();
                tx.add(put(p.state(), "version = :expected", expected));
                p.with().forEach(i -> tx.add(put(i, null, null)));
                ddb.transactWriteItems(b -> b.transactItems(tx));
            }
        } catch (ConditionalCheckFailedException | TransactionConflictException e) {
            // Another writer stored this version first, or is storing it in a transaction right now.
            throw new ConcurrentUpdateException(next.id(), change.expectedVersion());
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (reasons != null
                    && reasons.stream()
                            .anyMatch(r -> "ConditionalCheckFailed".equals(r.code())
                                    || "TransactionConflict".equals(r.code())))
                throw new ConcurrentUpdateException(next.id(), change.expectedVersion());
            throw e;
        }
        known.put(next.id(), p.next());
    }

    /**
     * The state item to put, the items to write before it ({@code before}: spilled events) and with it
     * ({@code with}: changed installment groups), and what the store then knows.
     */
    private record Prepared(
            Map<String, AttributeValue> state,
            List<Map<String, AttributeValue>> before,
            List<Map<String, AttributeValue>> with,
            KnownVersions.Known next) {}

    private Prepared prepare(Checkout c, KnownVersions.Known before, List<CheckoutEvent> added) {
        List<Map<String, AttributeValue>> first = new ArrayList<>();
        List<Map<String, AttributeValue>> with = new ArrayList<>();
        List<CheckoutEvent> window = new ArrayList<>(before.events());
        window.addAll(added);
        if (window.size() > WINDOW) {
            List<CheckoutEvent> spilled = window.subList(0, window.size() - KEEP);
            first.add(items.events(c.id(), List.copyOf(spilled)));
            spilled.clear();
        }
        PlanParts.Split split = PlanParts.split(StoredCheckoutForm.tree(c));
        Map<Integer, String> apart = new TreeMap<>();
        long expiry = split.apart().isEmpty() ? 0 : items.apartExpiry(c);
        // A later TTL (the checkout ended after its schedule) is written to every group; otherwise the old one stays.
        long ttl = Math.max(expiry, before.apartExpiresAtEpoch());
        split.apart().forEach((n, group) -> {
            String hash = PlanParts.hash(group);
            apart.put(n, hash);
            if (hash.equals(before.apart().get(n)) && before.apartExpiresAtEpoch() >= expiry) return;
            with.add(items.apart(c.id(), n, ttl, group));
        });
        Instant statusAt = c.status() == before.status() ? before.statusAt() : c.updatedAt();
        StateBody body = new StateBody(
                CheckoutItems.withoutItemFields(split.state()), window, new TreeSet<>(apart.keySet()), ttl);
        var next = new KnownVersions.Known(c.version(), c.status(), statusAt, window, apart, ttl);
        return new Prepared(items.state(c, body, statusAt, before.version()), first, with, next);
    }

    /**
     * Writes items unconditionally, each idempotent by its key: one PutItem each, not BatchWriteItem, because
     * that action also deletes and no function's role may delete (FunctionPoliciesTest). They are few: one
     * spilled-events item now and then, and a new plan's untouched installments once.
     */
    private void writeAll(List<Map<String, AttributeValue>> all) {
        for (Map<String, AttributeValue> item : all)
            ddb.putItem(b -> b.tableName(table).item(item));
    }

    /** The {@code EVENT#} items and the state item's window, each version once (a spill may have been repeated). */
    @Override
    public List<CheckoutEvent> history(String checkoutId) {
        Map<Long, CheckoutEvent> byVersion = new TreeMap<>();
        // The state item first: an event leaves its window only after being written as an item, so whatever
        // a concurrent write spills after this read is found by the query that follows.
        var state = ddb.getItem(b ->
                        b.tableName(table).key(key(pk(checkoutId), "STATE")).consistentRead(true))
                .item();
        if (state != null && CheckoutItems.compressed(state))
            CheckoutItems.body(checkoutId, state).events().forEach(e -> byVersion.put(e.version(), e));
        QueryRequest q = QueryRequest.builder()
                .tableName(table)
                .consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s(pk(checkoutId)), ":prefix", s("EVENT#")))
                .build();
        for (var item : ddb.queryPaginator(q).items())
            CheckoutItems.events(checkoutId, item).forEach(e -> byVersion.putIfAbsent(e.version(), e));
        return List.copyOf(byVersion.values());
    }

    /** See {@link CheckoutIndexes#byCustomer}. */
    @Override
    public SummaryPage byCustomer(String customerWallet, int limit, Position after) {
        return indexes.byCustomer(customerWallet, limit, after);
    }

    /** See {@link CheckoutIndexes#duePage}. */
    @Override
    public DuePage duePage(Instant until, int limit, String after) {
        return indexes.duePage(until, limit, after);
    }

    private TransactWriteItem put(
            Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values) {
        Put.Builder p = Put.builder().tableName(table).item(item);
        if (condition != null) p.conditionExpression(condition);
        if (values != null) p.expressionAttributeValues(values);
        return TransactWriteItem.builder().put(p.build()).build();
    }

    private static AttributeValue s(String v) {
        return CheckoutItems.s(v);
    }

    private static AttributeValue n(long v) {
        return CheckoutItems.n(v);
    }

    private static String pk(String checkoutId) {
        return CheckoutItems.pk(checkoutId);
    }

    static String bucket(int b) {
        return "due#" + b;
    }

    static String bucketOf(String checkoutId) {
        return bucket(Math.floorMod(checkoutId.hashCode(), DUE_BUCKETS));
    }
}

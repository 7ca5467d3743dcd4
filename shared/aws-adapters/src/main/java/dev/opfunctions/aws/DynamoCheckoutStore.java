package dev.opfunctions.aws;

import dev.opfunctions.checkout.model.Change;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutEvent;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.CheckoutSummary;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.checkout.port.CheckoutStore.UnreadableCheckoutException;
import dev.opfunctions.client.model.Amount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link CheckoutStore} on the payments table. Item layout (one partition per checkout):
 * <pre>
 * pk=CHECKOUT#{id}  sk=STATE               version, status, orderId, customerWallet, createdAt, updatedAt, amount, doc (JSON), expiresAtEpoch (when finished)
 * pk=CHECKOUT#{id}  sk=EVENT#{version:10}  type, status, at, detail, expiresAtEpoch
 * pk=ORDER#{orderId} sk=ORDER              checkoutId, requestHash, createdAt, expiresAtEpoch
 * </pre>
 * An installment plan's state item also carries {@code dueBucket}/{@code dueAt} (DueIndex) while it
 * has something pending: {@code dueAt} is its wake-up time in a fixed-width UTC form (millisecond
 * precision, so strings sort as instants), {@code dueBucket} one of {@link #DUE_BUCKETS} shards
 * chosen by checkout id so no single index partition takes every plan. Finished plans drop both.
 * The state item and its event commit in one TransactWriteItems: the state put is conditional on
 * the expected version, the event put on not existing. A new checkout additionally claims its order
 * item with {@code attribute_not_exists}. {@code customerWallet}/{@code createdAt} feed CustomerIndex.
 *
 * <p>The document is the checkout in its versioned stored form ({@link StoredCheckoutForm}): a document
 * this code cannot map completely is refused with {@link UnreadableCheckoutException}, never read in part.
 *
 * <p>Neither index projects the document (it holds the access tokens): DueIndex is KEYS_ONLY, as the
 * sweep needs only the checkout ids and re-reads each checkout anyway (the index is eventually
 * consistent), and CustomerIndex includes only {@link #SUMMARY_ATTRIBUTES}, the history route's columns.
 */
public final class DynamoCheckoutStore implements CheckoutStore {

    /** Events and order claims outlive a checkout's retention by this much, so history never disappears first. */
    static final Duration HISTORY_GRACE = Duration.ofDays(7);

    /**
     * The state item's attributes CustomerIndex projects besides the keys (template.yaml's
     * NonKeyAttributes; a test holds the two equal): what a history row shows, and no token.
     */
    public static final List<String> SUMMARY_ATTRIBUTES = List.of("orderId", "status", "updatedAt", "amount");

    /** DueIndex partitions; a scheduled run queries each. */
    static final int DUE_BUCKETS = 4;

    private static final java.time.format.DateTimeFormatter DUE_AT = java.time.format.DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private final DynamoDbClient ddb;
    private final String table;
    private final Duration retention;

    public DynamoCheckoutStore(DynamoDbClient ddb, String table, Duration retention) {
        this.ddb = ddb;
        this.table = table;
        this.retention = retention;
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
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
        var item = ddb.getItem(b -> b.tableName(table)
                        .key(key("CHECKOUT#" + checkoutId, "STATE"))
                        .consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) return Optional.empty();
        AttributeValue doc = item.get("doc");
        if (doc == null || doc.s() == null)
            throw new UnreadableCheckoutException(checkoutId, "its state item has no document", null);
        return Optional.of(StoredCheckoutForm.read(checkoutId, doc.s()));
    }

    @Override
    public void create(Checkout c, List<CheckoutEvent> events) {
        long historyTtl = c.createdAt().plus(retention).plus(HISTORY_GRACE).getEpochSecond();
        Map<String, AttributeValue> order = new HashMap<>(key("ORDER#" + c.orderId(), "ORDER"));
        order.put("checkoutId", s(c.id()));
        order.put("requestHash", s(c.requestHash()));
        order.put("createdAt", s(c.createdAt().toString()));
        order.put("expiresAtEpoch", n(historyTtl));
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(put(order, "attribute_not_exists(pk)", null));
        items.add(put(stateItem(c), "attribute_not_exists(pk)", null));
        for (CheckoutEvent e : events) items.add(put(eventItem(e), "attribute_not_exists(pk)", null));
        try {
            ddb.transactWriteItems(b -> b.transactItems(items));
        } catch (TransactionCanceledException e) {
            if (failedCondition(e, 0)) throw new OrderAlreadyClaimedException(c.orderId());
            throw e;
        }
    }

    @Override
    public void update(Change change) {
        Checkout next = change.next();
        Map<String, AttributeValue> expected = Map.of(":expected", n(change.expectedVersion()));
        try {
            ddb.transactWriteItems(b -> b.transactItems(
                    put(stateItem(next), "version = :expected", expected),
                    put(eventItem(change.event()), "attribute_not_exists(pk)", null)));
        } catch (TransactionCanceledException e) {
            // A failed version check, or another transaction on the same item at the same moment: both are a race.
            if (isRace(e)) throw new ConcurrentUpdateException(next.id(), change.expectedVersion());
            throw e;
        }
    }

    @Override
    public List<CheckoutEvent> history(String checkoutId) {
        List<CheckoutEvent> out = new ArrayList<>();
        QueryRequest q = QueryRequest.builder()
                .tableName(table)
                .consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s("CHECKOUT#" + checkoutId), ":prefix", s("EVENT#")))
                .build();
        for (var item : ddb.queryPaginator(q).items()) {
            out.add(new CheckoutEvent(
                    checkoutId,
                    Long.parseLong(item.get("version").n()),
                    Instant.parse(item.get("at").s()),
                    item.get("type").s(),
                    CheckoutStatus.valueOf(item.get("status").s()),
                    item.containsKey("detail") ? item.get("detail").s() : ""));
        }
        return out;
    }

    /**
     * Reads CustomerIndex only: it projects the summary attributes ({@link #SUMMARY_ATTRIBUTES}), never
     * the document, so a history page costs one query and copies no token out of the state item. Pages
     * with {@code ExclusiveStartKey} rebuilt from {@code after}; one item more than asked tells whether
     * another page exists, so a listing never ends in an empty page. A query cut short by DynamoDB's 1 MB
     * limit continues from its {@code LastEvaluatedKey}.
     */
    @Override
    public SummaryPage byCustomer(String customerWallet, int limit, Position after) {
        QueryRequest.Builder q = QueryRequest.builder()
                .tableName(table)
                .indexName("CustomerIndex")
                .scanIndexForward(false)
                .limit(limit + 1)
                .keyConditionExpression("customerWallet = :w")
                .expressionAttributeValues(Map.of(":w", s(customerWallet)));
        if (after != null) q.exclusiveStartKey(CustomerIndexKeys.of(customerWallet, after));
        QueryResponse r = ddb.query(q.build());
        List<Map<String, AttributeValue>> items = r.items();
        Position next = null;
        if (items.size() > limit) {
            items = items.subList(0, limit);
            next = CustomerIndexKeys.position(items.get(limit - 1), customerWallet);
        } else if (r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty()) {
            next = CustomerIndexKeys.position(r.lastEvaluatedKey(), customerWallet);
        }
        return new SummaryPage(items.stream().map(DynamoCheckoutStore::summary).toList(), next);
    }

    private static CheckoutSummary summary(Map<String, AttributeValue> i) {
        AttributeValue amount = i.get("amount");
        return new CheckoutSummary(
                i.get("pk").s().substring("CHECKOUT#".length()),
                i.get("orderId").s(),
                CheckoutStatus.valueOf(i.get("status").s()),
                i.get("customerWallet").s(),
                amount == null
                        ? null
                        : Amount.parse(
                                amount.m().get("value").s(),
                                amount.m().get("assetCode").s(),
                                Integer.parseInt(amount.m().get("assetScale").n())),
                Instant.parse(i.get("createdAt").s()),
                Instant.parse(i.get("updatedAt").s()));
    }

    /**
     * Queries each bucket from its own position (the last entry of it a page returned), merges the buckets
     * by due time and returns the earliest {@code limit}: entries read but not returned are read again
     * by the next page, so the walk is in due-time order across buckets.
     */
    @Override
    public DuePage duePage(Instant until, int limit, String after) {
        DuePosition from = DuePosition.decode(after, DUE_BUCKETS);
        List<DuePosition.Entry> read = new ArrayList<>();
        boolean[] moreInIndex = new boolean[DUE_BUCKETS];
        for (int b = 0; b < DUE_BUCKETS; b++) {
            if (from.finished(b)) continue;
            QueryRequest.Builder q = QueryRequest.builder()
                    .tableName(table)
                    .indexName("DueIndex")
                    .keyConditionExpression("dueBucket = :b AND dueAt <= :until")
                    .expressionAttributeValues(Map.of(":b", s(bucket(b)), ":until", s(DUE_AT.format(until))))
                    .projectionExpression("pk, dueAt")
                    .limit(limit);
            DuePosition.Entry last = from.last(b);
            if (last != null)
                q.exclusiveStartKey(Map.of(
                        "dueBucket", s(bucket(b)), "dueAt", s(last.dueAt()), "pk", s(last.pk()), "sk", s("STATE")));
            var answer = ddb.query(q.build());
            moreInIndex[b] =
                    answer.hasLastEvaluatedKey() && !answer.lastEvaluatedKey().isEmpty();
            for (var item : answer.items())
                read.add(new DuePosition.Entry(
                        b, item.get("dueAt").s(), item.get("pk").s()));
        }
        // Stable: each bucket's entries keep the index's order, so what is taken of a bucket is a prefix of it.
        List<DuePosition.Entry> taken = read.stream()
                .sorted(java.util.Comparator.comparing(DuePosition.Entry::dueAt))
                .limit(limit)
                .toList();
        DuePosition next = from.after(taken, read, moreInIndex);
        return new DuePage(
                taken.stream().map(e -> e.pk().substring("CHECKOUT#".length())).toList(),
                next.done() ? null : next.encode());
    }

    static String bucket(int b) {
        return "due#" + b;
    }

    static String bucketOf(String checkoutId) {
        return bucket(Math.floorMod(checkoutId.hashCode(), DUE_BUCKETS));
    }

    private Map<String, AttributeValue> stateItem(Checkout c) {
        Map<String, AttributeValue> item = new HashMap<>(key("CHECKOUT#" + c.id(), "STATE"));
        item.put("version", n(c.version()));
        item.put("status", s(c.status().name()));
        item.put("orderId", s(c.orderId()));
        item.put("customerWallet", s(c.customer().id()));
        item.put("createdAt", s(c.createdAt().toString()));
        item.put("updatedAt", s(c.updatedAt().toString()));
        item.put(
                "amount",
                AttributeValue.fromM(Map.of(
                        "value", s(c.amount().value().toString()),
                        "assetCode", s(c.amount().assetCode()),
                        "assetScale", n(c.amount().assetScale()))));
        item.put("doc", s(StoredCheckoutForm.write(c)));
        if (c.expiresAtEpoch() != null) item.put("expiresAtEpoch", n(c.expiresAtEpoch()));
        c.wakeAt().ifPresent(at -> {
            item.put("dueBucket", s(bucketOf(c.id())));
            item.put("dueAt", s(DUE_AT.format(at)));
        });
        return item;
    }

    private Map<String, AttributeValue> eventItem(CheckoutEvent e) {
        Map<String, AttributeValue> item =
                new HashMap<>(key("CHECKOUT#" + e.checkoutId(), "EVENT#" + String.format("%010d", e.version())));
        item.put("version", n(e.version()));
        item.put("type", s(e.type()));
        item.put("status", s(e.status().name()));
        item.put("at", s(e.at().toString()));
        if (e.detail() != null && !e.detail().isEmpty()) item.put("detail", s(e.detail()));
        item.put("expiresAtEpoch", n(e.at().plus(retention).plus(HISTORY_GRACE).getEpochSecond()));
        return item;
    }

    private TransactWriteItem put(
            Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values) {
        Put.Builder p = Put.builder().tableName(table).item(item).conditionExpression(condition);
        if (values != null) p.expressionAttributeValues(values);
        return TransactWriteItem.builder().put(p.build()).build();
    }

    /** An update lost to another writer: its version check failed, or DynamoDB cancelled it for a concurrent transaction on the item. */
    static boolean isRace(TransactionCanceledException e) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return failedCondition(e, 0)
                || failedCondition(e, 1)
                || (reasons != null && reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code())));
    }

    private static boolean failedCondition(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons != null
                && reasons.size() > index
                && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }
}

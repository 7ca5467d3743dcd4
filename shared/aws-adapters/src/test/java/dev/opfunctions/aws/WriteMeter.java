package dev.opfunctions.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Counts the write units DynamoDB bills for what a client sends, by its documented rules: a put costs one unit
 * per started kilobyte of the item ({@link ItemSize}), twice inside TransactWriteItems; a failed conditional put
 * is billed too. Index writes are modelled from the items it saw written before (a shadow of the table): an
 * index entry is written when its key appears (1), disappears (1) or changes (2, delete and put), or when a
 * projected attribute changes (1); an entry's size is its table and index keys, its projected attributes and
 * 100 bytes. Index writes of a transaction are counted twice as well, to be safe.
 */
final class WriteMeter implements ExecutionInterceptor {

    /** One index as template.yaml defines it: its key attributes and the non-key attributes it projects. */
    record Index(String name, List<String> keys, List<String> projected) {}

    static final List<Index> INDEXES = List.of(
            new Index("DueIndex", List.of("dueBucket", "dueAt"), List.of()),
            new Index("CustomerIndex", List.of("customerWallet", "createdAt"), DynamoCheckoutStore.SUMMARY_ATTRIBUTES));

    private final Map<String, Map<String, AttributeValue>> shadow = new HashMap<>();
    private final List<String> log = new ArrayList<>();
    private long table;
    private long indexes;

    synchronized long tableUnits() {
        return table;
    }

    synchronized long indexUnits() {
        return indexes;
    }

    synchronized long total() {
        return table + indexes;
    }

    /** One line per request since the last {@link #reset()}: operation, table units, index units. */
    synchronized List<String> log() {
        return List.copyOf(log);
    }

    synchronized void reset() {
        table = 0;
        indexes = 0;
        log.clear();
    }

    @Override
    public synchronized void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        var request = context.request();
        if (request instanceof PutItemRequest p) {
            count("PutItem " + ItemSize.of(p.item()) + " B", units(p.item()), indexWrites(p.item()));
        } else if (request instanceof TransactWriteItemsRequest t) {
            long units = 0, index = 0;
            for (var item : t.transactItems()) {
                if (item.put() == null) continue;
                units += 2 * units(item.put().item());
                index += 2 * indexWrites(item.put().item());
            }
            count("TransactWriteItems", units, index);
        } else if (request instanceof BatchWriteItemRequest b) {
            var unprocessed = ((BatchWriteItemResponse) context.response()).unprocessedItems();
            long units = 0, index = 0;
            for (var e : b.requestItems().entrySet()) {
                List<WriteRequest> left = unprocessed.getOrDefault(e.getKey(), List.of());
                for (WriteRequest w : e.getValue()) {
                    if (w.putRequest() == null || left.contains(w)) continue;
                    units += units(w.putRequest().item());
                    index += indexWrites(w.putRequest().item());
                }
            }
            count("BatchWriteItem", units, index);
        }
    }

    /** A put refused by its condition still consumes the item's write units. */
    @Override
    public synchronized void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof PutItemRequest p) count("PutItem (refused)", units(p.item()), 0);
    }

    private void count(String operation, long units, long index) {
        table += units;
        indexes += index;
        log.add(operation + ": " + units + " table + " + index + " index");
    }

    static long units(Map<String, AttributeValue> item) {
        return Math.max(1, (ItemSize.of(item) + 1023) / 1024);
    }

    /** The index writes of putting {@code item} over what the shadow holds under its key; then holds it. */
    private long indexWrites(Map<String, AttributeValue> item) {
        var before = shadow.put(item.get("pk").s() + "|" + item.get("sk").s(), item);
        long writes = 0;
        for (Index index : INDEXES) {
            boolean had = before != null && hasKeys(before, index);
            boolean has = hasKeys(item, index);
            long entry = has ? entryUnits(item, index) : 0;
            if (had && has) {
                if (!same(before, item, index.keys())) writes += 1 + entry;
                else if (!same(before, item, index.projected())) writes += entry;
            } else if (had) writes += 1;
            else if (has) writes += entry;
        }
        return writes;
    }

    private static boolean hasKeys(Map<String, AttributeValue> item, Index index) {
        return index.keys().stream().allMatch(item::containsKey);
    }

    private static boolean same(Map<String, AttributeValue> a, Map<String, AttributeValue> b, List<String> names) {
        return names.stream().allMatch(n -> Objects.equals(a.get(n), b.get(n)));
    }

    private static long entryUnits(Map<String, AttributeValue> item, Index index) {
        Map<String, AttributeValue> entry = new HashMap<>();
        for (String n : List.of("pk", "sk")) entry.put(n, item.get(n));
        for (String n : index.keys()) entry.put(n, item.get(n));
        for (String n : index.projected()) if (item.containsKey(n)) entry.put(n, item.get(n));
        return (ItemSize.of(entry) + 100 + 1023) / 1024;
    }
}

package dev.opfunctions.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the DynamoDB capacity the functions consume, from the requests and answers passing through
 * a {@link MeteringProxy} in front of moto, by DynamoDB's documented rules ({@link ItemSize},
 * {@link TableShape}). A write is charged by the larger of the item before and after it, so the meter
 * keeps the latest image of every item written through it; images it has not seen, and an update's
 * result, are read from moto by the proxy itself (not counted). Writes to one item are serialized
 * here so each sees the image the previous one left.
 */
final class DynamoMeter implements MeteringProxy.Handler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "DynamoDB_20120810.";

    /** Capacity consumed so far. */
    record Usage(double readUnits, long writeUnits, long indexWriteUnits, long requests, long failedWrites) {
        Usage minus(Usage o) {
            return new Usage(
                    readUnits - o.readUnits,
                    writeUnits - o.writeUnits,
                    indexWriteUnits - o.indexWriteUnits,
                    requests - o.requests,
                    failedWrites - o.failedWrites);
        }
    }

    private enum Kind {
        PUT,
        UPDATE,
        DELETE,
        CHECK
    }

    private record Write(String table, ObjectNode key, Kind kind, JsonNode item) {}

    private final Map<String, TableShape> shapes = new ConcurrentHashMap<>();
    /** Latest image per item ({@link NullNode} when known absent). */
    private final Map<String, JsonNode> images = new ConcurrentHashMap<>();

    private final ReentrantLock[] stripes = new ReentrantLock[256];
    private final DoubleAdder readUnits = new DoubleAdder();
    private final LongAdder writeUnits = new LongAdder();
    private final LongAdder indexWriteUnits = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder failedWrites = new LongAdder();

    DynamoMeter() {
        for (int i = 0; i < stripes.length; i++) stripes[i] = new ReentrantLock();
    }

    Usage usage() {
        return new Usage(readUnits.sum(), writeUnits.sum(), indexWriteUnits.sum(), requests.sum(), failedWrites.sum());
    }

    @Override
    public MeteringProxy.Reply handle(String target, byte[] body, MeteringProxy.Upstream upstream)
            throws IOException, InterruptedException {
        String op = target.startsWith(API) ? target.substring(API.length()) : target;
        JsonNode request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        List<Write> writes = new ArrayList<>();
        switch (op) {
            case "PutItem", "UpdateItem", "DeleteItem" -> writes.add(write(op, request, upstream));
            case "TransactWriteItems" -> {
                for (JsonNode item : request.path("TransactItems")) {
                    String kind = item.fieldNames().next(); // Put, Update, Delete or ConditionCheck
                    writes.add(write(kind + "Item", item.get(kind), upstream));
                }
            }
            case "BatchWriteItem" ->
                request.path("RequestItems").fields().forEachRemaining(t -> {
                    for (JsonNode r : t.getValue()) {
                        ObjectNode w = JSON.createObjectNode().put("TableName", t.getKey());
                        if (r.has("PutRequest"))
                            w.set("Item", r.get("PutRequest").get("Item"));
                        else w.set("Key", r.get("DeleteRequest").get("Key"));
                        writes.add(uncheckedWrite(r.has("PutRequest") ? "PutItem" : "DeleteItem", w, upstream));
                    }
                });
            case "GetItem", "BatchGetItem", "TransactGetItems", "Query", "Scan" -> {
                requests.increment();
                MeteringProxy.Reply reply = upstream.forward();
                if (reply.ok())
                    readUnits.add(DynamoReads.units(op, request, JSON.readTree(reply.body()), this, upstream));
                return reply;
            }
            default -> {
                return upstream.forward(); // the control plane (DescribeTable, ...) is not billed per request
            }
        }
        requests.increment();
        return applyWrites(writes, op.equals("TransactWriteItems"), upstream);
    }

    private Write uncheckedWrite(String op, JsonNode request, MeteringProxy.Upstream upstream) {
        try {
            return write(op, request, upstream);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private Write write(String op, JsonNode request, MeteringProxy.Upstream upstream)
            throws IOException, InterruptedException {
        String table = request.path("TableName").asText();
        TableShape shape = shape(table, upstream);
        return switch (op) {
            case "PutItem" -> new Write(table, shape.keyOf(request.get("Item")), Kind.PUT, request.get("Item"));
            case "UpdateItem" -> new Write(table, shape.keyOf(request.get("Key")), Kind.UPDATE, null);
            case "DeleteItem" -> new Write(table, shape.keyOf(request.get("Key")), Kind.DELETE, null);
            default -> new Write(table, shape.keyOf(request.get("Key")), Kind.CHECK, null);
        };
    }

    private MeteringProxy.Reply applyWrites(List<Write> writes, boolean transactional, MeteringProxy.Upstream upstream)
            throws IOException, InterruptedException {
        TreeSet<Integer> held = new TreeSet<>();
        writes.forEach(w -> held.add(Math.floorMod(cacheKey(w.table(), w.key()).hashCode(), stripes.length)));
        held.forEach(i -> stripes[i].lock());
        try {
            List<JsonNode> before = new ArrayList<>();
            for (Write w : writes) before.add(image(w.table(), w.key(), upstream));
            MeteringProxy.Reply reply = upstream.forward();
            String error =
                    reply.ok() ? "" : JSON.readTree(reply.body()).path("__type").asText();
            boolean charged = reply.ok()
                    || error.endsWith("ConditionalCheckFailedException")
                    || error.endsWith("TransactionCanceledException");
            if (!reply.ok()) {
                if (charged) failedWrites.increment();
                // A failed condition still costs the write; a cancelled transaction, its prepare phase (once).
                for (int i = 0; charged && i < writes.size(); i++) {
                    writeUnits.add(units(before.get(i), writes.get(i).item()));
                }
                return reply;
            }
            for (int i = 0; i < writes.size(); i++) {
                Write w = writes.get(i);
                JsonNode old = before.get(i);
                JsonNode now = switch (w.kind()) {
                    case PUT -> w.item();
                    case DELETE -> null;
                    case CHECK -> old;
                    case UPDATE -> fetch(w.table(), w.key(), upstream);
                };
                // Transactions write every item twice (prepare and commit); index upkeep happens once.
                writeUnits.add((transactional ? 2 : 1) * units(old, now));
                if (w.kind() != Kind.CHECK)
                    indexWriteUnits.add(shape(w.table(), upstream).indexWriteUnits(old, now));
                images.put(cacheKey(w.table(), w.key()), now == null ? NullNode.getInstance() : now);
            }
            return reply;
        } finally {
            held.descendingSet().forEach(i -> stripes[i].unlock());
        }
    }

    private static long units(JsonNode before, JsonNode after) {
        return ItemSize.writeUnits(Math.max(ItemSize.of(before), ItemSize.of(after)));
    }

    /** The item's latest image (null when absent): remembered, or read from moto. */
    JsonNode image(String table, JsonNode key, MeteringProxy.Upstream upstream)
            throws IOException, InterruptedException {
        JsonNode known = images.get(cacheKey(table, key));
        if (known != null) return known.isNull() ? null : known;
        JsonNode item = fetch(table, key, upstream);
        images.putIfAbsent(cacheKey(table, key), item == null ? NullNode.getInstance() : item);
        return item;
    }

    private JsonNode fetch(String table, JsonNode key, MeteringProxy.Upstream upstream)
            throws IOException, InterruptedException {
        ObjectNode get = JSON.createObjectNode().put("TableName", table).put("ConsistentRead", true);
        get.set("Key", key);
        MeteringProxy.Reply r = upstream.call(API + "GetItem", JSON.writeValueAsBytes(get));
        if (!r.ok()) throw new IOException("reading an item back from moto failed: " + new String(r.body()));
        JsonNode item = JSON.readTree(r.body()).get("Item");
        return item == null || item.isNull() ? null : item;
    }

    TableShape shape(String table, MeteringProxy.Upstream upstream) throws IOException, InterruptedException {
        TableShape known = shapes.get(table);
        if (known != null) return known;
        MeteringProxy.Reply r = upstream.call(
                API + "DescribeTable",
                JSON.writeValueAsBytes(JSON.createObjectNode().put("TableName", table)));
        if (!r.ok()) throw new IOException("DescribeTable " + table + " failed: " + new String(r.body()));
        TableShape shape = TableShape.fromDescription(JSON.readTree(r.body()).path("Table"));
        shapes.put(table, shape);
        return shape;
    }

    private String cacheKey(String table, JsonNode key) {
        TableShape shape = shapes.get(table);
        StringBuilder b = new StringBuilder(table);
        for (String k : shape.keys()) b.append('\u0000').append(key.get(k));
        return b.toString();
    }
}

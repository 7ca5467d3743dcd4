package dev.opfunctions.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Read request units of one read, by DynamoDB's rules: a read is charged by the size of the whole item
 * (a projection does not make it cheaper), per item for GetItem, BatchGetItem and TransactGetItems
 * (twice for a transaction), and for Query and Scan by the sum of the items evaluated (before any
 * filter), rounded up to 4 KB once. Eventually consistent reads (every index read) cost half.
 */
final class DynamoReads {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("[#:][A-Za-z0-9_]+");
    private static final List<String> NARROWING = List.of(
            "FilterExpression", "ProjectionExpression", "Select", "AttributesToGet", "QueryFilter", "ScanFilter");

    private DynamoReads() {}

    static double units(String op, JsonNode request, JsonNode answer, DynamoMeter meter, MeteringProxy.Upstream up)
            throws IOException, InterruptedException {
        return switch (op) {
            case "GetItem" ->
                ItemSize.readUnits(
                        ItemSize.of(meter.image(request.path("TableName").asText(), key(request, meter, up), up)),
                        request.path("ConsistentRead").asBoolean(false));
            case "BatchGetItem" -> {
                double units = 0;
                for (Iterator<Map.Entry<String, JsonNode>> t =
                                request.path("RequestItems").fields();
                        t.hasNext(); ) {
                    Map.Entry<String, JsonNode> table = t.next();
                    boolean consistent = table.getValue().path("ConsistentRead").asBoolean(false);
                    TableShape shape = meter.shape(table.getKey(), up);
                    for (JsonNode k : table.getValue().path("Keys")) {
                        units += ItemSize.readUnits(
                                ItemSize.of(meter.image(table.getKey(), shape.keyOf(k), up)), consistent);
                    }
                }
                yield units;
            }
            case "TransactGetItems" -> {
                double units = 0;
                for (JsonNode item : request.path("TransactItems")) {
                    JsonNode get = item.path("Get");
                    units += 2
                            * ItemSize.readUnits(
                                    ItemSize.of(
                                            meter.image(get.path("TableName").asText(), key(get, meter, up), up)),
                                    true);
                }
                yield units;
            }
            default -> queryUnits(op, request, answer, meter, up);
        };
    }

    private static JsonNode key(JsonNode request, DynamoMeter meter, MeteringProxy.Upstream up)
            throws IOException, InterruptedException {
        return meter.shape(request.path("TableName").asText(), up).keyOf(request.get("Key"));
    }

    /** Query and Scan: the evaluated items, read again whole when the answer was filtered or projected. */
    private static double queryUnits(
            String op, JsonNode request, JsonNode answer, DynamoMeter meter, MeteringProxy.Upstream up)
            throws IOException, InterruptedException {
        JsonNode evaluated = answer.path("Items");
        if (NARROWING.stream().anyMatch(request::has)) {
            int scanned = answer.path("ScannedCount").asInt(0);
            if (scanned == 0) return ItemSize.readUnits(0, consistent(request));
            ObjectNode again = request.deepCopy();
            NARROWING.forEach(again::remove);
            again.put("Limit", scanned);
            prune(again);
            MeteringProxy.Reply r = up.call("DynamoDB_20120810." + op, JSON.writeValueAsBytes(again));
            if (!r.ok()) throw new IOException(op + " read again without filter failed: " + new String(r.body()));
            evaluated = JSON.readTree(r.body()).path("Items");
        }
        TableShape shape = meter.shape(request.path("TableName").asText(), up);
        long bytes = 0;
        for (JsonNode item : evaluated) {
            // moto may answer an index query with whole items; the index holds only its projection.
            JsonNode entry = request.has("IndexName")
                    ? shape.entry(shape.index(request.get("IndexName").asText()), item)
                    : item;
            bytes += ItemSize.of(entry);
        }
        return ItemSize.readUnits(bytes, consistent(request));
    }

    private static boolean consistent(JsonNode request) {
        return !request.has("IndexName") && request.path("ConsistentRead").asBoolean(false);
    }

    /** Drops expression names and values no remaining expression uses (DynamoDB refuses unused ones). */
    private static void prune(ObjectNode request) {
        StringBuilder used = new StringBuilder();
        for (String field : List.of("KeyConditionExpression", "ConditionExpression")) {
            if (request.has(field)) used.append(' ').append(request.get(field).asText());
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        Matcher m = PLACEHOLDER.matcher(used);
        while (m.find()) names.add(m.group());
        for (String field : List.of("ExpressionAttributeNames", "ExpressionAttributeValues")) {
            if (!(request.get(field) instanceof ObjectNode placeholders)) continue;
            placeholders.retain(names);
            if (placeholders.isEmpty()) request.remove(field);
        }
    }
}

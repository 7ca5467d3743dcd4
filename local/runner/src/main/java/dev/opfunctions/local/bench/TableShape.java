package dev.opfunctions.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A table's primary key and secondary indexes as {@code DescribeTable} gives them, and DynamoDB's
 * rules for what an item write costs in its indexes: an index holds an entry for an item only when
 * the item has all of the index's key attributes (sparse indexes); the entry is the table's key, the
 * index's key and the projected attributes.
 *
 * @param keys the table's key attribute names (hash, then range)
 * @param indexes the global and local secondary indexes
 */
record TableShape(List<String> keys, List<Index> indexes) {

    /**
     * @param projection {@code KEYS_ONLY}, {@code INCLUDE} or {@code ALL}
     * @param nonKeyAttributes what {@code INCLUDE} projects
     */
    record Index(String name, List<String> keys, String projection, Set<String> nonKeyAttributes) {}

    /** From a {@code DescribeTable} answer's {@code Table}. */
    static TableShape fromDescription(JsonNode table) {
        List<Index> indexes = new ArrayList<>();
        for (String kind : List.of("GlobalSecondaryIndexes", "LocalSecondaryIndexes")) {
            for (JsonNode i : table.path(kind)) {
                Set<String> nonKey = new LinkedHashSet<>();
                i.path("Projection").path("NonKeyAttributes").forEach(a -> nonKey.add(a.asText()));
                indexes.add(new Index(
                        i.path("IndexName").asText(),
                        keyNames(i.path("KeySchema")),
                        i.path("Projection").path("ProjectionType").asText("ALL"),
                        nonKey));
            }
        }
        return new TableShape(keyNames(table.path("KeySchema")), List.copyOf(indexes));
    }

    private static List<String> keyNames(JsonNode schema) {
        List<String> names = new ArrayList<>();
        // HASH first: the order DynamoDB documents, whatever order the description lists them in.
        schema.forEach(k -> {
            if (k.path("KeyType").asText().equals("HASH"))
                names.add(0, k.path("AttributeName").asText());
            else names.add(k.path("AttributeName").asText());
        });
        return List.copyOf(names);
    }

    /** The item's primary key as an object of its key attributes. */
    ObjectNode keyOf(JsonNode item) {
        ObjectNode key = JsonNodeFactory.instance.objectNode();
        keys.forEach(k -> key.set(k, item.get(k)));
        return key;
    }

    Index index(String name) {
        return indexes.stream()
                .filter(i -> i.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no index " + name));
    }

    /** The item's entry in the index, or null when the item is absent or lacks an index key attribute. */
    ObjectNode entry(Index index, JsonNode item) {
        if (item == null || index.keys().stream().anyMatch(k -> !item.has(k))) return null;
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> a = it.next();
            boolean projected = keys.contains(a.getKey())
                    || index.keys().contains(a.getKey())
                    || index.projection().equals("ALL")
                    || index.projection().equals("INCLUDE")
                            && index.nonKeyAttributes().contains(a.getKey());
            if (projected) entry.set(a.getKey(), a.getValue());
        }
        return entry;
    }

    /**
     * Write units the indexes consume when an item goes from {@code before} to {@code after} (either may
     * be null): per index, nothing when neither image has an entry or the entry is unchanged; an added or
     * removed entry is one write of its size; a changed index key is a delete and a put; a changed
     * projected attribute is one put of the new entry.
     */
    long indexWriteUnits(JsonNode before, JsonNode after) {
        long units = 0;
        for (Index index : indexes) {
            ObjectNode old = entry(index, before);
            ObjectNode now = entry(index, after);
            if (old == null && now == null) continue;
            if (old == null) {
                units += ItemSize.writeUnits(ItemSize.of(now));
            } else if (now == null) {
                units += ItemSize.writeUnits(ItemSize.of(old));
            } else if (index.keys().stream().anyMatch(k -> !old.get(k).equals(now.get(k)))) {
                units += ItemSize.writeUnits(ItemSize.of(old)) + ItemSize.writeUnits(ItemSize.of(now));
            } else if (!old.equals(now)) {
                units += ItemSize.writeUnits(ItemSize.of(now));
            }
        }
        return units;
    }
}

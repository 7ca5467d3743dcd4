package dev.opfunctions.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * DynamoDB's item size and capacity unit rules as AWS documents them ("Item sizes and formats",
 * "Read/write capacity unit consumption"), over items in the wire format ({@code {"pk":{"S":"…"}}}).
 * The benchmark counts capacity from these sizes rather than trusting the emulator's
 * {@code ConsumedCapacity}, which moto does not compute by DynamoDB's rules.
 */
public final class ItemSize {
    /** A write request unit covers up to 1 KB of item. */
    public static final int WRITE_UNIT_BYTES = 1024;
    /** A strongly consistent read request unit covers up to 4 KB. */
    public static final int READ_UNIT_BYTES = 4096;

    private ItemSize() {}

    /** Bytes of an item: every attribute's name (UTF-8) plus its value. Null (no item) is 0. */
    public static long of(JsonNode item) {
        if (item == null || item.isNull() || item.isMissingNode()) return 0;
        long size = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> attribute = it.next();
            size += utf8(attribute.getKey()) + value(attribute.getValue());
        }
        return size;
    }

    /**
     * Bytes of one attribute value: strings by UTF-8 length, numbers by significant digits, binary
     * by length, booleans and null 1 byte, maps and lists 3 bytes plus 1 byte per element plus the
     * elements (a map's element names count), sets the sum of their elements.
     */
    public static long value(JsonNode av) {
        Map.Entry<String, JsonNode> typed = av.fields().next();
        JsonNode v = typed.getValue();
        return switch (typed.getKey()) {
            case "S" -> utf8(v.asText());
            case "N" -> numberBytes(v.asText());
            case "B" -> Base64.getDecoder().decode(v.asText()).length;
            case "BOOL", "NULL" -> 1;
            case "SS" -> sum(v, e -> utf8(e.asText()));
            case "NS" -> sum(v, e -> numberBytes(e.asText()));
            case "BS" -> sum(v, e -> Base64.getDecoder().decode(e.asText()).length);
            case "L" -> 3 + v.size() + sum(v, ItemSize::value);
            case "M" -> 3 + v.size() + of(v);
            default -> throw new IllegalArgumentException("unknown attribute type " + typed.getKey());
        };
    }

    /** (significant digits / 2, rounded up) + 1: leading and trailing zeros, sign and point do not count. */
    public static long numberBytes(String number) {
        String mantissa = number.toLowerCase(java.util.Locale.ROOT)
                .split("e")[0]
                .replace("-", "")
                .replace("+", "");
        // DynamoDB trims leading and trailing zeros before storing a number.
        String digits = mantissa.replace(".", "").replaceAll("^0+", "").replaceAll("0+$", "");
        int significant = Math.max(1, digits.length());
        return (significant + 1) / 2 + 1;
    }

    /** Write request units of one item write: 1 per KB or part of it, at least 1. */
    public static long writeUnits(long bytes) {
        return Math.max(1, (bytes + WRITE_UNIT_BYTES - 1) / WRITE_UNIT_BYTES);
    }

    /** Read request units of reading {@code bytes}: 1 per 4 KB or part (at least 1), half when eventually consistent. */
    public static double readUnits(long bytes, boolean consistent) {
        long units = Math.max(1, (bytes + READ_UNIT_BYTES - 1) / READ_UNIT_BYTES);
        return consistent ? units : units / 2.0;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static long sum(JsonNode array, java.util.function.ToLongFunction<JsonNode> size) {
        long total = 0;
        for (JsonNode e : array) total += size.applyAsLong(e);
        return total;
    }
}

package dev.opfunctions.aws;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The size DynamoDB counts against its 400 KB item limit, by its documented rules: attribute names and
 * strings in UTF-8 bytes, a number about one byte per two significant digits plus one, booleans and nulls
 * one byte, a map or list three bytes plus one per element plus its contents.
 */
final class ItemSize {

    static final int LIMIT = 400 * 1024;

    private ItemSize() {}

    static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (var e : item.entrySet()) size += utf8(e.getKey()) + of(e.getValue());
        return size;
    }

    private static long of(AttributeValue v) {
        if (v.s() != null) return utf8(v.s());
        if (v.n() != null) return (new BigDecimal(v.n()).stripTrailingZeros().precision() + 1) / 2 + 1;
        if (v.bool() != null || Boolean.TRUE.equals(v.nul())) return 1;
        if (v.hasM()) return 3 + v.m().size() + of(v.m());
        if (v.hasL())
            return 3 + v.l().size() + v.l().stream().mapToLong(ItemSize::of).sum();
        if (v.b() != null) return v.b().asByteArray().length;
        throw new IllegalArgumentException("attribute type not counted: " + v.type());
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}

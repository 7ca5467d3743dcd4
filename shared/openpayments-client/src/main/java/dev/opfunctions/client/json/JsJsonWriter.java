package dev.opfunctions.client.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a Jackson tree the way {@code JSON.stringify} writes the same JS value: no whitespace; object
 * keys in JS property order (array-index keys ascending first, then the rest in insertion order);
 * strings escaped per ECMA-262 QuoteJSONString (\b \f \n \r \t, other controls and lone surrogates as
 * lower-case {@code \}{@code uxxxx}, nothing else escaped); numbers as ECMAScript Number::toString.
 */
final class JsJsonWriter {

    /** How numbers that a JS number cannot hold exactly are treated. */
    enum Numbers {
        /** Refuse them: what we send must survive the server's JSON.parse + JSON.stringify unchanged. */
        EXACT,
        /** Convert through a double, as a JS server's JSON.parse does. */
        AS_JS_PARSES
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final long MAX_ARRAY_INDEX = 4294967294L; // 2^32 - 2

    private final StringBuilder out = new StringBuilder(256);
    private final Numbers numbers;

    private JsJsonWriter(Numbers numbers) {
        this.numbers = numbers;
    }

    static byte[] write(JsonNode node, Numbers numbers) {
        JsJsonWriter writer = new JsJsonWriter(numbers);
        writer.value(node);
        return writer.out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void value(JsonNode node) {
        JsonNodeType type = node.getNodeType();
        switch (type) {
            case OBJECT -> object(node);
            case ARRAY -> array(node);
            case STRING, BINARY -> string(node.asText());
            case NUMBER -> number(node);
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL, MISSING -> out.append("null");
            case POJO -> value(embedded(((POJONode) node).getPojo()));
        }
    }

    /** Values a tree can carry unconverted: raw JSON ({@code @JsonRawValue}) is parsed so it is written the JS way too. */
    private static JsonNode embedded(Object pojo) {
        if (pojo instanceof RawValue raw) {
            return Json.parseTree(String.valueOf(raw.rawValue()).getBytes(StandardCharsets.UTF_8));
        }
        JsonNode tree = Json.mapper().valueToTree(pojo);
        if (tree != null && tree.isPojo()) {
            throw new IllegalArgumentException("cannot write " + pojo.getClass().getSimpleName() + " as JSON");
        }
        return tree == null ? Json.mapper().nullNode() : tree;
    }

    private void object(JsonNode node) {
        out.append('{');
        boolean first = true;
        List<Map.Entry<String, JsonNode>> indexKeys = null;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (arrayIndex(field.getKey()) >= 0) {
                if (indexKeys == null) {
                    indexKeys = new ArrayList<>();
                }
                indexKeys.add(field);
            }
        }
        if (indexKeys != null) {
            indexKeys.sort((a, b) -> Long.compare(arrayIndex(a.getKey()), arrayIndex(b.getKey())));
            for (Map.Entry<String, JsonNode> field : indexKeys) {
                first = member(field, first);
            }
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (indexKeys == null || arrayIndex(field.getKey()) < 0) {
                first = member(field, first);
            }
        }
        out.append('}');
    }

    private boolean member(Map.Entry<String, JsonNode> field, boolean first) {
        if (!first) {
            out.append(',');
        }
        string(field.getKey());
        out.append(':');
        value(field.getValue());
        return false;
    }

    private void array(JsonNode node) {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            value(node.get(i));
        }
        out.append(']');
    }

    private void number(JsonNode node) {
        String text;
        if (node.isInt() || node.isShort()) {
            text = Integer.toString(node.intValue());
        } else if (node.isLong()) {
            long v = node.longValue();
            text = v > -(1L << 53) && v < (1L << 53) ? Long.toString(v) : integral(java.math.BigInteger.valueOf(v));
        } else if (node.isBigInteger()) {
            text = integral(node.bigIntegerValue());
        } else if (node.isFloat()) {
            // A float means the decimal Float.toString shows (0.1f is "0.1"), not its binary expansion.
            text = JsNumbers.format(Double.parseDouble(Float.toString(node.floatValue())));
        } else if (node.isBigDecimal() && numbers == Numbers.EXACT) {
            text = JsNumbers.exact(node.decimalValue());
            if (text == null) {
                throw new IllegalArgumentException(
                        "the number " + node.decimalValue().toPlainString()
                                + " cannot be written exactly as a JS number; send it as a string");
            }
        } else {
            text = JsNumbers.format(node.doubleValue());
        }
        out.append(text == null ? "null" : text);
    }

    private String integral(java.math.BigInteger value) {
        if (numbers == Numbers.AS_JS_PARSES) {
            return JsNumbers.format(value.doubleValue());
        }
        String text = JsNumbers.exact(value);
        if (text == null) {
            throw new IllegalArgumentException(
                    "the integer " + value + " is beyond what a JS number holds exactly; send it as a string");
        }
        return text;
    }

    private void string(String s) {
        out.append('"');
        int n = s.length();
        int runStart = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String escape = null;
            if (c < 0x20 || c == '"' || c == '\\') {
                escape = switch (c) {
                    case '"' -> "\\\"";
                    case '\\' -> "\\\\";
                    case '\b' -> "\\b";
                    case '\f' -> "\\f";
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    default -> unicodeEscape(c);
                };
            } else if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c)
                        ? i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))
                        : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
                if (!paired) {
                    escape = unicodeEscape(c);
                }
            }
            if (escape != null) {
                out.append(s, runStart, i).append(escape);
                runStart = i + 1;
            }
        }
        out.append(s, runStart, n).append('"');
    }

    private static String unicodeEscape(char c) {
        return new String(new char[] {'\\', 'u', HEX[c >> 12], HEX[(c >> 8) & 0xf], HEX[(c >> 4) & 0xf], HEX[c & 0xf]});
    }

    /** The array index a key names in JS (canonical decimal below 2^32 - 1), or -1. */
    static long arrayIndex(String key) {
        int n = key.length();
        if (n == 0 || n > 10 || (n > 1 && key.charAt(0) == '0')) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= MAX_ARRAY_INDEX ? v : -1;
    }
}

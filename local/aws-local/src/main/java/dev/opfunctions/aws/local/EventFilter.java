package dev.opfunctions.aws.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The {@code FilterCriteria} of an event source mapping: Lambda's event filtering, for the part of its
 * pattern syntax the local runner emulates, matched against one record as it appears in the function's
 * event (for a DynamoDB stream, the object {@link DynamoDbEventMapping#toRecord} renders).
 *
 * <p>A pattern is a JSON object. Every field of it must match (AND); an object descends into the
 * record's object at that name; an array lists the values allowed there (OR): a string, number
 * (compared as a number), boolean or null, equal to the record's value of the same JSON type, or
 * {@code {"exists": true|false}}, or {@code {"prefix": "…"}} for strings. A name the record lacks does
 * not match (except {@code "exists": false}); a record array matches when one of its elements does.
 * A record passes when any pattern matches. DynamoDB numbers are strings in the record ({@code "N":
 * "5"}), so they are matched as strings, as on AWS.
 *
 * <p>Every other operator ({@code anything-but}, {@code numeric}, {@code suffix}, {@code wildcard},
 * {@code equals-ignore-case}, {@code $or}, …) is refused when the filter is read, as is a pattern that is
 * not such JSON: silently passing or dropping records would make local runs lie about what the function
 * is given.
 */
public final class EventFilter implements Predicate<JsonNode> {
    /** Lambda's limit on one pattern's length. */
    static final int MAX_PATTERN_LENGTH = 4096;

    private static final ObjectReader JSON =
            new ObjectMapper().readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String EMULATED = "exact values, null, exists and prefix";

    private final List<String> patterns;
    private final List<Condition> compiled;

    private EventFilter(List<String> patterns, List<Condition> compiled) {
        this.patterns = List.copyOf(patterns);
        this.compiled = List.copyOf(compiled);
    }

    /**
     * Reads the {@code Pattern}s of a {@code FilterCriteria}.
     *
     * @param source names the event in messages, e.g. {@code DeliverEventsFunction.PaymentsStream}
     * @param patterns the patterns' JSON text, at least one
     * @throws IllegalArgumentException for a pattern that is not valid, or uses an operator not emulated
     */
    public static EventFilter parse(String source, List<String> patterns) {
        if (patterns.isEmpty()) throw new IllegalArgumentException(source + ": FilterCriteria has no pattern");
        List<Condition> compiled = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            String where = source + ": FilterCriteria pattern " + (i + 1);
            compiled.add(compile(where, patterns.get(i)));
        }
        return new EventFilter(patterns, compiled);
    }

    /** The patterns as written. */
    public List<String> patterns() {
        return patterns;
    }

    /** Whether the record passes: some pattern matches it. */
    @Override
    public boolean test(JsonNode record) {
        return compiled.stream().anyMatch(c -> c.matches(record));
    }

    private static Condition compile(String where, String pattern) {
        if (pattern == null || pattern.isBlank()) throw new IllegalArgumentException(where + " is empty");
        if (pattern.length() > MAX_PATTERN_LENGTH) {
            throw new IllegalArgumentException(
                    where + " is longer than Lambda's " + MAX_PATTERN_LENGTH + " characters");
        }
        JsonNode root;
        try {
            root = JSON.readValue(pattern);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + " is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(where + " must be a JSON object, e.g. {\"eventName\": [\"INSERT\"]}");
        }
        return fields(where, "", root);
    }

    private static Condition fields(String where, String path, JsonNode object) {
        if (object.isEmpty()) {
            throw new IllegalArgumentException(
                    where + " has an empty object" + at(path) + ": name the fields to match there");
        }
        Map<String, Condition> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String name = field.getKey();
            String inner = path.isEmpty() ? name : path + "." + name;
            if (name.startsWith("$")) throw notEmulated(where, name, path);
            JsonNode value = field.getValue();
            if (value.isObject()) fields.put(name, fields(where, inner, value));
            else if (value.isArray()) fields.put(name, values(where, inner, value));
            else {
                throw new IllegalArgumentException(
                        where + at(inner) + " must be an array of allowed values or an object, not " + value);
            }
        }
        return new Fields(fields);
    }

    private static Condition values(String where, String path, JsonNode array) {
        if (array.isEmpty()) throw new IllegalArgumentException(where + at(path) + " allows no value (an empty array)");
        List<Allowed> allowed = new ArrayList<>();
        for (JsonNode value : array) {
            if (value.isValueNode()) allowed.add(new Equal(value));
            else if (value.isObject()) allowed.add(operator(where, path, value));
            else throw new IllegalArgumentException(where + at(path) + " has an array inside the allowed values");
        }
        return new Values(allowed);
    }

    private static Allowed operator(String where, String path, JsonNode object) {
        if (object.size() != 1) {
            throw new IllegalArgumentException(where + at(path) + " has an operator object with " + object.size()
                    + " fields " + object + "; the local runner emulates " + EMULATED);
        }
        Map.Entry<String, JsonNode> op = object.properties().iterator().next();
        JsonNode argument = op.getValue();
        return switch (op.getKey()) {
            case "exists" -> {
                if (!argument.isBoolean()) {
                    throw new IllegalArgumentException(where + at(path) + ": exists takes true or false");
                }
                yield new Exists(argument.booleanValue());
            }
            case "prefix" -> {
                // {"prefix": {"equals-ignore-case": …}} is another operator, not a prefix.
                if (!argument.isTextual()) throw notEmulated(where, "prefix " + argument, path);
                yield new Prefix(argument.textValue());
            }
            default -> throw notEmulated(where, op.getKey(), path);
        };
    }

    private static IllegalArgumentException notEmulated(String where, String operator, String path) {
        return new IllegalArgumentException(where + " uses the operator \"" + operator + "\"" + at(path)
                + ", which the local runner does not emulate (it emulates " + EMULATED
                + " of Lambda event filtering); remove it or match exact values instead");
    }

    private static String at(String path) {
        return path.isEmpty() ? "" : " at " + path;
    }

    /** A compiled pattern or part of it; {@code value} is null when the record has nothing there. */
    private sealed interface Condition {
        boolean matches(JsonNode value);
    }

    /**
     * Every named field matches the record object's field of that name. Where the record has no object
     * the fields are all absent, which {@code "exists": false} below still matches.
     */
    private record Fields(Map<String, Condition> fields) implements Condition {
        @Override
        public boolean matches(JsonNode value) {
            if (value != null && value.isArray() && !value.isEmpty()) {
                for (JsonNode element : value) if (matches(element)) return true;
                return false;
            }
            JsonNode object = value != null && value.isObject() ? value : null;
            return fields.entrySet().stream()
                    .allMatch(f -> f.getValue().matches(object == null ? null : object.get(f.getKey())));
        }
    }

    /** One of the allowed values matches the record's value (or, for an array, one of its elements). */
    private record Values(List<Allowed> allowed) implements Condition {
        @Override
        public boolean matches(JsonNode value) {
            // Only values are matched: an object in the record is not a value, as in Lambda where
            // operators apply to leaves only.
            List<JsonNode> leaves = new ArrayList<>();
            if (value != null && value.isValueNode()) leaves.add(value);
            if (value != null && value.isArray())
                value.forEach(e -> {
                    if (e.isValueNode()) leaves.add(e);
                });
            return allowed.stream().anyMatch(a -> a.matches(leaves));
        }
    }

    private sealed interface Allowed {
        /** @param leaves the record's values at the path: none when absent, several for an array */
        boolean matches(List<JsonNode> leaves);
    }

    private record Equal(JsonNode expected) implements Allowed {
        @Override
        public boolean matches(List<JsonNode> leaves) {
            return leaves.stream().anyMatch(this::equal);
        }

        private boolean equal(JsonNode actual) {
            if (expected.isNumber() && actual.isNumber()) {
                return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
            }
            return expected.equals(actual);
        }
    }

    private record Exists(boolean present) implements Allowed {
        @Override
        public boolean matches(List<JsonNode> leaves) {
            return leaves.isEmpty() != present;
        }
    }

    private record Prefix(String prefix) implements Allowed {
        @Override
        public boolean matches(List<JsonNode> leaves) {
            return leaves.stream().anyMatch(v -> v.isTextual() && v.textValue().startsWith(prefix));
        }
    }
}

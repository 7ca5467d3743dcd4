package dev.opfunctions.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks one query string against the query parameters an operation declares (path level and operation level). */
final class QueryValidator {

    private final OpenApiSpec spec;
    private final Map<String, String> schemaPointers = new LinkedHashMap<>();
    private final Map<String, Boolean> required = new LinkedHashMap<>();

    QueryValidator(OpenApiSpec spec, Operation op) {
        this.spec = spec;
        String pathItem = op.pointer().substring(0, op.pointer().lastIndexOf('/'));
        collect(pathItem + "/parameters");
        collect(op.pointer() + "/parameters");
    }

    private void collect(String listPointer) {
        JsonNode list = spec.document().at(listPointer);
        for (int i = 0; i < list.size(); i++) {
            String param = spec.follow(listPointer + "/" + i);
            JsonNode node = spec.document().at(param);
            if (!"query".equals(node.path("in").asText())) continue;
            String name = node.path("name").asText();
            schemaPointers.put(name, param + "/schema");
            required.put(name, node.path("required").asBoolean(false));
        }
    }

    List<String> validate(String rawQuery) {
        Map<String, List<String>> given = parse(rawQuery);
        List<String> errors = new ArrayList<>();
        for (var e : required.entrySet()) {
            if (e.getValue() && !given.containsKey(e.getKey()))
                errors.add("query." + e.getKey() + ": required query parameter is missing");
        }
        for (var e : given.entrySet()) {
            String name = e.getKey();
            String pointer = schemaPointers.get(name);
            if (pointer == null) {
                errors.add("query." + name + ": undeclared query parameter");
                continue;
            }
            if (e.getValue().size() > 1) {
                errors.add("query." + name + ": given " + e.getValue().size() + " times");
                continue;
            }
            JsonNode value =
                    typed(spec.document().at(spec.follow(pointer)), e.getValue().get(0));
            if (value == null) {
                errors.add("query." + name + ": '" + e.getValue().get(0) + "' is not a "
                        + spec.document().at(spec.follow(pointer)).path("type").asText());
                continue;
            }
            for (String m : spec.validate(pointer, value))
                errors.add("query." + name + m.substring(m.startsWith("$") ? 1 : 0));
        }
        return errors;
    }

    /** Query values are strings; a schema of type integer/number/boolean wants them converted first. */
    private static JsonNode typed(JsonNode schema, String raw) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        try {
            return switch (schema.path("type").asText("string")) {
                case "integer" -> f.numberNode(new java.math.BigInteger(raw));
                case "number" -> f.numberNode(new java.math.BigDecimal(raw));
                case "boolean" ->
                    raw.equals("true") || raw.equals("false") ? f.booleanNode(Boolean.parseBoolean(raw)) : null;
                default -> f.textNode(raw);
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Map<String, List<String>> parse(String rawQuery) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) return out;
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }
}

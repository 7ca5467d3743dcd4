package dev.opfunctions.lambda.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.openapi.OpenApiSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The storefront API's OpenAPI document ({@code openapi.yaml} at the repository root, found through the
 * build's {@code repo.root} property), loaded once per test JVM, with the reads the contract tests share.
 */
public final class StorefrontOpenApi {

    /** The HTTP methods an OpenAPI path item may hold operations under. */
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch");

    private StorefrontOpenApi() {}

    /** The document, parsed and ready to validate (thread-safe, schemas compiled on first use). */
    public static OpenApiSpec spec() {
        return Holder.SPEC;
    }

    public static Path file() {
        return Path.of(System.getProperty("repo.root", "."), "openapi.yaml");
    }

    /** Every operation as a route key the way template.yaml writes it: {@code GET /checkouts/{id}}. */
    public static List<String> routeKeys() {
        List<String> keys = new ArrayList<>();
        spec().document().path("paths").fields().forEachRemaining(path -> {
            for (String method : METHODS)
                if (path.getValue().has(method)) keys.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
        });
        return keys;
    }

    /** The operation object of a route key ({@code GET /checkouts/{id}}). */
    public static JsonNode operation(String routeKey) {
        int space = routeKey.indexOf(' ');
        return spec().document()
                .path("paths")
                .path(routeKey.substring(space + 1))
                .path(routeKey.substring(0, space).toLowerCase(Locale.ROOT));
    }

    /**
     * The error codes each status of each operation may carry: the {@code error.code} enum of a JSON
     * error body, or {@code x-error-codes} of a response that is a page for a person (the finish route's
     * refusals, whose code is logged, not sent). Keyed by status, then code, to the route keys naming it.
     */
    public static Map<Integer, Map<String, TreeSet<String>>> documentedErrorCodes() {
        Map<Integer, Map<String, TreeSet<String>>> out = new TreeMap<>();
        for (String route : routeKeys()) {
            operation(route).path("responses").fields().forEachRemaining(r -> {
                JsonNode response = resolve(r.getValue());
                List<String> codes = new ArrayList<>();
                response.path("x-error-codes").forEach(c -> codes.add(c.asText()));
                JsonNode schema = resolve(response.at("/content/application~1json/schema"));
                for (JsonNode part : schema.path("allOf"))
                    resolve(part).at("/properties/error/properties/code/enum").forEach(c -> codes.add(c.asText()));
                for (String code : codes)
                    out.computeIfAbsent(Integer.parseInt(r.getKey()), s -> new TreeMap<>())
                            .computeIfAbsent(code, c -> new TreeSet<>())
                            .add(route);
            });
        }
        return out;
    }

    /** The values of {@code components/schemas/<name>}'s enum. */
    public static List<String> enumOf(String schemaName) {
        List<String> values = new ArrayList<>();
        spec().document().at("/components/schemas/" + schemaName + "/enum").forEach(v -> values.add(v.asText()));
        return values;
    }

    /** Follows a node's internal {@code $ref} (and the one it names, …) to the node it stands for. */
    public static JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; hops < 16 && current.has("$ref"); hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) throw new IllegalStateException("openapi.yaml: external $ref " + ref);
            current = spec().document().at(ref.substring(1));
        }
        return current;
    }

    /** Loaded on first use: a document that does not parse fails the first test that needs it, naming the file. */
    private static final class Holder {
        static final OpenApiSpec SPEC = OpenApiSpec.load(file());
    }
}

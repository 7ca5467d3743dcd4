package dev.opfunctions.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One OpenAPI 3.1 document (JSON Schema 2020-12 dialect, internal {@code #/} refs only) that can
 * validate request bodies, response bodies and query strings of its operations.
 *
 * <p>Operations are found by matching a concrete path (or full URL, or the template itself) against
 * the spec's path templates by suffix, since servers mount the API under a prefix. Validation
 * methods return an empty list when the input is valid, otherwise one message per problem, each
 * starting with the JSON path of the offending field ({@code $.incomingAmount.value: ...}).
 * Compiled schemas are cached; instances are thread-safe.
 */
public final class OpenApiSpec {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_MEDIA = "application/json";

    private final String title;
    private final JsonNode document;
    private final String documentIri;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final List<PathTemplate> templates;
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    private OpenApiSpec(String name, JsonNode document) {
        this.document = RefSiblings.asUnevaluated(document);
        this.title = document.path("info").path("title").asText(name);
        // A made-up IRI under the reserved .invalid TLD: refs resolve inside the document and nothing is ever fetched.
        this.documentIri = "https://openapi.invalid/" + name.replaceAll("[^A-Za-z0-9._-]", "_") + ".json";
        String documentJson = this.document.toString();
        JsonMetaSchema dialect = JsonMetaSchema.builder(OpenApi31.getInstance())
                .format(new Uint64Format())
                .build();
        this.factory = JsonSchemaFactory.getInstance(
                SpecVersion.VersionFlag.V202012,
                b -> b.metaSchema(dialect)
                        .defaultMetaSchemaIri(dialect.getIri())
                        .schemaLoaders(loaders -> loaders.schemas(Map.of(documentIri, documentJson))));
        this.config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_PATH)
                .build();
        List<PathTemplate> list = new ArrayList<>();
        document.path("paths").fieldNames().forEachRemaining(p -> list.add(PathTemplate.of(p)));
        this.templates = List.copyOf(list);
    }

    /** Reads a YAML (or JSON) OpenAPI document. */
    public static OpenApiSpec load(Path yaml) {
        try {
            return new OpenApiSpec(yaml.getFileName().toString(), YAML.readTree(Files.readAllBytes(yaml)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read OpenAPI spec " + yaml, e);
        }
    }

    /** Wraps an already parsed document; {@code name} only labels it. */
    public static OpenApiSpec of(String name, JsonNode document) {
        return new OpenApiSpec(name, document);
    }

    public String title() {
        return title;
    }

    /** The parsed document (do not modify it). */
    public JsonNode document() {
        return document;
    }

    /**
     * Finds the operation for a method and a path template, concrete path or absolute URL (query
     * string ignored). The most specific matching template that has the method wins.
     */
    public Optional<Operation> findOperation(String method, String pathOrUrl) {
        String verb = method.toLowerCase(Locale.ROOT);
        String path = pathOf(pathOrUrl);
        List<String> concrete = PathTemplate.split(path);
        return templates.stream()
                .filter(t -> t.sameTemplateAs(path) || t.matchesSuffix(concrete))
                .filter(t -> document.path("paths").path(t.template()).has(verb))
                .max(Comparator.comparingInt(
                        (PathTemplate t) -> t.sameTemplateAs(path) ? Integer.MAX_VALUE : t.specificity()))
                .map(t -> {
                    String pointer = "/paths/" + escape(t.template()) + "/" + verb;
                    JsonNode op = document.at(pointer);
                    String id =
                            op.hasNonNull("operationId") ? op.get("operationId").asText() : null;
                    return new Operation(method.toUpperCase(Locale.ROOT), t.template(), id, pointer);
                });
    }

    /**
     * Validates a request body. {@code body} may be {@code null} for "no body", which is an error
     * only when the spec marks the body required. Operations without a declared body accept anything.
     *
     * @throws UnknownOperationException when the spec has no such operation
     */
    public List<String> validateRequest(String method, String pathOrUrl, JsonNode body) {
        Operation op = require(method, pathOrUrl);
        String requestBody = follow(op.pointer() + "/requestBody");
        if (document.at(requestBody).isMissingNode()) return List.of();
        boolean absent = body == null || body.isMissingNode();
        if (absent) {
            return document.at(requestBody).path("required").asBoolean(false)
                    ? List.of("$: request body is required for " + op.method() + " " + op.pathTemplate())
                    : List.of();
        }
        String schema = requestBody + "/content/" + escape(JSON_MEDIA) + "/schema";
        if (document.at(schema).isMissingNode())
            return List.of("$: " + op.method() + " " + op.pathTemplate() + " takes no JSON body");
        return validate(schema, body);
    }

    /**
     * Validates a response body for the given status. A status the spec does not declare is an
     * error; a declared response without JSON content accepts any body.
     *
     * @throws UnknownOperationException when the spec has no such operation
     */
    public List<String> validateResponse(String method, String pathOrUrl, int status, JsonNode body) {
        Operation op = require(method, pathOrUrl);
        JsonNode responses = document.at(op.pointer() + "/responses");
        String key = responseKey(responses, status);
        if (key == null) {
            return List.of("$: status " + status + " is not declared for " + op.method() + " " + op.pathTemplate());
        }
        String response = follow(op.pointer() + "/responses/" + escape(key));
        String schema = response + "/content/" + escape(JSON_MEDIA) + "/schema";
        if (document.at(schema).isMissingNode()) return List.of();
        if (body == null || body.isMissingNode()) {
            return List.of(
                    "$: a JSON body is required for status " + status + " of " + op.method() + " " + op.pathTemplate());
        }
        return validate(schema, body);
    }

    /**
     * Validates the query string of a request against the operation's query parameters: required
     * ones present, none repeated, no undeclared ones, values of the declared types and bounds.
     * {@code rawQuery} is the part after {@code ?} (percent-encoded); when {@code null} it is taken
     * from {@code pathOrUrl}.
     *
     * @throws UnknownOperationException when the spec has no such operation
     */
    public List<String> validateQuery(String method, String pathOrUrl, String rawQuery) {
        Operation op = require(method, pathOrUrl);
        String query = rawQuery;
        if (query == null) {
            int q = pathOrUrl.indexOf('?');
            query = q < 0 ? "" : pathOrUrl.substring(q + 1);
        }
        return new QueryValidator(this, op).validate(query);
    }

    /** Validates any JSON value against the schema at a JSON pointer of this document (e.g. {@code /components/schemas/quote}). */
    public List<String> validateAgainst(String schemaPointer, JsonNode value) {
        if (document.at(schemaPointer).isMissingNode())
            throw new IllegalArgumentException("no schema at " + schemaPointer + " in " + title);
        return validate(schemaPointer, value);
    }

    List<String> validate(String schemaPointer, JsonNode value) {
        JsonSchema schema = compiled.computeIfAbsent(
                schemaPointer, p -> factory.getSchema(SchemaLocation.of(documentIri + "#" + p), config));
        List<String> errors = new ArrayList<>();
        for (ValidationMessage m : schema.validate(value)) errors.add(m.getMessage());
        errors.sort(null);
        return errors;
    }

    /** Resolves a node that is a {@code $ref} (possibly chained) to the pointer of its target. */
    String follow(String pointer) {
        String current = pointer;
        for (int hops = 0; hops < 16; hops++) {
            JsonNode node = document.at(current);
            JsonNode ref = node.get("$ref");
            if (ref == null || !ref.isTextual()) return current;
            String target = ref.asText();
            if (!target.startsWith("#")) throw new IllegalStateException("external $ref not supported: " + target);
            current = target.substring(1);
        }
        throw new IllegalStateException("$ref chain too long at " + pointer);
    }

    private Operation require(String method, String pathOrUrl) {
        return findOperation(method, pathOrUrl)
                .orElseThrow(() -> new UnknownOperationException(title, method, pathOf(pathOrUrl)));
    }

    private static String responseKey(JsonNode responses, int status) {
        String exact = String.valueOf(status);
        if (responses.has(exact)) return exact;
        String range = (status / 100) + "XX";
        if (responses.has(range)) return range;
        return responses.has("default") ? "default" : null;
    }

    static String pathOf(String pathOrUrl) {
        String s = pathOrUrl;
        if (s.startsWith("http://") || s.startsWith("https://")) {
            String raw = URI.create(s).getRawPath();
            s = raw == null || raw.isEmpty() ? "/" : raw;
        }
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q);
    }

    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    static ObjectMapper json() {
        return JSON;
    }
}

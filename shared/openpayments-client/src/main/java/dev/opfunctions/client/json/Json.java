package dev.opfunctions.client.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON configuration of the client. Request bodies are written byte for byte as
 * {@code JSON.stringify} writes the same JS value, because the reference server checks Content-Digest
 * against {@code JSON.stringify} of the parsed body (protocol notes §1.5): compact, keys in JS property
 * order, JS string escaping, JS number text. Unknown response fields are tolerated (the spec allows
 * servers to add them).
 *
 * <p>Null handling follows what a JS client's object would hold. A record component that is {@code null}
 * is an absent optional protocol field and is left out, as a JS object without the property is written
 * (the spec schemas are non-nullable with {@code additionalProperties:false}, so {@code "incomingAmount":null}
 * would be refused). A {@code null} member of a {@link java.util.Map} or a JSON tree is free-form user data
 * (metadata) and is written as {@code null}, as {@code JSON.stringify} writes {@code {"gone":null}}: dropping
 * it would silently change the storefront's data.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // Value NON_NULL: null bean/record properties are omitted. Content ALWAYS: null Map entries are kept.
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    // JSON.parse rejects trailing text; Jackson would silently ignore it.
    private static final ObjectReader STRICT_TREE_READER =
            MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {}

    /** The shared, thread-safe mapper. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Compact UTF-8 JSON bytes, exactly what {@code JSON.stringify} writes for the same tree. Object fields
     * come in Jackson's order (declaration order for records) except that array-index keys such as
     * {@code "1"} move first in ascending order, as JS objects order them.
     *
     * @throws IllegalArgumentException when the value cannot be serialised, or holds a number that a JS
     *     number cannot represent exactly (an integer beyond 2^53 that would change, a long decimal):
     *     the server would re-serialise it differently and reject the signature; send such values as strings
     */
    public static byte[] stringify(Object value) {
        JsonNode tree;
        try {
            tree = MAPPER.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "cannot serialise "
                            + (value == null ? "null" : value.getClass().getSimpleName()) + ": " + e.getMessage(),
                    e);
        }
        return JsJsonWriter.write(tree == null ? MAPPER.nullNode() : tree, JsJsonWriter.Numbers.EXACT);
    }

    /**
     * What Rafiki's {@code JSON.stringify(ctx.request.body)} produces for a body that was parsed into
     * {@code tree}: numbers go through a double as JS parsing does, so large integers lose precision the
     * same way. Use on trees from {@link #parseTree(byte[])}.
     */
    public static byte[] stringifyTree(JsonNode tree) {
        return JsJsonWriter.write(tree, JsJsonWriter.Numbers.AS_JS_PARSES);
    }

    /**
     * {@code JSON.stringify(JSON.parse(body))}: the bytes a JS server hashes when checking Content-Digest.
     *
     * @throws IllegalArgumentException when {@code body} is not one JSON value
     */
    public static byte[] reserialise(byte[] body) {
        return stringifyTree(parseTree(body));
    }

    /**
     * Parses one JSON value strictly (trailing text is an error, as in {@code JSON.parse}).
     *
     * @throws IllegalArgumentException when {@code body} is not one JSON value
     */
    public static JsonNode parseTree(byte[] body) {
        try {
            JsonNode tree = STRICT_TREE_READER.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw new IllegalArgumentException("not JSON: the body is empty");
            }
            return tree;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses bytes into {@code type}; malformed JSON is an {@link UncheckedIOException}. */
    public static <T> T parse(byte[] body, Class<T> type) {
        try {
            return MAPPER.readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

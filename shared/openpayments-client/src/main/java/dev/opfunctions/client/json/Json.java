package dev.opfunctions.client.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON configuration of the client. Request bodies are written compactly in declaration
 * order with absent fields left out, the way {@code JSON.stringify} writes a JS object, because the
 * reference server checks Content-Digest against {@code JSON.stringify} of the parsed body. Unknown
 * response fields are tolerated (the spec allows servers to add them).
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private Json() {}

    /** The shared, thread-safe mapper. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Compact UTF-8 JSON bytes, as {@code JSON.stringify} would produce for the same value. */
    public static byte[] stringify(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
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

package dev.opfunctions.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.json.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One received HTTP request, as the sandbox's handlers see it.
 *
 * @param method    upper-case method
 * @param targetUri the absolute URL as received (scheme, Host header, raw path and query): what
 *                  a client signs as {@code @target-uri}
 * @param path      the decoded path, no query
 * @param rawQuery  the query string as received, or {@code null}
 * @param headers   header values keyed by lower-case name
 * @param body      the body bytes (empty when none)
 */
public record HttpCall(
        String method, String targetUri, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {

    /** The first value of a header (name in any case). */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Headers as a flat map (first value each), lower-case names. */
    public Map<String, String> flatHeaders() {
        Map<String, String> flat = new LinkedHashMap<>();
        headers.forEach((k, v) -> {
            if (!v.isEmpty()) flat.put(k, v.get(0));
        });
        return flat;
    }

    public boolean hasBody() {
        return body.length > 0;
    }

    /**
     * The body parsed as JSON, or empty when there is none. Malformed JSON is a
     * {@link MalformedBodyException}.
     */
    public Optional<JsonNode> json() {
        if (!hasBody()) return Optional.empty();
        try {
            return Optional.of(Json.mapper().readTree(body));
        } catch (IOException e) {
            throw new MalformedBodyException();
        }
    }

    /** Decoded query parameters (first value each). */
    public Map<String, String> query() {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) return params;
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(key, value);
        }
        return params;
    }

    /** Form fields of an {@code application/x-www-form-urlencoded} body. */
    public Map<String, String> form() {
        return new HttpCall(method, targetUri, path, new String(body, StandardCharsets.UTF_8), headers, new byte[0])
                .query();
    }

    /** The body was not JSON. */
    public static final class MalformedBodyException extends RuntimeException {
        public MalformedBodyException() {
            super("request body is not valid JSON");
        }
    }
}

package dev.opfunctions.local;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request as the local gateway received it, before it becomes an API Gateway event.
 *
 * @param method the request method, e.g. {@code POST}
 * @param rawPath the path exactly as sent (still percent-encoded)
 * @param rawQuery the query string without {@code ?} (empty when there is none)
 * @param headers header lines in arrival order; names keep the client's case
 * @param body the request body (empty when there is none)
 * @param sourceIp the client's IP address
 * @param protocol e.g. {@code HTTP/1.1}
 * @param receivedAt when the request arrived
 */
public record HttpRequestData(
        String method,
        String rawPath,
        String rawQuery,
        List<Map.Entry<String, String>> headers,
        byte[] body,
        String sourceIp,
        String protocol,
        Instant receivedAt) {

    public HttpRequestData {
        Objects.requireNonNull(method);
        Objects.requireNonNull(rawPath);
        rawQuery = rawQuery == null ? "" : rawQuery;
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header, matched case-insensitively, or null. */
    public String header(String name) {
        return headers.stream()
                .filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    /** A copy where {@code name} has exactly this value (what a proxy in front of the API sets). */
    public HttpRequestData withHeader(String name, String value) {
        List<Map.Entry<String, String>> more = new java.util.ArrayList<>(headers);
        more.removeIf(h -> h.getKey().equalsIgnoreCase(name));
        more.add(Map.entry(name, value));
        return new HttpRequestData(method, rawPath, rawQuery, more, body, sourceIp, protocol, receivedAt);
    }

    /** A copy with another path (and the same query). */
    public HttpRequestData withPath(String path) {
        return new HttpRequestData(method, path, rawQuery, headers, body, sourceIp, protocol, receivedAt);
    }

    @Override
    public String toString() {
        return "HttpRequestData[" + method + " " + rawPath + "]"; // headers may carry credentials
    }
}

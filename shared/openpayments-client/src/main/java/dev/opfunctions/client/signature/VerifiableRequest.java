package dev.opfunctions.client.signature;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A received request as the signature verifier needs it. Header names are matched case-insensitively.
 *
 * @param method    the request method as received
 * @param targetUri the absolute URL as the server reconstructs it (scheme, host, and the path and query
 *                  exactly as received: Koa's {@code ctx.href} in Rafiki)
 * @param headers   the request headers, one value per name
 * @param body      the raw body bytes, or {@code null} when there is none
 */
public record VerifiableRequest(String method, String targetUri, Map<String, String> headers, byte[] body) {

    public VerifiableRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(targetUri, "targetUri");
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null && value != null) {
                    copy.put(name, value);
                }
            });
        }
        headers = java.util.Collections.unmodifiableSortedMap(copy);
    }

    /** The value of header {@code name} (any case), or {@code null}. */
    public String header(String name) {
        return headers.get(name);
    }

    /** Whether there is a non-empty body. */
    public boolean hasBody() {
        return body != null && body.length > 0;
    }

    /** Method, URL, header names and body size only: header values carry tokens. */
    @Override
    public String toString() {
        return "VerifiableRequest[" + method + " " + targetUri + ", headers=" + headers.keySet() + ", body="
                + (body == null ? "none" : body.length + " bytes") + "]";
    }
}

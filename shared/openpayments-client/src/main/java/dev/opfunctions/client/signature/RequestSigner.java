package dev.opfunctions.client.signature;

import java.util.Map;

/**
 * Produces the HTTP message signature headers (RFC 9421 as profiled by Open Payments) for one request.
 *
 * <p>The caller must send exactly the method, URL, Authorization value and body bytes it passed in,
 * and must send every returned header unchanged.
 */
public interface RequestSigner {

    /**
     * @param method        upper-case HTTP method
     * @param targetUri     the absolute URL exactly as it will go on the wire, query string included
     * @param authorization the Authorization header value, or {@code null} when none is sent
     * @param body          the exact body bytes, or {@code null} when the request has no body
     * @return the headers to add, in insertion order: {@code Content-Digest}, {@code Content-Length},
     *     {@code Content-Type} (only with a body), then {@code Signature-Input} and {@code Signature}
     */
    Map<String, String> sign(String method, String targetUri, String authorization, byte[] body);
}

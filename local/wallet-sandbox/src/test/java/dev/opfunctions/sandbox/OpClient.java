package dev.opfunctions.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.json.Json;
import dev.opfunctions.client.signature.RequestSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A minimal Open Payments caller for tests: serialises bodies once, signs exactly those bytes with
 * the client library's signer (when given) and sends them unchanged.
 */
final class OpClient {

    /** A response: status, parsed JSON body (null when empty), headers. */
    record Reply(int status, JsonNode body, HttpResponse<byte[]> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private static final Set<String> RESTRICTED = Set.of("content-length", "host");
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final RequestSigner signer;

    OpClient(RequestSigner signer) {
        this.signer = signer;
    }

    Reply get(String url, String token) {
        return send("GET", url, token, null, token != null);
    }

    Reply post(String url, String token, Object body) {
        return send("POST", url, token, body == null ? null : Json.stringify(body), true);
    }

    Reply delete(String url, String token) {
        return send("DELETE", url, token, null, true);
    }

    /** Sends {@code body} exactly as given with exactly these headers (e.g. signed by another signer). */
    Reply sendAsIs(String method, String url, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json");
        headers.forEach((k, v) -> {
            if (!RESTRICTED.contains(k.toLowerCase())) b.header(k, v);
        });
        b.method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return exchange(b);
    }

    Reply send(String method, String url, String token, byte[] body, boolean sign) {
        String authorization = token == null ? null : "GNAP " + token;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json");
        if (authorization != null) b.header("Authorization", authorization);
        if (sign && signer != null) {
            for (Map.Entry<String, String> h :
                    signer.sign(method, url, authorization, body).entrySet()) {
                if (!RESTRICTED.contains(h.getKey().toLowerCase())) b.header(h.getKey(), h.getValue());
            }
        } else if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return exchange(b);
    }

    private Reply exchange(HttpRequest.Builder b) {
        try {
            HttpResponse<byte[]> response = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            boolean isJson =
                    response.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode json = response.body().length == 0 || !isJson
                    ? null
                    : Json.mapper().readTree(response.body());
            return new Reply(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

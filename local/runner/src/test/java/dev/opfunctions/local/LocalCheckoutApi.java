package dev.opfunctions.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.awaitility.Awaitility;

/** The checkout tests' calls to a started {@link LocalProduct}'s HTTP API, as the storefront makes them. */
final class LocalCheckoutApi {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Does not follow redirects, so a test sees the 302 back to the shop. */
    static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static final Set<String> TERMINAL = Set.of("completed", "failed", "rejected", "expired", "cancelled");

    private LocalCheckoutApi() {}

    /** The checkout once it is terminal; fails naming the checkout and its last view if it is not within 30 s. */
    static JsonNode awaitTerminal(LocalProduct product, String id) {
        return Awaitility.await("checkout " + id + " reaches a terminal status")
                .atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> JSON.readTree(send(product, "GET", "/checkouts/" + id, null, true)
                                .body()),
                        c -> TERMINAL.contains(c.get("status").asText()));
    }

    /** {@code body} as JSON when there is one; {@code withKey} adds the product's API key. */
    static HttpResponse<String> send(LocalProduct product, String method, String path, String body, boolean withKey)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(product.baseUrl() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("content-type", "application/json");
        }
        if (withKey) {
            b.header("x-api-key", product.apiKey().orElseThrow());
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}

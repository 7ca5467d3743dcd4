package dev.opfunctions.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo storefront the runner serves: static pages from {@code storefront/} on the class path, a
 * small JSON configuration ({@code /shop/config.json}: which wallet addresses to use), and the
 * shop's backend at {@code /shop/api/...}, which forwards to the HTTP API with the API key added,
 * as a real storefront's server would (the key never reaches the browser).
 */
public final class Storefront {
    /** Where the pages find the shop's backend. */
    public static final String API_PREFIX = "/shop/api";

    private static final Pattern STATIC = Pattern.compile("/([a-z0-9-]+\\.(html|js|css|svg))");
    private static final Map<String, String> TYPES = Map.of(
            "html",
            "text/html; charset=utf-8",
            "js",
            "text/javascript; charset=utf-8",
            "css",
            "text/css; charset=utf-8",
            "svg",
            "image/svg+xml");

    /** Adds the storefront's credentials to a request for the API (or leaves it as is). */
    @FunctionalInterface
    public interface Credentials {
        HttpRequestData apply(HttpRequestData request);
    }

    private final ApiGateway gateway;
    private final Credentials credentials;
    private final Supplier<ObjectNode> config;

    /**
     * @param config the JSON served at {@code /shop/config.json}, built on each request (with external
     *     wallets it includes what the merchant's wallet says, which may change or be unreachable for a while)
     */
    public Storefront(ApiGateway gateway, Credentials credentials, Supplier<ObjectNode> config) {
        this.gateway = gateway;
        this.credentials = credentials;
        this.config = config;
    }

    /** Answers the request if it is the storefront's, else empty. */
    public Optional<HttpReply> handle(HttpRequestData request) throws InterruptedException {
        String path = request.rawPath();
        if (path.startsWith(API_PREFIX + "/")) {
            return Optional.of(
                    gateway.handle(credentials.apply(request.withPath(path.substring(API_PREFIX.length())))));
        }
        boolean read = request.method().equals("GET") || request.method().equals("HEAD");
        if (read && path.equals("/shop/config.json")) {
            return Optional.of(HttpReply.json(200, config.get()));
        }
        if (!read) {
            return Optional.empty();
        }
        Matcher m = STATIC.matcher(path.equals("/") ? "/index.html" : path);
        if (!m.matches()) {
            return Optional.empty();
        }
        return resource(m.group(1))
                .map(bytes -> new HttpReply(
                        200,
                        List.of(
                                Map.entry("content-type", TYPES.get(m.group(2))),
                                Map.entry("cache-control", "no-cache"),
                                Map.entry("x-content-type-options", "nosniff"),
                                Map.entry(
                                        "content-security-policy",
                                        "default-src 'self'; img-src 'self' data:; form-action 'self'")),
                        bytes));
    }

    private static Optional<byte[]> resource(String name) {
        try (InputStream in = Storefront.class.getResourceAsStream("/storefront/" + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

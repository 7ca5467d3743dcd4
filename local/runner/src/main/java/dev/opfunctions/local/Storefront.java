package dev.opfunctions.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
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
 *
 * <p>With a webhook secret ({@link #acceptWebhooks}) it also listens: {@code POST /webhooks} takes the
 * checkout webhooks, verified ({@link StorefrontWebhooks}), and {@code GET /orders/{checkoutId}/stream}
 * pushes them to the order page as server-sent events ({@link OrderStream}); {@code /shop/config.json}
 * then names the stream ({@code orderStream}), and without a secret it does not, so the page polls the API
 * (should a page open the stream anyway, it answers 204 and an {@code EventSource} stops trying).
 */
public final class Storefront {
    /** Where the pages find the shop's backend. */
    public static final String API_PREFIX = "/shop/api";

    /** Where the checkout webhooks are delivered (the webhook function's target: {@code BASE_URL/webhooks}). */
    public static final String WEBHOOKS_PATH = "/webhooks";

    /** How often a quiet order stream carries a comment, so nothing on the way closes it as idle. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private static final Pattern ORDER_STREAM = Pattern.compile("/orders/([A-Za-z0-9_-]{1,128})/stream");
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
    private final StorefrontWebhooks webhooks = new StorefrontWebhooks(Clock.systemUTC());
    private final OrderStream orders;

    /**
     * @param config the JSON served at {@code /shop/config.json}, built on each request (with external
     *     wallets it includes what the merchant's wallet says, which may change or be unreachable for a while)
     */
    public Storefront(ApiGateway gateway, Credentials credentials, Supplier<ObjectNode> config) {
        this(gateway, credentials, config, KEEP_ALIVE);
    }

    Storefront(ApiGateway gateway, Credentials credentials, Supplier<ObjectNode> config, Duration keepAlive) {
        this.gateway = gateway;
        this.credentials = credentials;
        this.config = config;
        this.orders = new OrderStream(webhooks, keepAlive);
    }

    /**
     * Accepts checkout webhooks signed with this secret from now on (the one the webhook function signs
     * with: {@code whsec_} and the base64 key). Returns this storefront, to chain after the constructor.
     *
     * @throws IllegalArgumentException when the secret is not of that form (the message does not repeat it)
     */
    public Storefront acceptWebhooks(String whsecSecret) {
        webhooks.accept(whsecSecret);
        return this;
    }

    /** From now on refuses the verified deliveries {@code which} names, recording nothing of them (tests, chaos). */
    public Storefront refuseWebhooks(StorefrontWebhooks.Refusals which) {
        webhooks.refuse(which);
        return this;
    }

    /** The verified webhooks received for a checkout, in sequence order (each once). */
    public List<ReceivedWebhook> received(String checkoutId) {
        return webhooks.received(checkoutId);
    }

    StorefrontWebhooks webhooks() {
        return webhooks;
    }

    /**
     * Whether this request is an order stream, which {@link #stream} serves for as long as the page
     * listens. A server that can hand over its response stream asks this before {@link #handle};
     * otherwise {@link #handle} answers the stream one event (or keep-alive) per response.
     */
    public boolean streams(HttpRequestData request) {
        return request.method().equals("GET")
                && ORDER_STREAM.matcher(request.rawPath()).matches();
    }

    /** Serves an order stream ({@link #streams}) on the exchange until the page leaves; the caller closes it. */
    public void stream(HttpRequestData request, HttpExchange exchange) throws IOException {
        Matcher m = ORDER_STREAM.matcher(request.rawPath());
        if (!m.matches() || !webhooks.configured()) {
            exchange.sendResponseHeaders(m.matches() ? 204 : 404, -1);
            return;
        }
        OrderStream.HEADERS.forEach(h -> exchange.getResponseHeaders().add(h.getKey(), h.getValue()));
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            orders.stream(m.group(1), request.header("last-event-id"), out);
        }
    }

    /** Answers the request if it is the storefront's, else empty. */
    public Optional<HttpReply> handle(HttpRequestData request) throws InterruptedException {
        String path = request.rawPath();
        if (path.startsWith(API_PREFIX + "/")) {
            return Optional.of(
                    gateway.handle(credentials.apply(request.withPath(path.substring(API_PREFIX.length())))));
        }
        if (path.equals(WEBHOOKS_PATH) && request.method().equals("POST")) {
            return Optional.of(webhooks.receive(request));
        }
        Matcher stream = ORDER_STREAM.matcher(path);
        if (stream.matches() && request.method().equals("GET")) {
            return Optional.of(
                    webhooks.configured()
                            ? orders.reply(stream.group(1), request.header("last-event-id"))
                            : new HttpReply(204, List.of(Map.entry("cache-control", "no-store")), new byte[0]));
        }
        boolean read = request.method().equals("GET") || request.method().equals("HEAD");
        if (read && path.equals("/shop/config.json")) {
            ObjectNode shown = config.get();
            if (webhooks.configured()) {
                // Only then may the order page open its stream: a refused EventSource logs a console error.
                shown.put("orderStream", "/orders/{checkoutId}/stream");
            }
            return Optional.of(HttpReply.json(200, shown));
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

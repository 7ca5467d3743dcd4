package dev.opfunctions.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The runner's one HTTP port on the loopback interface: the storefront (pages, config, shop backend)
 * and the HTTP API the template defines, side by side as a custom domain would put them.
 */
public final class LocalHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Consumer<String> log;
    private volatile ApiGateway gateway;
    private volatile Optional<Storefront> storefront = Optional.empty();

    private LocalHttpServer(HttpServer server, Consumer<String> log) {
        this.server = server;
        this.log = log;
    }

    /**
     * Binds 127.0.0.1:{@code port} (0 for any free port) early, so the public base URL is known while
     * the functions are configured; {@link #start} begins answering.
     */
    public static LocalHttpServer bind(int port, Consumer<String> log) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        return new LocalHttpServer(server, log);
    }

    /** Starts answering with the API and, if present, the storefront. */
    public void start(ApiGateway api, Optional<Storefront> shop) {
        this.gateway = api;
        this.storefront = shop;
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            HttpRequestData request = read(exchange);
            Optional<Storefront> orders = storefront;
            if (orders.isPresent() && orders.get().streams(request)) {
                orders.get().stream(request, exchange); // held open while the order page listens
                return;
            }
            HttpReply reply;
            try {
                Optional<HttpReply> shop =
                        storefront.isPresent() ? storefront.get().handle(request) : Optional.empty();
                reply = shop.isPresent() ? shop.get() : gateway.handle(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reply = HttpReply.gatewayError(503, "Service Unavailable");
            } catch (RuntimeException e) {
                log.accept("request " + request.method() + " " + request.rawPath() + " failed in the runner: " + e);
                reply = HttpReply.gatewayError(500, "Internal Server Error");
            }
            write(exchange, request.method().equals("HEAD"), reply);
        }
    }

    private static HttpRequestData read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> headers.add(Map.entry(name, v))));
        String rawQuery = exchange.getRequestURI().getRawQuery();
        return new HttpRequestData(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                rawQuery,
                headers,
                body,
                exchange.getRemoteAddress().getAddress().getHostAddress(),
                exchange.getProtocol(),
                Instant.now());
    }

    private static void write(HttpExchange exchange, boolean head, HttpReply reply) throws IOException {
        reply.headers().forEach(h -> {
            if (!h.getKey().equalsIgnoreCase("content-length") && !h.getKey().equalsIgnoreCase("transfer-encoding")) {
                exchange.getResponseHeaders().add(h.getKey(), h.getValue());
            }
        });
        boolean noBody = head || reply.status() == 204 || reply.status() == 304 || reply.body().length == 0;
        exchange.sendResponseHeaders(reply.status(), noBody ? -1 : reply.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

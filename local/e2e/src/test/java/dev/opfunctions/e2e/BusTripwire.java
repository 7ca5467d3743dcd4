package dev.opfunctions.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Stands between the functions and the runner's EventBridge stand-in (the functions'
 * {@code AWS_ENDPOINT_URL_EVENTBRIDGE} points here) and passes every call on, so that a test can act at an
 * exact moment: once a PutEvents it is armed for has reached the bus, it runs the test's action (kill the
 * caller) before the caller hears back. That is deliver-events dead with the delivery rows written and the
 * events on the bus, but the webhooks not yet queued.
 */
final class BusTripwire implements AutoCloseable {

    private record Armed(Predicate<String> matches, Runnable action) {}

    private static final List<String> PASSED_HEADERS = List.of("Content-Type", "X-Amz-Target");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<Armed> armed = new AtomicReference<>();
    private volatile URI bus;

    private BusTripwire(HttpServer server) {
        this.server = server;
    }

    /** Listens on a free loopback port; calls are refused until {@link #passTo} names the bus. */
    static BusTripwire start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        BusTripwire wire = new BusTripwire(server);
        server.setExecutor(wire.executor);
        server.createContext("/", wire::handle);
        server.start();
        return wire;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void passTo(URI eventBus) {
        bus = eventBus;
    }

    /** Once, after passing on a request whose body {@code matches}: runs {@code action} instead of answering. */
    void afterPassing(Predicate<String> matches, Runnable action) {
        armed.set(new Armed(matches, action));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (bus == null) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(
                            bus.resolve(exchange.getRequestURI().getRawPath()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            for (String h : PASSED_HEADERS) {
                String v = exchange.getRequestHeaders().getFirst(h);
                if (v != null) forward.header(h, v);
            }
            HttpResponse<byte[]> answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            Armed a = armed.get();
            if (a != null
                    && a.matches().test(new String(body, StandardCharsets.UTF_8))
                    && armed.compareAndSet(a, null)) {
                a.action().run();
                return; // the caller is gone; nobody reads an answer
            }
            answer.headers()
                    .firstValue("Content-Type")
                    .ifPresent(v -> exchange.getResponseHeaders().add("Content-Type", v));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}

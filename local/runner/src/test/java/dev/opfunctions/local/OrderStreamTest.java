package dev.opfunctions.local;

import static dev.opfunctions.local.SignedWebhooks.newSecret;
import static dev.opfunctions.local.SignedWebhooks.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /orders/{checkoutId}/stream}: the order page hears what the storefront already received,
 * then each new verified webhook, and picks up after {@code Last-Event-ID} when it reconnects; both held
 * open ({@link Storefront#stream}) and one response at a time through the runner's own server.
 */
class OrderStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String secret = newSecret();
    private final HttpClient client = HttpClient.newHttpClient();

    static HttpRequestData streamRequest(String checkoutId, String lastEventId) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(List.of(Map.entry("Accept", "text/event-stream")));
        if (lastEventId != null) headers.add(Map.entry("Last-Event-ID", lastEventId));
        return new HttpRequestData(
                "GET", "/orders/" + checkoutId + "/stream", "", headers, null, "127.0.0.1", "HTTP/1.1", Instant.now());
    }

    @Test
    void aHeldStreamSendsWhatWasReceivedThenEachNewEventAsItArrives() throws Exception {
        Storefront shop = StorefrontWebhooksTest.storefront().acceptWebhooks(secret);
        shop.handle(signed(secret, "checkout.consent_granted", "co-1", 3, "processing"));
        try (HeldStreams server = new HeldStreams(shop)) {
            HttpResponse<InputStream> response = client.send(
                    HttpRequest.newBuilder(server.uri("/orders/co-1/stream")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            BlockingQueue<String> lines = lines(response.body());

            assertEquals(200, response.statusCode());
            assertEquals(
                    "text/event-stream",
                    response.headers().firstValue("content-type").orElseThrow());
            assertEquals("retry: " + OrderStream.STREAM_RETRY_MS, next(lines));
            assertEquals("id: 3", nextField(lines), "first what was received before");
            assertEquals("checkout.consent_granted", data(nextField(lines)));

            shop.handle(signed(secret, "checkout.completed", "co-1", 12, "completed"));

            assertEquals("id: 12", nextField(lines), "then the new event, on the same response");
            assertEquals("checkout.completed", data(nextField(lines)));
        }
    }

    @Test
    void aQuietHeldStreamCarriesKeepAliveComments() throws Exception {
        Storefront shop = StorefrontWebhooksTest.storefront().acceptWebhooks(secret);
        try (HeldStreams server = new HeldStreams(shop)) {
            HttpResponse<InputStream> response = client.send(
                    HttpRequest.newBuilder(server.uri("/orders/co-2/stream")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            BlockingQueue<String> lines = lines(response.body());

            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 6; i++) seen.add(next(lines));

            assertEquals(2, seen.stream().filter(": keep-alive"::equals).count(), seen.toString());
        }
    }

    @Test
    void aReconnectWithLastEventIdGetsOnlyTheLaterEvents() throws Exception {
        Storefront shop = StorefrontWebhooksTest.storefront().acceptWebhooks(secret);
        for (long sequence : List.of(3L, 7L, 12L)) {
            shop.handle(signed(secret, "checkout.completed", "co-3", sequence, "completed"));
        }

        String all = shop.handle(streamRequest("co-3", null)).orElseThrow().bodyText();
        String resumed = shop.handle(streamRequest("co-3", "7")).orElseThrow().bodyText();

        assertEquals(List.of("3", "7", "12"), ids(all));
        assertEquals(List.of("12"), ids(resumed));
    }

    @Test
    void throughTheRunnersServerAnOpenStreamCarriesAWebhookAsSoonAsItArrives() throws Exception {
        Storefront shop =
                new Storefront(null, r -> r, JSON::createObjectNode, Duration.ofSeconds(20)).acceptWebhooks(secret);
        try (LocalHttpServer http = LocalHttpServer.bind(0, line -> {})) {
            http.start(null, java.util.Optional.of(shop));
            URI stream = URI.create("http://127.0.0.1:" + http.port() + "/orders/co-4/stream");
            HttpResponse<java.util.stream.Stream<String>> open = client.sendAsync(
                            HttpRequest.newBuilder(stream).build(), HttpResponse.BodyHandlers.ofLines())
                    .get(10, TimeUnit.SECONDS);
            assertEquals(
                    "text/event-stream",
                    open.headers().firstValue("content-type").orElseThrow());
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = Thread.ofVirtual().start(() -> open.body().forEach(lines::add));

            HttpRequestData delivery = signed(secret, "checkout.completed", "co-4", 12, "completed");
            HttpResponse<String> posted = client.send(post(http, delivery), HttpResponse.BodyHandlers.ofString());

            assertEquals(204, posted.statusCode(), posted.body());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            String line;
            do {
                line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } while (line != null && !line.equals("id: 12"));
            assertEquals("id: 12", line, "the event reached the open stream within 5 s, before any keep-alive");
            assertEquals(1, shop.received("co-4").size());
            reader.interrupt();
        }
    }

    private static HttpRequest post(LocalHttpServer http, HttpRequestData delivery) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/webhooks"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        delivery.headers().forEach(h -> b.header(h.getKey(), h.getValue()));
        return b.build();
    }

    private static List<String> ids(String sse) {
        return sse.lines()
                .filter(l -> l.startsWith("id: "))
                .map(l -> l.substring(4))
                .toList();
    }

    private static String data(String line) throws Exception {
        assertTrue(line.startsWith("data: "), line);
        return JSON.readTree(line.substring(6)).get("type").asText();
    }

    private static BlockingQueue<String> lines(InputStream in) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) lines.add(line);
            } catch (java.io.IOException e) {
                // the test closed the server
            }
        });
        return lines;
    }

    /** The next line that is neither blank nor a comment (the keep-alives come every 200 ms here). */
    private static String nextField(BlockingQueue<String> lines) throws InterruptedException {
        for (; ; ) {
            String line = next(lines);
            if (!line.isEmpty() && !line.startsWith(":")) return line;
        }
    }

    private static String next(BlockingQueue<String> lines) throws InterruptedException {
        String line = lines.poll(5, TimeUnit.SECONDS);
        assertNotNull(line, "a line within 5 s");
        return line;
    }

    /** A server that hands order streams over as the runner would with the streaming hook ({@link Storefront#streams}). */
    private static final class HeldStreams implements AutoCloseable {
        private final HttpServer server;

        HeldStreams(Storefront shop) throws Exception {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                try (exchange) {
                    HttpRequestData request = read(exchange);
                    assertTrue(shop.streams(request));
                    shop.stream(request, exchange);
                }
            });
            server.start();
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        }

        private static HttpRequestData read(HttpExchange exchange) {
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            exchange.getRequestHeaders().forEach((k, vs) -> vs.forEach(v -> headers.add(Map.entry(k, v))));
            return new HttpRequestData(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    headers,
                    null,
                    "127.0.0.1",
                    "HTTP/1.1",
                    Instant.now());
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}

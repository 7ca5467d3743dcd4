package dev.opfunctions.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.opfunctions.sandbox.hostile.StreamedAnswer;
import dev.opfunctions.sandbox.http.HttpCall;
import dev.opfunctions.sandbox.http.HttpReply;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A JDK HTTP server on one port, handling each request on a virtual thread. Converts exchanges to
 * {@link HttpCall}s and back; the handler decides everything else (faults included).
 */
final class HttpEndpoint implements AutoCloseable {

    /** Handles a call; returning null closes the connection without an answer. */
    interface Handler {
        HttpReply handle(HttpCall call) throws Exception;
    }

    /** Like {@link Handler}, but may also answer with a {@link StreamedAnswer} (a hostile provider's). */
    interface StreamingHandler {
        Object handle(HttpCall call) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private HttpEndpoint(HttpServer server) {
        this.server = server;
    }

    static HttpEndpoint bind(String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 128);
        return new HttpEndpoint(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    void start(Handler handler) {
        startStreaming(handler::handle);
    }

    void startStreaming(StreamingHandler handler) {
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(exchange, handler));
        server.start();
    }

    private static void serve(HttpExchange exchange, StreamingHandler handler) throws IOException {
        try (exchange) {
            HttpCall call = toCall(exchange);
            Object answer;
            try {
                answer = handler.handle(call);
            } catch (Exception e) {
                answer = HttpReply.json(
                        500, Map.of("error", Map.of("code", "500", "description", "Internal Server Error")));
            }
            if (answer instanceof StreamedAnswer streamed) {
                stream(exchange, streamed);
                return;
            }
            HttpReply reply = (HttpReply) answer;
            if (reply == null) return;
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            boolean empty = reply.body().length == 0;
            exchange.sendResponseHeaders(reply.status(), empty ? -1 : reply.body().length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        }
    }

    private static void stream(HttpExchange exchange, StreamedAnswer streamed) throws IOException {
        streamed.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(streamed.status(), 0);
        try (OutputStream out = exchange.getResponseBody()) {
            streamed.writeTo(out);
        } catch (IOException | InterruptedException e) {
            // The client hung up on a body it should never have waited for: that is the point.
        }
    }

    private static HttpCall toCall(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null)
            host = exchange.getLocalAddress().getHostString() + ":"
                    + exchange.getLocalAddress().getPort();
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String target = "http://" + host + rawPath + (rawQuery == null ? "" : "?" + rawQuery);
        byte[] body = exchange.getRequestBody().readAllBytes();
        return new HttpCall(
                exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                target,
                exchange.getRequestURI().getPath(),
                rawQuery,
                headers,
                body);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

package dev.opfunctions.client.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A JDK HttpServer on 127.0.0.1 that records every request and answers from a script: canned
 * responses queued per path, or a handler. Anything unscripted gets a 599 so tests notice.
 */
public final class FakeServer implements AutoCloseable {

    /** One request exactly as received. {@code rawTarget} is the request-target (path and query, undecoded). */
    public record Recorded(String method, String rawTarget, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            for (var e : headers.entrySet())
                if (e.getKey().equalsIgnoreCase(name)) return e.getValue().get(0);
            return null;
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String path() {
            int q = rawTarget.indexOf('?');
            return q < 0 ? rawTarget : rawTarget.substring(0, q);
        }
    }

    /** A scripted answer; {@code delayMillis} holds the answer back (for timeout tests). */
    public record Answer(int status, String body, Map<String, String> headers, long delayMillis) {
        public static Answer json(int status, String body) {
            return new Answer(status, body, Map.of("Content-Type", "application/json"), 0);
        }

        public static Answer empty(int status) {
            return new Answer(status, null, Map.of(), 0);
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Answer(status, body, h, delayMillis);
        }

        public Answer delayed(long millis) {
            return new Answer(status, body, headers, millis);
        }
    }

    private final HttpServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> scripted = new LinkedHashMap<>();
    private volatile Function<Recorded, Answer> handler;
    private volatile java.util.function.BiConsumer<Recorded, Answer> observer = (r, a) -> {};

    public FakeServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    /** {@code http://127.0.0.1:<port>} */
    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The same server written as https, for clients in localDevelopment mode that rewrite it to http. */
    public String httpsBase() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues answers for "METHOD /path" (path without query), consumed in order. */
    public synchronized FakeServer on(String method, String path, Answer... answers) {
        Deque<Answer> q = scripted.computeIfAbsent(method + " " + path, k -> new ArrayDeque<>());
        for (Answer a : answers) q.add(a);
        return this;
    }

    /** Fallback for requests with no queued answer. */
    public FakeServer handler(Function<Recorded, Answer> h) {
        this.handler = h;
        return this;
    }

    /** Sees every request with the answer it got (e.g. to validate both against the specs). */
    public FakeServer observer(java.util.function.BiConsumer<Recorded, Answer> o) {
        this.observer = o;
        return this;
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public Recorded last() {
        return requests.get(requests.size() - 1);
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        Recorded r = new Recorded(
                ex.getRequestMethod(), ex.getRequestURI().toString(), Map.copyOf(ex.getRequestHeaders()), body);
        requests.add(r);
        Answer a;
        synchronized (this) {
            Deque<Answer> q = scripted.get(r.method() + " " + r.path());
            a = q != null && !q.isEmpty() ? q.poll() : null;
        }
        if (a == null && handler != null) a = handler.apply(r);
        if (a == null)
            a = Answer.json(
                    599,
                    "{\"error\":{\"code\":\"unscripted\",\"description\":\"" + r.method() + " " + r.path() + "\"}}");
        observer.accept(r, a);
        if (a.delayMillis() > 0) {
            try {
                Thread.sleep(a.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        byte[] out = a.body() == null ? new byte[0] : a.body().getBytes(StandardCharsets.UTF_8);
        try {
            ex.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        } catch (IOException clientGone) {
            // the client timed out and closed the connection; nothing to answer
        } finally {
            ex.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

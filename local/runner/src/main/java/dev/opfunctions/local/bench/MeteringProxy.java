package dev.opfunctions.local.bench;

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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A loopback HTTP proxy in front of one AWS JSON-protocol service (moto's DynamoDB, ElasticMQ's SQS):
 * every request is passed on unchanged and its answer returned unchanged, and a {@link Handler} sees
 * both. The functions reach it through their {@code AWS_ENDPOINT_URL_*} variables, so the meters see
 * exactly the requests the code under test makes, without any hook in that code.
 */
final class MeteringProxy implements AutoCloseable {
    /** Headers the JDK client sets itself (or refuses), and hop-by-hop ones. */
    private static final Set<String> NOT_FORWARDED =
            Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding", "keep-alive");

    /** An answer from the service. */
    record Reply(int status, Map<String, List<String>> headers, byte[] body) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    /** The service behind the proxy. */
    interface Upstream {
        /** Passes the request being handled on as it came. */
        Reply forward() throws IOException, InterruptedException;

        /** A request of the proxy's own (not metered), e.g. reading an item back. */
        Reply call(String target, byte[] body) throws IOException, InterruptedException;
    }

    /** Sees one request: its {@code X-Amz-Target} and body; must return what {@link Upstream#forward()} gave. */
    interface Handler {
        Reply handle(String target, byte[] body, Upstream upstream) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    /** Known once the service behind has started; requests wait for it. */
    private final CompletableFuture<URI> target = new CompletableFuture<>();

    private MeteringProxy(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", exchange -> serve(exchange, handler));
        server.start();
    }

    /**
     * Starts a proxy on a free loopback port; requests wait until {@link #target} names the service
     * (the product starts its servers and functions together, and the functions need the proxy's
     * address before the servers' addresses are known).
     */
    static MeteringProxy start(Handler handler) throws IOException {
        return new MeteringProxy(handler);
    }

    /** The service behind the proxy. */
    void target(URI service) {
        target.complete(service);
    }

    private URI target() throws IOException, InterruptedException {
        try {
            return target.get(5, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the service behind the metering proxy never started", e);
        }
    }

    /** The proxy's endpoint, for {@code AWS_ENDPOINT_URL_*}. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void serve(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            Upstream upstream = new Upstream() {
                @Override
                public Reply forward() throws IOException, InterruptedException {
                    HttpRequest.Builder b = HttpRequest.newBuilder(target().resolve(exchange.getRequestURI()))
                            .timeout(Duration.ofSeconds(120))
                            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
                    exchange.getRequestHeaders().forEach((name, values) -> {
                        if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT)))
                            values.forEach(v -> b.header(name, v));
                    });
                    return send(b.build());
                }

                @Override
                public Reply call(String amzTarget, byte[] json) throws IOException, InterruptedException {
                    return send(ownRequest(target(), amzTarget, json));
                }
            };
            Reply reply;
            try {
                reply = handler.handle(amzTarget == null ? "" : amzTarget, body, upstream);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
                return;
            } catch (IOException | RuntimeException e) {
                System.err.println("metering proxy: " + amzTarget + ": " + e);
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            reply.headers().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":"))
                    exchange.getResponseHeaders().put(name, values);
            });
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
    }

    /** A request as an SDK would send it, with a placeholder signature (the local servers do not check it). */
    private static HttpRequest ownRequest(URI service, String amzTarget, byte[] json) {
        return HttpRequest.newBuilder(service.resolve("/"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", amzTarget)
                .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=local/20261205/us-east-1/dynamodb/aws4_request, "
                                + "SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build();
    }

    private Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(r.statusCode(), r.headers().map(), r.body());
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        client.close();
    }
}

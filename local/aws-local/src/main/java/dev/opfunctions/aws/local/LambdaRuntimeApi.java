package dev.opfunctions.aws.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback implementation of the Lambda Runtime API (2018-06-01) for one function, so the real
 * runtime interface client ({@code AWSLambda}, see {@link RicProcess}) can run a handler outside
 * AWS, without Docker or the Runtime Interface Emulator.
 *
 * <p>Serves {@code GET /runtime/invocation/next} as a long poll that hands out submitted events
 * with the {@code Lambda-Runtime-*} headers, and records {@code …/{id}/response},
 * {@code …/{id}/error} and {@code /runtime/init/error}. An init error fails every pending and later
 * invocation, as a function that cannot initialize does on AWS.
 *
 * <p>SnapStart's part of the API too: a runtime started with
 * {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start} runs its {@code beforeCheckpoint} hooks and then
 * calls {@code GET /runtime/restore/next}; on AWS the snapshot is taken there and the call returns in
 * a restored copy, which then runs {@code afterRestore} and polls for invocations. Here the call
 * returns at once (no snapshot can be taken without a CRaC JVM), so the hooks run exactly as on AWS
 * and {@link #restored()} marks the moment a restore would begin. {@code /runtime/restore/error}
 * fails invocations like an init error.
 */
public final class LambdaRuntimeApi implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final Pattern RESULT_PATH = Pattern.compile(PREFIX + "invocation/([^/]+)/(response|error)");

    private record Pending(
            String requestId, String event, Instant submittedAt, CompletableFuture<InvocationResult> result) {}

    private final String functionName;
    private final Duration timeout;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private final CompletableFuture<Instant> firstPoll = new CompletableFuture<>();
    private final CompletableFuture<Instant> restored = new CompletableFuture<>();
    private volatile boolean closed;

    private LambdaRuntimeApi(String functionName, Duration timeout) throws IOException {
        this.functionName = functionName;
        this.timeout = timeout;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /**
     * Starts the API on a free loopback port.
     *
     * @param functionName used in the invoked-function ARN header
     * @param timeout the function timeout, which sets each invocation's deadline header
     */
    public static LambdaRuntimeApi start(String functionName, Duration timeout) {
        try {
            return new LambdaRuntimeApi(functionName, timeout);
        } catch (IOException e) {
            throw new IllegalStateException("Runtime API did not start", e);
        }
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API} for the runtime client. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an event; the future completes when the runtime posts the response or error. */
    public CompletableFuture<InvocationResult> submit(String eventJson) {
        Pending pending =
                new Pending(UUID.randomUUID().toString(), eventJson, Instant.now(), new CompletableFuture<>());
        if (initError.isDone()) {
            pending.result().complete(initFailure(pending));
        } else {
            queue.add(pending);
        }
        return pending.result();
    }

    /** Submits an event and waits for its result; fails with {@link TimeoutException} after {@code wait}. */
    public InvocationResult invoke(String eventJson, Duration wait) throws TimeoutException, InterruptedException {
        try {
            return submit(eventJson).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("invocation failed inside the Runtime API", e.getCause());
        }
    }

    /** Completes with the runtime's error document if it reported an initialization error. */
    public CompletableFuture<String> initError() {
        return initError;
    }

    /**
     * Completes when a SnapStart runtime asked for {@code /runtime/restore/next}: its
     * {@code beforeCheckpoint} hooks are done and, on AWS, a restored copy would resume from here.
     */
    public CompletableFuture<Instant> restored() {
        return restored;
    }

    /** Completes when the runtime first asks for an invocation (i.e. it finished initializing). */
    public CompletableFuture<Instant> firstPoll() {
        return firstPoll;
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Matcher result = RESULT_PATH.matcher(path);
            if (method.equals("GET") && path.equals(PREFIX + "invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && result.matches()) {
                complete(
                        exchange,
                        result.group(1),
                        result.group(2).equals("response"),
                        new String(body, StandardCharsets.UTF_8));
            } else if (method.equals("GET") && path.equals(PREFIX + "restore/next")) {
                restored.complete(Instant.now());
                send(exchange, 200, "");
            } else if (method.equals("POST")
                    && (path.equals(PREFIX + "init/error") || path.equals(PREFIX + "restore/error"))) {
                String document = new String(body, StandardCharsets.UTF_8);
                initError.complete(document);
                inFlight.values().forEach(p -> p.result().complete(initFailure(p)));
                queue.forEach(p -> p.result().complete(initFailure(p)));
                queue.clear();
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                send(exchange, 404, "{\"errorMessage\":\"unknown Runtime API path\",\"errorType\":\"NotFound\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        firstPoll.complete(Instant.now());
        Pending pending = null;
        try {
            while (pending == null && !closed) {
                pending = queue.poll(200, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pending == null) {
            send(
                    exchange,
                    500,
                    "{\"errorMessage\":\"Runtime API is shutting down\",\"errorType\":\"ServiceException\"}");
            return;
        }
        inFlight.put(pending.requestId(), pending);
        var headers = exchange.getResponseHeaders();
        headers.set("Lambda-Runtime-Aws-Request-Id", pending.requestId());
        headers.set(
                "Lambda-Runtime-Deadline-Ms",
                Long.toString(Instant.now().plus(timeout).toEpochMilli()));
        headers.set(
                "Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:" + LocalAws.REGION.id() + ":" + LocalAws.ACCOUNT_ID + ":function:" + functionName);
        headers.set("Lambda-Runtime-Trace-Id", traceId());
        send(exchange, 200, pending.event());
    }

    private void complete(HttpExchange exchange, String requestId, boolean success, String body) throws IOException {
        Pending pending = inFlight.remove(requestId);
        if (pending == null) {
            send(exchange, 400, "{\"errorMessage\":\"unknown request id\",\"errorType\":\"InvalidRequestID\"}");
            return;
        }
        Duration elapsed = Duration.between(pending.submittedAt(), Instant.now());
        String errorType = Optional.ofNullable(
                        exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"))
                .orElse("Unhandled");
        pending.result()
                .complete(
                        success
                                ? new InvocationResult.Success(requestId, body, elapsed)
                                : new InvocationResult.Failure(requestId, errorType, body, elapsed));
        send(exchange, 202, "{\"status\":\"OK\"}");
    }

    private InvocationResult initFailure(Pending pending) {
        return new InvocationResult.Failure(
                pending.requestId(),
                "Runtime.InitError",
                initError.getNow(""),
                Duration.between(pending.submittedAt(), Instant.now()));
    }

    private static String traceId() {
        HexFormat hex = HexFormat.of();
        byte[] id = new byte[12];
        byte[] parent = new byte[8];
        ThreadLocalRandom.current().nextBytes(id);
        ThreadLocalRandom.current().nextBytes(parent);
        return "Root=1-" + Long.toHexString(Instant.now().getEpochSecond()) + "-" + hex.formatHex(id) + ";Parent="
                + hex.formatHex(parent) + ";Sampled=0";
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}

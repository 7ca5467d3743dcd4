package dev.opfunctions.aws.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A moto server (Apache-2.0) in a child Python process on a free loopback port, started through the
 * project's {@code moto_launcher.py}, which serialises the requests of each AWS service: moto's stock
 * threaded server lets racing {@code TransactWriteItems} calls both win (see the launcher's comment and
 * {@code EmulatorFidelityTest}).
 *
 * <p>Every server uses account {@link LocalAws#ACCOUNT_ID}, so ARNs look the same as ElasticMQ's. The
 * child stops when {@link #close()} sends it SIGTERM, or by itself when this JVM dies (its stdin
 * closes), so a killed test run leaves no Python process behind.
 */
public final class MotoServer implements AutoCloseable {
    private static final int EXIT_MOTO_MISSING = 3;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String READY = "MOTO_READY ";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LAUNCHER_FILES =
            List.of("moto_launcher.py", "moto_transactions.py", "moto_journal.py", "moto_speed.py", "moto_streams.py");
    private static Path launcherDir;

    private final Process process;
    private final URI endpoint;
    private final String python;

    private MotoServer(Process process, URI endpoint, String python) {
        this.process = process;
        this.endpoint = endpoint;
        this.python = python;
    }

    /** Starts an in-memory server. */
    public static MotoServer start() {
        return start(Optional.empty());
    }

    /**
     * Starts a server whose DynamoDB tables are loaded from {@code stateFile} (when it exists) and
     * written back to it at {@link #close()}; empty means in memory only.
     */
    public static MotoServer start(Optional<Path> stateFile) {
        return start(MotoPython.candidates(), stateFile);
    }

    /**
     * As {@link #start(Optional)} with extra environment variables for the launcher (tests shorten
     * {@code MOTO_STREAM_RETENTION_SECONDS} and {@code MOTO_STREAM_MAX_RECORDS}, see moto_streams.py).
     */
    static MotoServer start(Optional<Path> stateFile, Map<String, String> environment) {
        return start(MotoPython.candidates(), stateFile, environment);
    }

    /** Starts the launcher with the first of {@code pythons} that can import moto. */
    static MotoServer start(List<String> pythons, Optional<Path> stateFile) {
        return start(pythons, stateFile, Map.of());
    }

    private static MotoServer start(List<String> pythons, Optional<Path> stateFile, Map<String, String> environment) {
        List<String> tried = new ArrayList<>();
        for (String python : pythons) {
            tried.add(python);
            Optional<MotoServer> server = tryStart(python, stateFile, environment);
            if (server.isPresent()) return server.get();
        }
        throw new IllegalStateException(MotoPython.howToInstall(tried));
    }

    private static Optional<MotoServer> tryStart(
            String python, Optional<Path> stateFile, Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of(python, launcherScript().toString(), "--port", "0"));
        stateFile.ifPresent(
                f -> command.addAll(List.of("--state", f.toAbsolutePath().toString())));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MOTO_ACCOUNT_ID", LocalAws.ACCOUNT_ID);
        builder.environment().remove("AWS_PROFILE"); // botocore inside moto would try to load it
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException notRunnable) {
            return Optional.empty();
        }
        Output output = new Output(process.getInputStream());
        try {
            String url = output.ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.of(new MotoServer(process, URI.create(url), python));
        } catch (ExecutionException exited) {
            int code = waitForExit(process);
            if (code == EXIT_MOTO_MISSING) return Optional.empty();
            throw new IllegalStateException(
                    "moto (" + python + ") exited with " + code + " before it was ready:\n" + output.tail());
        } catch (TimeoutException | InterruptedException e) {
            process.destroyForcibly();
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "moto (" + python + ") was not ready within " + START_TIMEOUT + ":\n" + output.tail(), e);
        }
    }

    /** The HTTP endpoint every service of this server answers on, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return endpoint;
    }

    /** The launcher process's id: tests kill it, benchmarks and the chaos run read its memory. */
    public long pid() {
        return process.pid();
    }

    /** The interpreter this server runs on (for start-up reports). */
    public String python() {
        return python;
    }

    /**
     * How many requests with this {@code X-Amz-Target} (e.g. {@code secretsmanager.GetSecretValue})
     * the server has answered, counted by the launcher, so tests can check client-side caching.
     */
    public int requestCount(String target) {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/__launcher/counts"))
                .timeout(Duration.ofSeconds(10))
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            JsonNode counts = JSON.readTree(
                    http.send(request, HttpResponse.BodyHandlers.ofString()).body());
            return counts.path(target).asInt(0);
        } catch (IOException e) {
            throw new UncheckedIOException("moto request counts unavailable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops the server; with a state file, waits until the launcher has folded its journal into it. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "moto did not stop within " + STOP_TIMEOUT + "; killed it (its state file may be stale)");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int waitForExit(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * The launcher and its modules, copied once per JVM from the jar to a temporary directory (deleted
     * when the JVM exits): Python imports a script's siblings from its directory, not from a jar.
     */
    private static synchronized Path launcherScript() {
        if (launcherDir == null) {
            try {
                Path dir = Files.createTempDirectory("moto-launcher");
                for (String name : LAUNCHER_FILES) {
                    try (InputStream in = MotoServer.class.getResourceAsStream(name)) {
                        if (in == null) throw new IllegalStateException(name + " missing from the aws-local jar");
                        Files.copy(in, dir.resolve(name));
                    }
                    dir.resolve(name).toFile().deleteOnExit();
                }
                dir.toFile().deleteOnExit(); // registered last, so deleted after its files
                launcherDir = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return launcherDir.resolve(LAUNCHER_FILES.get(0));
    }

    /** Reads the child's output: completes {@code ready} with the endpoint, keeps the last lines for errors. */
    private static final class Output {
        private static final int KEPT_LINES = 40;
        final CompletableFuture<String> ready = new CompletableFuture<>();
        private final Deque<String> lastLines = new ArrayDeque<>();

        Output(InputStream stream) {
            Thread reader = new Thread(() -> read(stream), "moto-output");
            reader.setDaemon(true);
            reader.start();
        }

        private void read(InputStream stream) {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (!ready.isDone() && line.startsWith(READY)) {
                        ready.complete(line.substring(READY.length()).trim());
                    } else {
                        keep(line);
                    }
                }
            } catch (IOException ignored) {
                // the process is gone; the end of output below says so
            }
            ready.completeExceptionally(new IllegalStateException("moto output ended"));
        }

        private synchronized void keep(String line) {
            if (lastLines.size() == KEPT_LINES) lastLines.removeFirst();
            lastLines.addLast(line);
        }

        synchronized String tail() {
            return String.join("\n", lastLines);
        }
    }
}

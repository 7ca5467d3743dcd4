package dev.opfunctions.aws.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * DynamoDB for tests and the local runner: a {@link MotoServer} of its own, reached through the real
 * SDK client over HTTP.
 *
 * <p>Where moto differs from DynamoDB, and how the project's tests deal with it, is listed in
 * local/aws-local/README.md; the one that matters most: TTL is stored and described but moto never
 * deletes expired items (DynamoDB does, usually within days), so code must check expiry itself.
 */
public final class LocalDynamoDb implements AutoCloseable {
    /** File, inside a persist directory, holding the tables between runs. */
    static final String STATE_FILE = "dynamodb-tables.json";

    private final MotoServer server;
    private final DynamoDbClient client;
    private final DynamoDbStreamsClient streams;

    private LocalDynamoDb(MotoServer server) {
        this.server = server;
        this.client = LocalAws.build(DynamoDbClient.builder(), server.endpoint());
        this.streams = LocalAws.build(DynamoDbStreamsClient.builder(), server.endpoint());
    }

    /** Starts an empty in-memory database on a free port; everything is gone on {@link #close()}. */
    public static LocalDynamoDb start() {
        return start(Optional.empty());
    }

    /**
     * Starts a database kept in {@code dbDir} (created if missing) for a local runner whose data
     * should survive restarts; empty means in memory. moto has no on-disk mode, so the tables and their
     * items are loaded from {@value #STATE_FILE} at start, every acknowledged write is journaled
     * (fsynced) beside it and replayed at the next start, and the file is rewritten at {@link #close()}:
     * a process killed with SIGKILL loses no acknowledged write.
     */
    public static LocalDynamoDb start(Optional<Path> dbDir) {
        return start(dbDir, Map.of());
    }

    /** As {@link #start(Optional)}, with extra environment variables for the moto launcher (tests). */
    static LocalDynamoDb start(Optional<Path> dbDir, Map<String, String> launcherEnvironment) {
        Optional<Path> stateFile = dbDir.map(dir -> {
            try {
                return Files.createDirectories(dir).resolve(STATE_FILE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + dir, e);
            }
        });
        return new LocalDynamoDb(MotoServer.start(stateFile, launcherEnvironment));
    }

    /** The HTTP endpoint, e.g. {@code http://127.0.0.1:41234} (what AWS_ENDPOINT_URL_DYNAMODB takes). */
    public URI endpoint() {
        return server.endpoint();
    }

    /** The emulator's process id (moto's RSS for benchmarks and the chaos table; kill tests). */
    public long pid() {
        return server.pid();
    }

    /** The Python interpreter moto runs on (for start-up reports). */
    public String python() {
        return server.python();
    }

    /** A client bound to this server (shared; closed with the server). */
    public DynamoDbClient client() {
        return client;
    }

    /**
     * A DynamoDB Streams client bound to this server (shared; closed with the server). Stream records
     * are bounded and restored items make none: see moto_streams.py.
     */
    public DynamoDbStreamsClient streams() {
        return streams;
    }

    @Override
    public void close() {
        streams.close();
        client.close();
        server.close();
    }
}

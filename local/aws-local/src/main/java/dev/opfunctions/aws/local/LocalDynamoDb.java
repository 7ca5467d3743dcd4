package dev.opfunctions.aws.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local 2.x as an HTTP server inside this JVM, so clients go through the real SDK HTTP
 * and JSON path (unlike {@code DynamoDBEmbedded}, which skips marshalling).
 *
 * <p>It runs with {@code -sharedDb} (one database whatever the credentials and region) and
 * {@code -disableTelemetry}; telemetry would otherwise build Cognito/Pinpoint clients and write
 * {@code dynamodb-local-metadata.json} into the working directory. The {@code DDB_LOCAL_TELEMETRY=0}
 * environment variable (set by surefire and by the runner's scripts) is the second switch. Note that
 * DynamoDB Local's Jetty listens on every interface of the chosen port; it has no bind-address flag.
 */
public final class LocalDynamoDb implements AutoCloseable {
  private final DynamoDBProxyServer server;
  private final URI endpoint;
  private final DynamoDbClient client;

  private LocalDynamoDb(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.endpoint = URI.create("http://127.0.0.1:" + port);
    this.client = LocalAws.build(DynamoDbClient.builder(), endpoint);
  }

  /** Starts an in-memory database on a free port; everything is gone on {@link #close()}. */
  public static LocalDynamoDb start() {
    return start(Optional.empty());
  }

  /**
   * Starts a database persisted in {@code dbDir} (created if missing), for a local runner whose data
   * should survive restarts; empty means in memory.
   */
  public static LocalDynamoDb start(Optional<Path> dbDir) {
    int port = LocalAws.freeLoopbackPort();
    List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-sharedDb", "-disableTelemetry"));
    try {
      if (dbDir.isPresent()) {
        Files.createDirectories(dbDir.get());
        args.addAll(List.of("-dbPath", dbDir.get().toAbsolutePath().toString()));
      } else {
        args.add("-inMemory");
      }
      DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
      server.start();
      return new LocalDynamoDb(server, port);
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
    }
  }

  /** The HTTP endpoint, e.g. {@code http://127.0.0.1:41234} (what AWS_ENDPOINT_URL_DYNAMODB takes). */
  public URI endpoint() {
    return endpoint;
  }

  /** A client bound to this server (shared; closed with the server). */
  public DynamoDbClient client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
    }
  }
}

package dev.opfunctions.aws.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A loopback stand-in for AWS Secrets Manager that the real {@link SecretsManagerClient} talks to.
 *
 * <p>No Secrets Manager emulator runs on these machines, so this fake speaks just enough of the AWS
 * JSON 1.1 protocol for our code: {@code GetSecretValue}, {@code CreateSecret} and
 * {@code PutSecretValue}, dispatched on the {@code X-Amz-Target} header; unknown secrets answer
 * {@code ResourceNotFoundException}, which the SDK turns into its typed exception. It therefore
 * checks our wiring (endpoint, request signing present, serialization, error mapping), <em>not</em>
 * AWS semantics: there are no version stages beyond the current value, no KMS, rotation, resource
 * policies or deletion windows.
 */
public final class SecretsManagerFake implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TARGET_PREFIX = "secretsmanager.";
  private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private record Secret(String arn, String name, String versionId, String value, Instant createdAt) {
    @Override
    public String toString() {
      return "Secret[" + arn + "]"; // the value never reaches a log line
    }
  }

  private final HttpServer server;
  private final URI endpoint;
  private final SecretsManagerClient client;
  private final Map<String, Secret> byName = new ConcurrentHashMap<>();
  private final AtomicInteger getSecretValueCalls = new AtomicInteger();
  private final SecureRandom random = new SecureRandom();

  private SecretsManagerFake(HttpServer server) {
    this.server = server;
    this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    this.client = LocalAws.build(SecretsManagerClient.builder(), endpoint);
  }

  /** Starts the fake on a free loopback port with no secrets. */
  public static SecretsManagerFake start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      SecretsManagerFake fake = new SecretsManagerFake(server);
      server.createContext("/", fake::handle);
      server.start();
      return fake;
    } catch (IOException e) {
      throw new IllegalStateException("Secrets Manager fake did not start", e);
    }
  }

  /** The HTTP endpoint (what AWS_ENDPOINT_URL_SECRETS_MANAGER takes). */
  public URI endpoint() {
    return endpoint;
  }

  /** A real SDK client bound to this fake (shared; closed with the fake). */
  public SecretsManagerClient client() {
    return client;
  }

  /** Seeds a secret without going through HTTP and returns its ARN. */
  public String createSecret(String name, String secretString) {
    Secret created = newVersion(name, secretString, Optional.empty());
    if (byName.putIfAbsent(name, created) != null) {
      throw new IllegalArgumentException("secret already exists: " + name);
    }
    return created.arn();
  }

  /** How many GetSecretValue requests arrived over HTTP (lets tests check client-side caching). */
  public int getSecretValueCalls() {
    return getSecretValueCalls.get();
  }

  @Override
  public void close() {
    client.close();
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Reply reply;
      try {
        reply = dispatch(exchange);
      } catch (IOException e) {
        reply = new Reply(400, error("SerializationException", "request body is not JSON"));
      } catch (RuntimeException e) {
        reply = new Reply(500, error("InternalServiceError", e.getClass().getSimpleName()));
      }
      reply(exchange, reply.status(), reply.body());
    }
  }

  private Reply dispatch(HttpExchange exchange) throws IOException {
    String target = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target")).orElse("");
    String authorization = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse("");
    if (!authorization.startsWith("AWS4-HMAC-SHA256 ")) {
      return new Reply(400, error("MissingAuthenticationTokenException", "request is not SigV4-signed"));
    }
    JsonNode request;
    try (InputStream in = exchange.getRequestBody()) {
      request = JSON.readTree(in.readAllBytes());
    }
    String operation = target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : target;
    return switch (operation) {
      case "GetSecretValue" -> getSecretValue(request);
      case "CreateSecret" -> createSecret(request);
      case "PutSecretValue" -> putSecretValue(request);
      default -> new Reply(400, error("UnknownOperationException", "not supported by the local fake: " + target));
    };
  }

  private record Reply(int status, ObjectNode body) {}

  private Reply getSecretValue(JsonNode request) {
    getSecretValueCalls.incrementAndGet();
    Optional<Secret> secret = find(text(request, "SecretId"));
    if (secret.isEmpty()) {
      return notFound();
    }
    Secret s = secret.get();
    ObjectNode body = describe(s);
    body.put("SecretString", s.value());
    body.put("CreatedDate", s.createdAt().getEpochSecond());
    return new Reply(200, body);
  }

  private Reply createSecret(JsonNode request) {
    String name = text(request, "Name");
    if (name.isEmpty() || !request.hasNonNull("SecretString")) {
      return new Reply(400, error("InvalidParameterException", "Name and SecretString are required by the local fake"));
    }
    Secret created = newVersion(name, request.get("SecretString").asText(), Optional.empty());
    if (byName.putIfAbsent(name, created) != null) {
      return new Reply(400, error("ResourceExistsException", "the secret " + name + " already exists"));
    }
    return new Reply(200, describe(created));
  }

  private Reply putSecretValue(JsonNode request) {
    Optional<Secret> existing = find(text(request, "SecretId"));
    if (existing.isEmpty()) {
      return notFound();
    }
    if (!request.hasNonNull("SecretString")) {
      return new Reply(400, error("InvalidParameterException", "SecretString is required by the local fake"));
    }
    Secret updated = newVersion(existing.get().name(), request.get("SecretString").asText(), Optional.of(existing.get().arn()));
    byName.put(updated.name(), updated);
    return new Reply(200, describe(updated));
  }

  private Optional<Secret> find(String secretId) {
    return Optional.ofNullable(byName.get(secretId))
        .or(() -> byName.values().stream().filter(s -> s.arn().equals(secretId)).findFirst());
  }

  private Secret newVersion(String name, String value, Optional<String> arn) {
    String suffix = random.ints(6, 0, ALPHANUMERIC.length())
        .mapToObj(i -> String.valueOf(ALPHANUMERIC.charAt(i)))
        .reduce("", String::concat);
    String secretArn = arn.orElse("arn:aws:secretsmanager:" + LocalAws.REGION.id() + ":" + LocalAws.ACCOUNT_ID
        + ":secret:" + name + "-" + suffix);
    return new Secret(secretArn, name, UUID.randomUUID().toString(), value, Instant.now());
  }

  private static ObjectNode describe(Secret s) {
    ObjectNode body = JSON.createObjectNode();
    body.put("ARN", s.arn());
    body.put("Name", s.name());
    body.put("VersionId", s.versionId());
    body.putArray("VersionStages").add("AWSCURRENT");
    return body;
  }

  private static Reply notFound() {
    return new Reply(400, error("ResourceNotFoundException", "Secrets Manager can't find the specified secret."));
  }

  private static String text(JsonNode request, String field) {
    JsonNode node = request.get(field);
    return node == null || node.isNull() ? "" : node.asText();
  }

  private static ObjectNode error(String type, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("__type", type);
    body.put("message", message);
    return body;
  }

  private static void reply(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}

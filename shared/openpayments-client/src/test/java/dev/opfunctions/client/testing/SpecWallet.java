package dev.opfunctions.client.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.client.OpenPaymentsClient;
import dev.opfunctions.client.http.ClientConfig;
import dev.opfunctions.client.http.RetryPolicy;
import dev.opfunctions.openapi.OpenApiSpec;
import dev.opfunctions.openapi.OpenApiSpecs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake Open Payments wallet on one {@link FakeServer}: wallet addresses at {@code /alice} and
 * {@code /shop}, the auth server at {@code /auth}, the resource server at {@code /op}. Every request
 * the client sends (body, query string, signature) and every answer the test scripts are checked
 * against the Open Payments specs; {@link #violations()} lists what failed.
 */
public final class SpecWallet implements AutoCloseable {

    private static OpenApiSpecs specs;
    private static final ObjectMapper JSON = new ObjectMapper();

    public final FakeServer server = new FakeServer();
    public final RecordingSigner signer = new RecordingSigner();
    public final RecordingSleeper sleeper = new RecordingSleeper();
    public final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));
    private final List<String> violations = new CopyOnWriteArrayList<>();

    public SpecWallet() {
        server.observer(this::check);
    }

    public static synchronized OpenApiSpecs specs() {
        if (specs == null) specs = OpenApiSpecs.load();
        return specs;
    }

    public String base() {
        return server.base();
    }

    public String alice() {
        return base() + "/alice";
    }

    public String shop() {
        return base() + "/shop";
    }

    public String authServer() {
        return base() + "/auth";
    }

    public String resourceServer() {
        return base() + "/op";
    }

    /** A client for the shop, allowed to use plain http on 127.0.0.1, with instant retries. */
    public OpenPaymentsClient client() {
        return OpenPaymentsClient.builder()
                .walletAddressUrl(shop())
                .requestSigner(signer)
                .config(ClientConfig.defaults()
                        .withLocalDevelopment(true)
                        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
                        .withRetryPolicy(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40))))
                .clock(clock)
                .sleeper(sleeper)
                .random(new Random(3))
                .build();
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** Returns the violations so far and forgets them (for tests that feed a broken answer on purpose). */
    public List<String> takeViolations() {
        List<String> out = List.copyOf(violations);
        violations.clear();
        return out;
    }

    private void check(FakeServer.Recorded r, FakeServer.Answer a) {
        String path = r.path();
        OpenApiSpec spec = path.startsWith("/auth")
                ? specs().authServer()
                : path.startsWith("/op") ? specs().resourceServer() : specs().walletAddressServer();
        String where = r.method() + " " + r.rawTarget();
        if (spec.findOperation(r.method(), path).isEmpty()) {
            violations.add(where + ": no such operation in " + spec.title());
            return;
        }
        JsonNode body = r.body().length == 0 ? null : parse(r.bodyText(), where);
        spec.validateRequest(r.method(), path, body).forEach(e -> violations.add(where + " request " + e));
        if (r.method().equals("GET") && path.startsWith("/op")) {
            int q = r.rawTarget().indexOf('?');
            spec.validateQuery(r.method(), path, q < 0 ? "" : r.rawTarget().substring(q + 1))
                    .forEach(e -> violations.add(where + " " + e));
        }
        boolean mustSign = r.method().equals("POST") || r.header("Authorization") != null;
        if (mustSign != (r.header("Signature") != null))
            violations.add(where + (mustSign ? " is not signed" : " is signed without need"));
        if (r.header("Signature") != null) {
            String problem = signer.verify(r, base());
            if (problem != null) violations.add(where + " signature: " + problem);
        }
        // 5xx answers are transport trouble the specs do not describe (and 599 marks an unscripted request).
        if (a.status() < 500) {
            JsonNode answer = a.body() == null ? null : parse(a.body(), where);
            spec.validateResponse(r.method(), path, a.status(), answer)
                    .forEach(e -> violations.add(where + " answer " + a.status() + " " + e));
        }
    }

    private JsonNode parse(String text, String where) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            violations.add(where + ": not JSON: " + text);
            return null;
        }
    }

    @Override
    public void close() {
        server.close();
    }
}

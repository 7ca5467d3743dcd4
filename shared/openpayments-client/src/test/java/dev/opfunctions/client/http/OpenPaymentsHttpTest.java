package dev.opfunctions.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.client.OpenPaymentsException;
import dev.opfunctions.client.OpenPaymentsException.Kind;
import dev.opfunctions.client.testing.FakeServer;
import dev.opfunctions.client.testing.FakeServer.Answer;
import dev.opfunctions.client.testing.RecordingSigner;
import dev.opfunctions.client.testing.RecordingSleeper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenPaymentsHttpTest {

    private static final String TOKEN = "OS9M2PMHKUR64TB8N6BW7OZB8CDFONP219RP1LT0";

    private final FakeServer server = new FakeServer();
    private final RecordingSigner signer = new RecordingSigner();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private OpenPaymentsHttp http = client(ClientConfig.defaults().withLocalDevelopment(true));

    private OpenPaymentsHttp client(ClientConfig config) {
        return new OpenPaymentsHttp(config, signer, sleeper, new Random(7));
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    @Test
    void sendsExactlyTheSignedBytesUrlAndHeaders() {
        server.on("POST", "/tenant1/incoming-payments", Answer.json(201, "{}"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("walletAddress", "https://ilp.example.com/alice");
        body.put("note", "a&b é");

        http.send(ApiRequest.post(server.base() + "/tenant1/incoming-payments", TOKEN, body));

        FakeServer.Recorded r = server.last();
        assertEquals("{\"walletAddress\":\"https://ilp.example.com/alice\",\"note\":\"a&b é\"}", r.bodyText());
        assertEquals("GNAP " + TOKEN, r.header("Authorization"));
        assertEquals("application/json", r.header("Content-Type"));
        assertTrue(r.header("Signature-Input")
                .contains("\"authorization\" \"content-digest\" \"content-length\" \"content-type\""));
        assertNull(signer.verify(r, server.base()));
    }

    @Test
    void keepsAnEncodedQueryStringByteForByte() {
        String target = "/incoming-payments?wallet-address=https%3A%2F%2Filp.example.com%2Falice&first=10";
        server.on("GET", "/incoming-payments", Answer.json(200, "{}"));

        http.send(ApiRequest.get(server.base() + target, TOKEN));

        assertEquals(target, server.last().rawTarget());
        assertEquals(List.of(server.base() + target), signer.signedUris());
        assertNull(signer.verify(server.last(), server.base()));
    }

    @Test
    void leavesUnauthenticatedGetsUnsigned() {
        server.on("GET", "/alice", Answer.json(200, "{}"));

        http.send(ApiRequest.get(server.base() + "/alice", null));

        assertNull(server.last().header("Signature"));
        assertNull(server.last().header("Authorization"));
        assertEquals(List.of(), signer.signedUris());
    }

    @Test
    void rewritesHttpsToHttpInLocalDevelopmentAndSignsTheRewrittenUrl() {
        server.on("GET", "/alice/jwks.json", Answer.json(200, "{\"keys\":[]}"));

        ApiResponse r = http.send(ApiRequest.get(server.httpsBase() + "/alice/jwks.json", TOKEN));

        assertEquals(server.base() + "/alice/jwks.json", r.url());
        assertEquals(List.of(server.base() + "/alice/jwks.json"), signer.signedUris());
    }

    @Test
    void refusesPlainHttpOutsideLocalDevelopmentBeforeSending() {
        http = client(ClientConfig.defaults());

        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class, () -> http.send(ApiRequest.get(server.base() + "/alice", null)));

        assertEquals(Kind.INVALID_REQUEST, e.kind());
        assertEquals("url", e.field());
        assertEquals(0, server.requests().size());
    }

    @Test
    void refusesSignedRequestsWithoutASigner() {
        http = new OpenPaymentsHttp(ClientConfig.defaults().withLocalDevelopment(true), null, sleeper, new Random(1));

        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class, () -> http.send(ApiRequest.post(server.base() + "/", null, Map.of())));

        assertEquals("signer", e.field());
        assertEquals(0, server.requests().size());
    }

    @Test
    void retriesGetOn503ThenSucceeds() {
        server.on(
                "GET",
                "/quotes/q1",
                Answer.json(503, "{}"),
                Answer.json(503, "{}"),
                Answer.json(200, "{\"id\":\"q1\"}"));

        ApiResponse r = http.send(ApiRequest.get(server.base() + "/quotes/q1", TOKEN));

        assertEquals(200, r.status());
        assertEquals(3, server.requests().size());
        assertEquals(2, sleeper.waits().size());
    }

    @Test
    void neverRetriesPost() {
        server.on(
                "POST",
                "/outgoing-payments",
                Answer.json(503, "{\"error\":{\"code\":\"503\",\"description\":\"busy\"}}"),
                Answer.json(201, "{}"));

        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class,
                () -> http.send(ApiRequest.post(server.base() + "/outgoing-payments", TOKEN, Map.of("quoteId", "q"))));

        assertEquals(1, server.requests().size());
        assertEquals(503, e.status());
        assertTrue(e.transientFailure());
        assertFalse(e.retryable());
        assertEquals(List.of(), sleeper.waits());
    }

    @Test
    void givesUpAfterMaxAttemptsWithCappedBackoff() {
        http = client(ClientConfig.defaults()
                .withLocalDevelopment(true)
                .withRetryPolicy(new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(300))));
        server.handler(r -> Answer.json(500, "{\"error\":{\"code\":\"500\",\"description\":\"boom\"}}"));

        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class, () -> http.send(ApiRequest.delete(server.base() + "/token/1", TOKEN)));

        assertEquals(6, server.requests().size());
        assertEquals(5, sleeper.waits().size());
        assertTrue(sleeper.waits().stream().allMatch(d -> d.toMillis() <= 300), () -> "waits " + sleeper.waits());
        assertTrue(
                sleeper.waits().get(4).toMillis() >= 150, "late waits sit at the cap, jittered down at most by half");
        assertTrue(e.retryable());
    }

    @Test
    void honoursRetryAfterUpToTheCap() {
        server.on("GET", "/x", Answer.json(429, "{}").withHeader("Retry-After", "60"), Answer.json(200, "{}"));

        http.send(ApiRequest.get(server.base() + "/x", TOKEN));

        assertEquals(List.of(RetryPolicy.defaults().maxBackoff()), sleeper.waits());
    }

    @Test
    void doesNotRetryClientErrors() {
        server.on("GET", "/x", Answer.json(404, "{\"error\":{\"code\":\"404\",\"description\":\"Not Found\"}}"));

        OpenPaymentsException e =
                assertThrows(OpenPaymentsException.class, () -> http.send(ApiRequest.get(server.base() + "/x", TOKEN)));

        assertEquals(1, server.requests().size());
        assertFalse(e.retryable());
    }

    @Test
    void mapsAuthServerErrorBody() {
        server.on(
                "POST",
                "/continue/abc",
                Answer.json(
                        400,
                        "{\"error\":{\"code\":\"too_fast\",\"description\":\"Requested grant continuation too quickly\"}}"));

        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class,
                () -> http.send(ApiRequest.post(server.base() + "/continue/abc", "CONTINUE-TOKEN-SECRET", null)));

        assertEquals(Kind.HTTP, e.kind());
        assertEquals(400, e.status());
        assertEquals("too_fast", e.errorCode());
        assertEquals("Requested grant continuation too quickly", e.errorDescription());
        assertEquals("POST", e.method());
        assertEquals(server.base() + "/continue/abc", e.requestUrl());
        assertFalse(e.getMessage().contains("CONTINUE-TOKEN-SECRET"));
        assertFalse(e.toString().contains("CONTINUE-TOKEN-SECRET"));
    }

    @Test
    void mapsNonJsonErrorBodyAndMissingCode() {
        server.on("GET", "/a", Answer.json(502, "<html>bad gateway</html>"));
        server.on("POST", "/b", Answer.json(400, "{\"error\":{\"description\":\"body/access_token must be object\"}}"));
        http = client(ClientConfig.defaults().withLocalDevelopment(true).withRetryPolicy(RetryPolicy.none()));

        OpenPaymentsException a =
                assertThrows(OpenPaymentsException.class, () -> http.send(ApiRequest.get(server.base() + "/a", null)));
        OpenPaymentsException b = assertThrows(
                OpenPaymentsException.class, () -> http.send(ApiRequest.post(server.base() + "/b", null, Map.of())));

        assertEquals("<html>bad gateway</html>", a.errorDescription());
        assertNull(b.errorCode());
        assertEquals("body/access_token must be object", b.errorDescription());
    }

    @Test
    void timesOutASlowServerAndRetriesOnlyIdempotentRequests() {
        http = client(new ClientConfig(
                Duration.ofSeconds(2),
                Duration.ofMillis(150),
                new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1)),
                true));
        server.handler(r -> Answer.json(200, "{}").delayed(600));

        OpenPaymentsException get = assertThrows(
                OpenPaymentsException.class, () -> http.send(ApiRequest.get(server.base() + "/slow", TOKEN)));
        int afterGet = server.requests().size();
        OpenPaymentsException post = assertThrows(
                OpenPaymentsException.class,
                () -> http.send(ApiRequest.post(server.base() + "/slow", TOKEN, Map.of())));

        assertEquals(Kind.TIMEOUT, get.kind());
        assertEquals(2, afterGet);
        assertEquals(Kind.TIMEOUT, post.kind());
        assertFalse(post.retryable());
        assertEquals(3, server.requests().size());
    }

    @Test
    void mapsConnectionRefusedToConnectionKind() {
        String deadBase = server.base();
        server.close();

        OpenPaymentsException e =
                assertThrows(OpenPaymentsException.class, () -> http.send(ApiRequest.get(deadBase + "/x", null)));

        assertEquals(Kind.CONNECTION, e.kind());
        assertTrue(e.retryable());
        assertEquals(2, sleeper.waits().size(), "three attempts, two waits");
    }

    @Test
    void backoffGrowsExponentiallyWithJitterWithinBounds() {
        RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000));
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            long first = p.backoff(1, random).toMillis();
            long third = p.backoff(3, random).toMillis();
            long tenth = p.backoff(10, random).toMillis();
            assertTrue(first >= 50 && first <= 100, "first " + first);
            assertTrue(third >= 200 && third <= 400, "third " + third);
            assertTrue(tenth >= 500 && tenth <= 1000, "tenth " + tenth);
        }
    }

    @Test
    void keepsTokensOutOfToStrings() {
        ApiRequest request = ApiRequest.post(server.base() + "/x", TOKEN, Map.of("a", 1));
        dev.opfunctions.client.token.AccessToken token =
                new dev.opfunctions.client.token.AccessToken(TOKEN, server.base() + "/token/1", null, List.of());
        dev.opfunctions.client.grant.Continuation continuation =
                dev.opfunctions.client.grant.Continuation.of(TOKEN, server.base() + "/continue/1", 5);

        for (Object o : List.of(request, token, continuation))
            assertFalse(o.toString().contains(TOKEN), o.getClass().getSimpleName());
    }
}

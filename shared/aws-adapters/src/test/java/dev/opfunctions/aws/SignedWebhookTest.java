package dev.opfunctions.aws;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpServer;
import dev.opfunctions.checkout.events.WebhookEndpoint;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A webhook POSTed to a local endpoint verifies with the Standard Webhooks library's own {@code Webhook.verify}. */
class SignedWebhookTest {

    private static final String OLD = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String NEW = "whsec_c2Vjb25kLXNlY3JldC1mb3Itcm90YXRpb24=";

    private record Received(String path, Map<String, List<String>> headers, String body) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    private URI serve(int status, String location) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            Map<String, List<String>> headers = new HashMap<>();
            x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v));
            received.add(new Received(
                    x.getRequestURI().getPath(),
                    headers,
                    new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            if (location != null) x.getResponseHeaders().add("Location", location);
            byte[] big = new byte[64 * 1024];
            x.sendResponseHeaders(status, big.length);
            x.getResponseBody().write(big);
            x.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks?token=shop-secret");
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    @Test
    void aWebhookSignedDuringARotationVerifiesWithEitherSecret() throws Exception {
        URI url = serve(204, null);
        String body =
                "{\"type\":\"checkout.completed\",\"timestamp\":\"2026-03-12T23:30:00Z\",\"data\":{\"id\":\"evt_c_8\"}}";
        Instant at = Instant.now();

        var answer = new HttpWebhookEndpoint(url, () -> List.of(OLD, NEW)).post("evt_c_8", at, body);

        assertEquals(new WebhookEndpoint.Answer.Status(204), answer);
        Received r = received.get(0);
        assertEquals(body, r.body());
        assertEquals(List.of("evt_c_8"), r.headers().get("webhook-id"));
        assertEquals(List.of(Long.toString(at.getEpochSecond())), r.headers().get("webhook-timestamp"));
        assertEquals(List.of("application/json"), r.headers().get("content-type"));
        assertTrue(r.headers().get("webhook-signature").get(0).matches("v1,\\S+ v1,\\S+"));
        assertDoesNotThrow(() -> new Webhook(OLD).verify(r.body(), r.headers()));
        assertDoesNotThrow(() -> new Webhook(NEW).verify(r.body(), r.headers()));
        assertThrows(
                WebhookVerificationException.class,
                () -> new Webhook("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24]))
                        .verify(r.body(), r.headers()));
        assertThrows(WebhookVerificationException.class, () -> new Webhook(NEW).verify(r.body() + " ", r.headers()));
    }

    @Test
    void aRedirectIsNotFollowedAndGoneIsReportedAsItIs() throws Exception {
        URI url = serve(302, "/elsewhere");
        var endpoint = new HttpWebhookEndpoint(url, () -> List.of(NEW));

        var answer = endpoint.post("evt_c_9", Instant.now(), "{}");

        assertEquals(new WebhookEndpoint.Answer.Status(302), answer);
        assertEquals(List.of("/webhooks"), received.stream().map(Received::path).toList());
        assertEquals(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks",
                endpoint.describe(),
                "no query string (it may carry the shop's token) in logs");
    }

    @Test
    void anUnusableSecretFailsWithoutShowingIt() throws Exception {
        URI url = serve(204, null);
        String broken = "whsec_not*base64*at-all";

        var e = assertThrows(
                IllegalStateException.class,
                () -> new HttpWebhookEndpoint(url, () -> List.of(broken)).post("evt_c_11", Instant.now(), "{}"));

        assertTrue(!e.getMessage().contains("not*base64"), e.getMessage());
        assertTrue(received.isEmpty(), "nothing unsigned is sent");
    }

    @Test
    void anEndpointNobodyListensOnIsUnreachable() throws Exception {
        URI url = serve(200, null);
        server.stop(0);

        var answer = new HttpWebhookEndpoint(url, () -> List.of(NEW)).post("evt_c_10", Instant.now(), "{}");

        assertInstanceOf(WebhookEndpoint.Answer.Unreachable.class, answer);
    }
}

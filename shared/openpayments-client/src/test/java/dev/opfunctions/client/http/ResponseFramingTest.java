package dev.opfunctions.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.client.OpenPaymentsException;
import dev.opfunctions.client.OpenPaymentsException.Kind;
import dev.opfunctions.client.testing.FakeServer;
import dev.opfunctions.client.testing.FakeServer.Answer;
import dev.opfunctions.client.testing.RawServer;
import dev.opfunctions.client.testing.RecordingSigner;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** HTTP/1.1 as servers really send it: chunked, close-delimited, interim answers; and redirects never followed. */
class ResponseFramingTest {

    private final OpenPaymentsHttp http = new OpenPaymentsHttp(
            ClientConfig.defaults().withLocalDevelopment(true), new RecordingSigner(), d -> {}, new Random(1));

    private ApiResponse get(String raw) {
        try (RawServer server = new RawServer(Answers.exactly(raw))) {
            return http.send(ApiRequest.get(server.base() + "/alice", null));
        }
    }

    @Test
    void readsAChunkedBodyWithExtensionsAndTrailers() {
        ApiResponse r = get("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Id: 1\r\n\r\n"
                + "5;ext=1\r\n{\"a\":\r\n3\r\n 1}\r\n0\r\nTrailer-Field: x\r\n\r\n");

        assertEquals("{\"a\": 1}", new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("1", r.headers().firstValue("x-id").orElseThrow());
    }

    @Test
    void readsABodyThatEndsWithTheConnection() {
        ApiResponse r = get("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n{\"b\":2}");

        assertEquals("{\"b\":2}", new String(r.body(), StandardCharsets.UTF_8));
    }

    @Test
    void skipsAnInterimAnswer() {
        ApiResponse r = get("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");

        assertEquals(200, r.status());
        assertEquals("{}", new String(r.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aTruncatedBodyIsAConnectionFailure() {
        OpenPaymentsException e =
                assertThrows(OpenPaymentsException.class, () -> get("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{}"));

        assertEquals(Kind.CONNECTION, e.kind());
        assertTrue(e.getMessage().contains("connection closed after 2 of 10 body bytes"), e.getMessage());
    }

    @Test
    void sendsTheHostTheWireUrlNamesAndAskedForNoKeepAlive() {
        try (RawServer server = new RawServer(Answers.exactly("HTTP/1.1 204 No Content\r\n\r\n"))) {
            http.send(ApiRequest.get(server.base() + "/alice?x=1", null));

            String head = server.heads().get(0);
            assertTrue(head.startsWith("GET /alice?x=1 HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n"), head);
            assertTrue(head.contains("\r\nConnection: close\r\n"), head);
        }
    }

    @Test
    void aRedirectIsAnErrorAndItsTargetIsNeverAsked() {
        try (FakeServer server = new FakeServer()) {
            server.on("GET", "/alice", Answer.empty(302).withHeader("Location", server.base() + "/elsewhere"));
            server.on("POST", "/grant", Answer.empty(307).withHeader("Location", server.base() + "/elsewhere"));

            OpenPaymentsException get = assertThrows(
                    OpenPaymentsException.class, () -> http.send(ApiRequest.get(server.base() + "/alice", null)));
            OpenPaymentsException post = assertThrows(
                    OpenPaymentsException.class,
                    () -> http.send(ApiRequest.post(server.base() + "/grant", null, Map.of())));

            assertEquals(Kind.HTTP, get.kind());
            assertEquals(302, get.status());
            assertEquals(307, post.status());
            assertEquals(
                    List.of("/alice", "/grant"),
                    server.requests().stream().map(FakeServer.Recorded::path).toList());
        }
    }

    @Test
    void aHeaderWithALineBreakIsRefusedBeforeConnecting() throws Exception {
        try (RawServer server = new RawServer(Answers.exactly("HTTP/1.1 204 No Content\r\n\r\n"))) {
            HttpTransport transport = new HttpTransport(ClientConfig.defaults());

            assertThrows(
                    IllegalArgumentException.class,
                    () -> transport.exchange(
                            "GET",
                            URI.create(server.base() + "/a"),
                            List.of(Map.entry("Authorization", "GNAP t\r\nX-Injected: 1")),
                            null,
                            Duration.ofSeconds(2)));

            assertEquals(List.of(), server.heads());
        }
    }
}

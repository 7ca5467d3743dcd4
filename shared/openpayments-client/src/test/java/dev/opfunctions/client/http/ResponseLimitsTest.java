package dev.opfunctions.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.client.OpenPaymentsException;
import dev.opfunctions.client.OpenPaymentsException.Kind;
import dev.opfunctions.client.http.Answers.Framing;
import dev.opfunctions.client.testing.RawServer;
import dev.opfunctions.client.testing.RecordingSigner;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A wallet's answer is read up to the configured limit and not a byte further. */
class ResponseLimitsTest {

    /** Loopback socket buffers hold a few MB whatever the client does; 200 MB is what the server tried to send. */
    private static final long FAR_BELOW_200_MB = 24L << 20;

    private static OpenPaymentsHttp client(ClientConfig config) {
        return new OpenPaymentsHttp(config.withLocalDevelopment(true), new RecordingSigner(), d -> {}, new Random(1));
    }

    @ParameterizedTest
    @EnumSource(Framing.class)
    void aTwoHundredMegabyteAnswerIsRefusedAfterAboutTheLimit(Framing framing) throws Exception {
        try (RawServer server = new RawServer(Answers.huge(framing, Answers.MB_200))) {
            OpenPaymentsHttp http = client(ClientConfig.defaults());

            OpenPaymentsException e = assertThrows(
                    OpenPaymentsException.class, () -> http.send(ApiRequest.get(server.base() + "/alice", null)));

            server.awaitHandlers(20);
            assertEquals(Kind.RESPONSE_TOO_LARGE, e.kind());
            assertTrue(e.getMessage().contains("HTTP 200 answered with more than 1 MiB"), e.getMessage());
            assertFalse(e.retryable());
            assertEquals(1, server.heads().size(), "not retried: the same request would get the same answer");
            long written = server.bytesWritten();
            assertTrue(
                    written < FAR_BELOW_200_MB, "the server got " + written + " bytes out before the client hung up");
        }
    }

    @Test
    void anAnswerOfExactlyTheLimitIsReadAndOneByteMoreIsNot() throws Exception {
        String fits = "\"" + " ".repeat(998) + "\"";
        OpenPaymentsHttp http = client(ClientConfig.defaults().withMaxResponseBytes(1000));
        try (RawServer ok = new RawServer(Answers.exactly("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + fits));
                RawServer over = new RawServer(Answers.huge(Framing.UNTIL_CLOSE, 1001))) {

            ApiResponse answer = http.send(ApiRequest.get(ok.base() + "/a", null));
            OpenPaymentsException e = assertThrows(
                    OpenPaymentsException.class, () -> http.send(ApiRequest.get(over.base() + "/b", null)));

            assertEquals(1000, answer.body().length);
            assertEquals(Kind.RESPONSE_TOO_LARGE, e.kind());
            assertTrue(e.getMessage().contains("more than 1000 bytes"), e.getMessage());
        }
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBodyIsRead() throws Exception {
        try (RawServer server = new RawServer(
                Answers.exactly("HTTP/1.1 201 Created\r\nContent-Length: 5000000\r\n\r\n{\"id\":\"x\"}"))) {
            OpenPaymentsHttp http = client(ClientConfig.defaults());

            OpenPaymentsException e = assertThrows(
                    OpenPaymentsException.class,
                    () -> http.send(ApiRequest.post(server.base() + "/incoming-payments", "t", Map.of())));

            assertEquals(Kind.RESPONSE_TOO_LARGE, e.kind());
            assertTrue(e.getMessage().contains("HTTP 201 answered with more than 1 MiB"), e.getMessage());
        }
    }

    @Test
    void endlessHeadersAreRefusedAtSixtyFourKibibytes() throws Exception {
        RawServer.Script endless = out -> {
            out.write(Answers.ascii("HTTP/1.1 200 OK\r\n"));
            byte[] line = Answers.ascii("X-Padding: " + "a".repeat(1000) + "\r\n");
            for (int i = 0; i < 100_000; i++) out.write(line);
        };
        try (RawServer server = new RawServer(endless)) {
            OpenPaymentsHttp http = client(ClientConfig.defaults());

            OpenPaymentsException e = assertThrows(
                    OpenPaymentsException.class, () -> http.send(ApiRequest.get(server.base() + "/a", null)));

            server.awaitHandlers(20);
            assertEquals(Kind.RESPONSE_TOO_LARGE, e.kind());
            assertTrue(e.getMessage().contains("headers larger than 64 KiB"), e.getMessage());
            assertTrue(server.bytesWritten() < FAR_BELOW_200_MB, "wrote " + server.bytesWritten());
        }
    }

    @Test
    void anErrorAnswerIsBoundedToo() throws Exception {
        try (RawServer server = new RawServer(
                Answers.exactly("HTTP/1.1 500 Oops\r\nContent-Length: 2000\r\n\r\n" + "x".repeat(2000)))) {
            OpenPaymentsHttp http = client(ClientConfig.defaults().withMaxResponseBytes(1024));

            OpenPaymentsException e = assertThrows(
                    OpenPaymentsException.class, () -> http.send(ApiRequest.get(server.base() + "/a", null)));

            assertEquals(Kind.RESPONSE_TOO_LARGE, e.kind());
            assertTrue(e.getMessage().contains("HTTP 500 answered with more than 1 KiB"), e.getMessage());
        }
    }
}

package dev.opfunctions.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.client.Deadline;
import dev.opfunctions.client.OpenPaymentsException;
import dev.opfunctions.client.OpenPaymentsException.Kind;
import dev.opfunctions.client.testing.RawServer;
import dev.opfunctions.client.testing.RecordingSigner;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The time budget covers the whole exchange: a body that trickles in is cut at the budget, not after it. */
class ExchangeBudgetTest {

    /** Headers at once, then one byte a second of a 1000-byte body: without a whole-exchange limit, 1000 s. */
    private static final RawServer.Script ONE_BYTE_A_SECOND = Answers.trickle(1000, 1000);

    @Test
    void aTricklingBodyEndsAtTheCallersDeadline() {
        OpenPaymentsHttp http = new OpenPaymentsHttp(
                ClientConfig.defaults().withLocalDevelopment(true), new RecordingSigner(), d -> {}, new Random(1));
        try (RawServer server = new RawServer(ONE_BYTE_A_SECOND);
                RawServer quick =
                        new RawServer(Answers.exactly("HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}"))) {
            // A first signed POST loads the signing and JSON code, so the budget below is spent on the exchange alone.
            http.send(ApiRequest.post(quick.base() + "/quotes", "t", Map.of()));
            long started = System.nanoTime();

            OpenPaymentsException e = assertThrows(
                    OpenPaymentsException.class,
                    () -> Deadline.after(Duration.ofMillis(1500))
                            .run(() -> http.send(ApiRequest.post(server.base() + "/quotes", "t", Map.of()))));

            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(Kind.DEADLINE, e.kind());
            assertTrue(e.getMessage().contains("no complete response within"), e.getMessage());
            assertTrue(
                    tookMillis >= 1400 && tookMillis < 2500, "ended after " + tookMillis + " ms of a 1500 ms budget");
        }
    }

    @Test
    void aTricklingBodyEndsAtTheRequestTimeoutWithoutADeadline() {
        OpenPaymentsHttp http = new OpenPaymentsHttp(
                new ClientConfig(Duration.ofSeconds(1), Duration.ofMillis(1200), RetryPolicy.none(), true),
                new RecordingSigner(),
                d -> {},
                new Random(1));
        try (RawServer server = new RawServer(ONE_BYTE_A_SECOND)) {
            long started = System.nanoTime();

            OpenPaymentsException e = assertThrows(
                    OpenPaymentsException.class, () -> http.send(ApiRequest.get(server.base() + "/alice", null)));

            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(Kind.TIMEOUT, e.kind());
            assertTrue(tookMillis >= 1100 && tookMillis < 2200, "ended after " + tookMillis + " ms of a 1200 ms limit");
        }
    }

    @Test
    void aServerThatAcceptsButNeverAnswersEndsAtTheBudget() {
        OpenPaymentsHttp http = new OpenPaymentsHttp(
                new ClientConfig(Duration.ofSeconds(1), Duration.ofMillis(700), RetryPolicy.none(), true),
                new RecordingSigner(),
                d -> {},
                new Random(1));
        try (RawServer server = new RawServer(out -> Thread.sleep(60_000))) {
            long started = System.nanoTime();

            OpenPaymentsException e = assertThrows(
                    OpenPaymentsException.class, () -> http.send(ApiRequest.get(server.base() + "/alice", null)));

            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(Kind.TIMEOUT, e.kind());
            assertTrue(tookMillis >= 650 && tookMillis < 1700, "ended after " + tookMillis + " ms");
        }
    }
}

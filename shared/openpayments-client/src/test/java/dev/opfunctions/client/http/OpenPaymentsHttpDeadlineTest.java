package dev.opfunctions.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.client.Deadline;
import dev.opfunctions.client.OpenPaymentsException;
import dev.opfunctions.client.OpenPaymentsException.Kind;
import dev.opfunctions.client.testing.FakeServer;
import dev.opfunctions.client.testing.FakeServer.Answer;
import dev.opfunctions.client.testing.RecordingSigner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each attempt gets at most what is left of the caller's deadline, and no retry starts that cannot fit. */
class OpenPaymentsHttpDeadlineTest {

    private final FakeServer server = new FakeServer();
    /** Nanoseconds on a hand-moved ticker: waiting between retries moves it, so retry decisions are exact. */
    private final AtomicLong now = new AtomicLong();

    private final List<Duration> waits = new ArrayList<>();
    private final Sleeper ticking = d -> {
        waits.add(d);
        now.addAndGet(d.toNanos());
    };
    private final OpenPaymentsHttp http = new OpenPaymentsHttp(
            ClientConfig.defaults().withLocalDevelopment(true), new RecordingSigner(), ticking, new Random(7));

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    @Test
    void aSlowServerIsCutAtTheDeadlineNotAtTheRequestTimeout() {
        server.handler(r -> Answer.json(200, "{}").delayed(5_000));
        long started = System.nanoTime();

        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class,
                () -> Deadline.after(Duration.ofMillis(800))
                        .run(() -> http.send(ApiRequest.post(server.base() + "/quotes", "t", Map.of()))));

        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(Kind.DEADLINE, e.kind());
        assertTrue(e.errorDescription().contains("left of the caller's deadline"), e.getMessage());
        assertTrue(tookMillis < 2_000, "answered after " + tookMillis + " ms although the request timeout is 15 s");
        assertEquals(1, server.requests().size());
    }

    @Test
    void nothingIsSentWhenTooLittleIsLeft() {
        server.handler(r -> Answer.json(201, "{}"));

        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class,
                () -> Deadline.after(OpenPaymentsHttp.MIN_ATTEMPT_TIME.minusMillis(1), now::get)
                        .run(() -> http.send(ApiRequest.post(server.base() + "/incoming-payments", "t", Map.of()))));

        assertEquals(Kind.DEADLINE, e.kind());
        assertTrue(e.errorDescription().startsWith("not sent"), e.getMessage());
        assertEquals(0, server.requests().size());
    }

    @Test
    void aRetryThatCannotFitIsNotStartedAndTheServersOwnAnswerIsReported() {
        // Retry-After 1 s: the first retry fits in 2.2 s (1 s wait + 0.5 s attempt), the second does not.
        server.handler(r -> Answer.json(503, "{\"error\":{\"code\":\"503\",\"description\":\"busy\"}}")
                .withHeader("Retry-After", "1"));

        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class,
                () -> Deadline.after(Duration.ofMillis(2_200), now::get)
                        .run(() -> http.send(ApiRequest.get(server.base() + "/outgoing-payments/1", "t"))));

        assertEquals(Kind.HTTP, e.kind());
        assertEquals(503, e.status());
        assertEquals(2, server.requests().size(), "the policy allows 3 attempts; the deadline allowed 2");
        assertEquals(List.of(Duration.ofSeconds(1)), waits);
    }

    @Test
    void withoutADeadlineTheConfiguredAttemptsAreAllMade() {
        server.handler(r -> Answer.json(503, "{}").withHeader("Retry-After", "1"));

        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class,
                () -> http.send(ApiRequest.get(server.base() + "/outgoing-payments/1", "t")));

        assertEquals(503, e.status());
        assertEquals(3, server.requests().size());
    }
}

package dev.opfunctions.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.opfunctions.aws.local.InvocationResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code --concurrency N}: N execution environments of a function take invocations side by side, as
 * Lambda scales out; one environment still runs them one at a time. The environments are direct
 * functions (what {@code --direct} launches) over a handler that holds each invocation for a while and
 * counts how many it holds at once.
 */
class FunctionPoolTest {
    private static final Duration HOLD = Duration.ofMillis(300);

    /** Holds each invocation for {@link #HOLD}, recording the most held at once across all its instances. */
    static final class SlowHandler implements RequestHandler<Map<String, String>, Map<String, String>> {
        private final AtomicInteger now;
        private final AtomicInteger most;

        SlowHandler(AtomicInteger now, AtomicInteger most) {
            this.now = now;
            this.most = most;
        }

        @Override
        public Map<String, String> handleRequest(Map<String, String> event, Context context) {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                Thread.sleep(HOLD);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                now.decrementAndGet();
            }
            return Map.of("echo", event.get("n"));
        }
    }

    private static final FunctionDefinition SLOW = new FunctionDefinition(
            "SlowFunction",
            "slow",
            SlowHandler.class.getName(),
            Path.of("slow.jar"),
            128,
            Duration.ofSeconds(10),
            Map.of(),
            List.of());

    private final AtomicInteger now = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();

    private LocalFunction environment() {
        return new DirectFunction(SLOW, new SlowHandler(now, most));
    }

    /** Sends {@code n} invocations at once; returns how long until all came back. */
    private static Duration invokeTogether(LocalFunction function, int n) throws Exception {
        long start = System.nanoTime();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<InvocationResult>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String event = "{\"n\":\"" + i + "\"}";
                calls.add(callers.submit(() -> function.invoke(event)));
            }
            for (int i = 0; i < n; i++) {
                InvocationResult.Success ok = assertInstanceOf(
                        InvocationResult.Success.class, calls.get(i).get());
                assertEquals("{\"echo\":\"" + i + "\"}", ok.payload(), "each caller gets its own answer");
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void twoEnvironmentsRunTwoInvocationsAtOnce() throws Exception {
        try (FunctionPool pool = new FunctionPool(List.of(environment(), environment()))) {
            Duration took = invokeTogether(pool, 2);

            assertEquals(2, most.get(), "both invocations were in the handler at the same time");
            assertTrue(took.compareTo(HOLD.multipliedBy(2)) < 0, "side by side, not one after the other: " + took);
            assertEquals(0, pool.busy());
        }
    }

    @Test
    void oneEnvironmentStillRunsInvocationsOneAtATime() throws Exception {
        try (LocalFunction single = environment()) {
            Duration took = invokeTogether(single, 3);

            assertEquals(1, most.get(), "never two in one environment");
            assertTrue(took.compareTo(HOLD.multipliedBy(3)) >= 0, "one after the other: " + took);
        }
    }

    @Test
    void moreInvocationsThanEnvironmentsWaitForAnIdleOne() throws Exception {
        try (FunctionPool pool = new FunctionPool(
                IntStream.range(0, 3).mapToObj(i -> environment()).toList())) {
            Duration took = invokeTogether(pool, 7);

            assertEquals(3, most.get(), "at most as many at once as there are environments");
            assertTrue(took.compareTo(HOLD.multipliedBy(3)) >= 0, "7 on 3 environments take three rounds: " + took);
            assertTrue(took.compareTo(HOLD.multipliedBy(6)) < 0, "but not seven: " + took);
        }
    }

    @Test
    void theSummaryCountsTheEnvironments() {
        try (FunctionPool pool = new FunctionPool(List.of(environment(), environment()))) {
            assertEquals(
                    "2 execution environments: called directly inside the runner (no runtime interface client)",
                    pool.describe());
            assertEquals(2, pool.environments().size());
            assertEquals(SLOW, pool.definition());
        }
    }
}

package dev.opfunctions.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void remainingCountsDownAndNeverGoesNegative() {
        Deadline d = Deadline.after(Duration.ofSeconds(3), now::get);

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        Duration afterOne = d.remaining();
        now.addAndGet(Duration.ofSeconds(5).toNanos());

        assertEquals(Duration.ofSeconds(2), afterOne);
        assertEquals(Duration.ZERO, d.remaining());
        assertFalse(d.allows(Duration.ofMillis(1)));
    }

    @Test
    void aNestedScopeCanShortenButNeverExtendTheDeadline() {
        Deadline outer = Deadline.after(Duration.ofSeconds(10), now::get);
        Deadline longer = Deadline.after(Duration.ofSeconds(60), now::get);
        Deadline shorter = Deadline.after(Duration.ofSeconds(2), now::get);

        Duration inLonger = outer.run(
                () -> longer.run(() -> Deadline.current().orElseThrow().remaining()));
        Duration inShorter = outer.run(
                () -> shorter.run(() -> Deadline.current().orElseThrow().remaining()));

        assertEquals(Duration.ofSeconds(10), inLonger);
        assertEquals(Duration.ofSeconds(2), inShorter);
        assertEquals(Optional.empty(), Deadline.current(), "the binding ends with the scope");
    }

    @Test
    void minusLeavesAReserveForWhatFollows() {
        Deadline d = Deadline.after(Duration.ofSeconds(28), now::get);

        assertEquals(Duration.ofSeconds(25), d.minus(Duration.ofSeconds(3)).remaining());
        assertTrue(d.allows(Duration.ofSeconds(28)));
    }

    @Test
    void tasksAndTheirFollowUpStagesRunUnderTheSubmittersDeadline() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            var executor = Deadline.propagating(pool);
            Deadline d = Deadline.after(Duration.ofSeconds(5));

            CompletableFuture<Optional<Deadline>> chained =
                    d.run(() -> CompletableFuture.supplyAsync(() -> "x", executor)
                            .thenApplyAsync(x -> Deadline.current(), executor));
            Optional<Deadline> outside =
                    CompletableFuture.supplyAsync(Deadline::current, pool).get();

            assertSame(d, chained.get().orElseThrow());
            assertEquals(Optional.empty(), outside, "a pool thread keeps no deadline after the task");
        } finally {
            pool.shutdownNow();
        }
    }
}

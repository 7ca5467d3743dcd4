package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.fakes.RecordingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The hand-overs of a run whose looks add from several threads at once. */
class HandOversTest {

    @Test
    void concurrentAddsNeverMakeABatchLargerThanSqsTakes() throws Exception {
        RecordingQueue queue = new RecordingQueue();
        HandOvers handOvers = new HandOvers(queue);
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                int thread = t;
                threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < 50; i++)
                        handOvers.add(new Command.PrepareInstallment("c-" + thread + "-" + i, 1, 3));
                    return null;
                });
            }
            start.countDown();
            threads.shutdown();
            assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS));
        }
        handOvers.send();

        assertEquals(400, handOvers.sent());
        assertEquals(400, queue.sent().size());
        assertTrue(queue.batches().stream().allMatch(b -> b <= 10), "batches: " + queue.batches());
        assertNull(handOvers.failure("c-0-0"));
    }

    @Test
    void aFailedBatchIsTheOutcomeOfEachOfItsCheckouts() {
        RecordingQueue queue = new RecordingQueue();
        HandOvers handOvers = new HandOvers(queue);
        queue.failNextBatches(1);

        for (int i = 0; i < 12; i++) handOvers.add(new Command.PrepareInstallment("c-" + i, 1, 3));
        handOvers.send();

        assertEquals(2, handOvers.sent(), "the first batch of ten failed, the last two went");
        assertTrue(handOvers.failure("c-0").contains("due again when the claim runs out"));
        assertNull(handOvers.failure("c-11"));
    }
}

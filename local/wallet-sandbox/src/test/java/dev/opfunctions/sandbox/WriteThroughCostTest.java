package dev.opfunctions.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the write-through costs: the same paid purchases (grants, incoming payment, quote, consent,
 * continuation, outgoing payment, settlement) on a sandbox in memory and on one with a state directory,
 * printed per purchase and per write batch; and the journal alone, after a kill, restores the same ledger.
 * The figures are printed, not asserted (they depend on the machine's disk).
 */
class WriteThroughCostTest {

    private static final int PURCHASES = Integer.getInteger("writeThrough.purchases", 60);
    private static final SandboxConfig FAST =
            SandboxConfig.demoWorld().withWaitSeconds(0).withSettlementDelay(Duration.ofMillis(1));

    @TempDir
    Path dir;

    @Test
    void purchasesCostTheSameWorldInMemoryAndWrittenThrough() throws Exception {
        TestKeys keys = TestKeys.generate("cost-key");
        World warmUp = new World(WalletSandbox.start(FAST), keys, true);
        purchases(warmUp, 10);
        warmUp.close();

        World memory = new World(WalletSandbox.start(FAST), keys, true);
        long inMemory = purchases(memory, PURCHASES);
        memory.close();

        World persisted = new World(WalletSandbox.start(FAST, Optional.of(dir)), keys, true);
        long written = purchases(persisted, PURCHASES);
        SandboxPersistence.Stats stats = persisted.sandbox.persistenceStats();
        var ledger = persisted.sandbox.admin().ledgerEntries();
        persisted.sandbox.halt();

        System.out.printf(
                "write-through: %d purchases; in memory %.2f ms per purchase, written through %.2f ms per purchase;"
                        + " %s; per writing batch %.0f us, %.0f bytes, %.1f records%n",
                PURCHASES,
                inMemory / 1e6 / PURCHASES,
                written / 1e6 / PURCHASES,
                stats,
                stats.writingNanos / 1e3 / stats.writingBatches,
                (double) stats.bytes / stats.writingBatches,
                (double) stats.records / stats.writingBatches);
        try (WalletSandbox restored = WalletSandbox.start(FAST, Optional.of(dir))) {
            assertEquals(ledger, restored.admin().ledgerEntries());
            restored.admin().checkMoneyConserved();
        }
    }

    /** Nanoseconds for {@code n} complete purchases from the customer to the retailer. */
    private static long purchases(World world, int n) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            JsonNode quote = world.quote(world.incomingPayment(100 + i));
            String token = world.outgoingGrant(null).at("/access_token/value").asText();
            assertEquals(201, world.pay(token, quote.get("id").asText()).status());
        }
        assertTrue(world.sandbox.admin().awaitPaymentsSettled(Duration.ofSeconds(10)));
        return System.nanoTime() - start;
    }
}

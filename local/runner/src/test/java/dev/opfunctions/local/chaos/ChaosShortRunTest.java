package dev.opfunctions.local.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A short chaos run, part of every build: 24 checkouts of every kind through the real functions in
 * child JVMs, with wallet faults, killed function processes and duplicated and dropped queue
 * messages, and every seventh shopper hostile (a customer wallet that lies); the audit against the
 * sandbox's ledger must find no duplicate, orphan, mismatch or payment to a wallet other than the
 * order's payee, money conserved, every checkout terminal, and every hostile checkout refused with
 * nothing stored. (bin/chaos runs the long one.)
 */
class ChaosShortRunTest {

    @Test
    void twentyFourCheckoutsUnderChaosAndHostileShoppersEndTerminalWithEveryUnitAccountedFor() throws Exception {
        Path repo = Path.of(System.getProperty("repo.root"));
        Path logFile = repo.resolve("local/runner/target/chaos-short-run.log");
        Files.createDirectories(logFile.getParent());
        // Seeded, everything on, the same sweep bound and schedule as bin/chaos.
        ChaosOptions options = new ChaosOptions(
                24,
                8,
                Duration.ofMinutes(4),
                true,
                true,
                true,
                13L,
                Duration.ofSeconds(20),
                Duration.ofSeconds(5),
                0,
                false);
        ChaosReport report;
        try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8), true)) {
            report = ChaosRun.run(options, repo, line -> {
                synchronized (log) {
                    log.println(line);
                }
            });
        }
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        report.print(new PrintStream(table, true, StandardCharsets.UTF_8));
        String printed = table.toString(StandardCharsets.UTF_8);
        System.out.println(printed);

        assertTrue(report.passed(), printed);
        assertEquals(24, report.created() + report.notCreated(), printed);
        assertTrue(report.byState().getOrDefault("completed", 0) > 0, "some checkouts were paid: " + printed);
        assertTrue(report.audit().settledPayments() > 0, printed);
        assertTrue(report.hostile().attempted() >= 3, "hostile shoppers took part: " + printed);
        assertEquals(
                report.hostile().attempted(),
                report.hostile().refused(),
                "every hostile checkout was refused: " + printed);
        assertTrue(
                report.chaos().get("wallet faults fired") > 0 && report.chaos().get("function processes killed") > 0,
                "the chaos really happened: " + printed);
        assertTrue(
                report.moto().startBytes() > 0
                        && report.moto().peakBytes() >= report.moto().startBytes(),
                "the emulator's memory was sampled: " + printed);
        assertTrue(printed.contains("moto (DynamoDB) memory start / peak"), printed);
    }

    @Test
    void optionsAreBoundedAndBadOnesAreRefusedWithAMessage() {
        ChaosOptions o = ChaosOptions.parse(
                new String[] {"--checkouts", "30", "--no-kills", "--seed", "5", "--sweep-seconds", "10"});

        assertEquals(30, o.checkouts());
        assertEquals(false, o.kills());
        assertEquals(true, o.walletFaults());
        assertEquals(5L, o.seed());
        assertEquals(Duration.ofSeconds(10), o.sweepAfter());
        var tooMany = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> ChaosOptions.parse(new String[] {"--checkouts", "100000"}));
        assertTrue(tooMany.getMessage().contains("--checkouts"), tooMany.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> ChaosOptions.parse(new String[] {"--bogus"}));
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> ChaosOptions.parse(new String[] {"--sweep-seconds", "961"}));
    }
}

package dev.opfunctions.local.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.aws.local.SamTemplate;
import dev.opfunctions.local.policy.RecordedCalls;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short chaos run, part of every build: 24 checkouts of every kind through the real functions in
 * child JVMs, with wallet faults, killed function processes and duplicated and dropped queue
 * messages, and every seventh shopper hostile (a customer wallet that lies); the audit against the
 * sandbox's ledger must find no duplicate, orphan, mismatch or payment to a wallet other than the
 * order's payee, money conserved, every checkout terminal, and every hostile checkout refused with
 * nothing stored. Every AWS call the functions make is recorded and must be allowed by that function's
 * policy in template.yaml. (bin/chaos runs the long one.)
 */
class ChaosShortRunTest {

    @Test
    void twentyFourCheckoutsUnderChaosAndHostileShoppersEndTerminalWithEveryUnitAccountedForAndEveryAwsCallAllowed(
            @TempDir Path tmp) throws Exception {
        Path repo = Path.of(System.getProperty("repo.root"));
        // Every function JVM reports its AWS calls (AwsCallRecorder): the run doubles as the check that each
        // function's policy in template.yaml allows every call its code really makes, faults and sweeps included.
        RecordedCalls calls = new RecordedCalls();
        Path recorder = RecordedCalls.recorderClasspath(tmp);
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
            report = ChaosRun.run(
                    options,
                    repo,
                    line -> {
                        calls.accept(line);
                        synchronized (log) {
                            log.println(line);
                        }
                    },
                    settings -> settings.withCode(def -> List.of(def.code(), recorder)),
                    (done, product) -> {});
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
        System.out.println("AWS calls by function: " + calls.byFunction());
        assertEquals(
                Set.of("start-checkout", "consent-finish", "create-outgoing", "scheduled-installment"),
                calls.byFunction().keySet(),
                "every function's calls were recorded");
        assertEquals(
                List.of(),
                calls.notAllowedBy(SamTemplate.load(repo.resolve("template.yaml"))),
                "calls template.yaml's policies do not allow");
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

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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short chaos run, part of every build: 24 checkouts of every kind through the real functions in
 * child JVMs, with wallet faults, killed function processes and duplicated and dropped queue
 * messages, and every seventh shopper hostile (a customer wallet that lies); the audit against the
 * sandbox's ledger must find no duplicate, orphan, mismatch or payment to a wallet other than the
 * order's payee, money conserved, every checkout terminal, and every hostile checkout refused with
 * nothing stored. The storefront's webhook receiver refuses 30 % of the deliveries (500, 503) while the
 * checkouts are driven; afterwards every storefront event the checkouts' histories imply must have been
 * received exactly once and put on the bus, and none other. Every AWS call the functions make, the fifth
 * function's included, is recorded and must be allowed by that function's policy in template.yaml.
 * (bin/chaos runs the long one.)
 */
class ChaosShortRunTest {

    @Test
    void twentyFourCheckoutsUnderChaosEndTerminalWithEveryUnitAndEveryStorefrontEventAccountedForAndEveryAwsCallAllowed(
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
                // More than bin/chaos's 20 %, so that some event is likely refused twice and redelivered.
                30,
                13L,
                Duration.ofSeconds(20),
                Duration.ofSeconds(5),
                0,
                false);
        AtomicReference<Map<String, String>> names = new AtomicReference<>();
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
                    (done, product) -> {
                        names.set(RecordedCalls.names(product));
                        // deliver-events signs PutEvents itself over the JDK's HTTP client (SignedEventBridge: the
                        // SDK's eventbridge module is not available here), so the SDK recorder does not see those
                        // calls; the bus stand-in does, and no other function's code puts events.
                        product.eventBus().events().stream()
                                .map(e -> e.eventBusName())
                                .distinct()
                                .forEach(bus -> calls.accept("[deliver-events] aws-call events:PutEvents bus/" + bus));
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
        System.out.println("AWS calls by function: " + calls.byFunction());
        assertEquals(
                Set.of(
                        "start-checkout",
                        "consent-finish",
                        "create-outgoing",
                        "scheduled-installment",
                        "deliver-events"),
                calls.byFunction().keySet(),
                "every function's calls were recorded");
        assertEquals(
                List.of(),
                calls.notAllowedBy(SamTemplate.load(repo.resolve("template.yaml")), names.get()),
                "calls template.yaml's policies do not allow");
        EventsAudit.Result events = report.events();
        assertTrue(events.expected() > 0 && events.delivered() == events.expected(), printed);
        assertEquals(List.of(), events.missing(), "storefront events never received: " + printed);
        assertEquals(List.of(), events.unexpected(), "storefront events no history implies: " + printed);
        assertEquals(List.of(), events.busMissing(), "storefront events never put on the bus: " + printed);
        assertEquals(List.of(), events.busUnexpected(), "bus events no history implies: " + printed);
        assertTrue(events.refused() > 0, "the receiver refused some deliveries: " + printed);
        assertTrue(printed.contains("storefront events expected"), printed);
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

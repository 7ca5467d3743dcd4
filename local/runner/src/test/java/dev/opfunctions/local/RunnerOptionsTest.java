package dev.opfunctions.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunnerOptionsTest {
    private static final Path REPO = Path.of("/repo");

    @Test
    void defaultsRunThroughTheRuntimeClientWithTheApiKeyOnPort4000() {
        RunnerSettings s = RunnerOptions.parse(new String[0], REPO);

        assertEquals(4000, s.port());
        assertEquals(RunnerSettings.ApiAuth.API_KEY, s.apiAuth());
        assertEquals(Optional.empty(), s.persistDir());
        assertEquals(false, s.direct());
        assertEquals(1, s.concurrency(), "one execution environment per function");
        assertEquals(Optional.empty(), s.schedulePeriod(), "the template's rate");
        assertEquals(Optional.empty(), s.sweepAfter(), "the template's sweep bound");
    }

    @Test
    void everyOptionIsApplied() {
        RunnerSettings s = RunnerOptions.parse(
                new String[] {
                    "--port",
                    "0",
                    "--persist",
                    "state",
                    "--direct",
                    "--concurrency",
                    "4",
                    "--schedule-seconds",
                    "5",
                    "--sandbox-port-base",
                    "0",
                    "--wait-seconds",
                    "1",
                    "--api-auth",
                    "NONE",
                    "--visibility-timeout",
                    "3",
                    "--sweep-seconds",
                    "20",
                    "--webhook-url",
                    "https://hooks.example.test/in"
                },
                REPO);

        assertEquals(0, s.port());
        assertEquals("https://hooks.example.test/in", s.webhookUrl().orElseThrow());
        assertEquals(Path.of("state").toAbsolutePath(), s.persistDir().orElseThrow());
        assertTrue(s.direct());
        assertEquals(4, s.concurrency());
        assertEquals(Duration.ofSeconds(5), s.schedulePeriod().orElseThrow());
        assertEquals(0, s.sandboxPortBase());
        assertEquals(1, s.sandboxWaitSeconds());
        assertEquals(RunnerSettings.ApiAuth.NONE, s.apiAuth());
        assertEquals(Duration.ofSeconds(3), s.visibilityTimeout());
        assertEquals(Duration.ofSeconds(20), s.sweepAfter().orElseThrow());
    }

    @Test
    void theSweepBoundIsAtMostTheProductionOne() {
        assertEquals(
                Duration.ofSeconds(960),
                RunnerOptions.parse(new String[] {"--sweep-seconds", "960"}, REPO)
                        .sweepAfter()
                        .orElseThrow());
        assertEquals(
                "--sweep-seconds takes a whole number from 5 to 960, not 961",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> RunnerOptions.parse(new String[] {"--sweep-seconds", "961"}, REPO))
                        .getMessage());
    }

    @Test
    void theConcurrencyIsAWholeNumberOfEnvironmentsFromOneTo32() {
        assertEquals(
                32,
                RunnerOptions.parse(new String[] {"--concurrency", "32"}, REPO).concurrency());
        for (String bad : new String[] {"0", "33", "-1", "four", "1.5", ""}) {
            assertEquals(
                    "--concurrency takes a whole number from 1 to 32, not " + bad,
                    assertThrows(
                                    IllegalArgumentException.class,
                                    () -> RunnerOptions.parse(new String[] {"--concurrency", bad}, REPO))
                            .getMessage());
        }
        assertEquals(
                "--concurrency needs a value",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> RunnerOptions.parse(new String[] {"--concurrency"}, REPO))
                        .getMessage());
    }

    @Test
    void externalWalletsWithoutPersistWarnOnceThatAKilledRunForgetsTheirPayments() {
        RunnerSettings sandbox = RunnerOptions.parse(new String[0], REPO);
        RunnerSettings external = sandbox.withExternalWallets(new ExternalWallets(
                "https://wallet.example/shop", "key-1", "not a key", "https://wallet.example/till", false));

        assertEquals(Optional.empty(), LocalRunner.forgetfulnessWarning(sandbox));
        assertEquals(
                Optional.empty(),
                LocalRunner.forgetfulnessWarning(external.withPersistDir(Optional.of(Path.of("/state")))));
        String warning = LocalRunner.forgetfulnessWarning(external).orElseThrow();
        assertTrue(warning.contains("--persist") && warning.contains("forgets") && !warning.contains("\n"), warning);
    }

    @Test
    void badInputIsRefusedWithAMessageNamingTheOption() {
        assertEquals(
                "unknown option --fast",
                assertThrows(IllegalArgumentException.class, () -> RunnerOptions.parse(new String[] {"--fast"}, REPO))
                        .getMessage());
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> RunnerOptions.parse(new String[] {"--port", "http"}, REPO))
                .getMessage()
                .startsWith("--port takes a whole number"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> RunnerOptions.parse(new String[] {"--api-auth", "IAM"}, REPO))
                .getMessage()
                .contains("cannot be emulated locally"));
        assertEquals(
                "--persist needs a value",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> RunnerOptions.parse(new String[] {"--persist"}, REPO))
                        .getMessage());
    }

    @Test
    void aRepeatedOptionTakesItsLastValueAndAValueIsNeverTakenFromTheNextOption() {
        assertEquals(
                2,
                RunnerOptions.parse(new String[] {"--port", "1", "--port", "2"}, REPO)
                        .port());
        assertEquals(
                "--persist needs a value",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> RunnerOptions.parse(new String[] {"--persist", "--direct"}, REPO))
                        .getMessage());
    }

    @Test
    void theHelpListsEveryOptionWithItsDefault() {
        String help = RunnerOptions.usage();

        assertTrue(help.startsWith("usage: bin/run-local [options]"), help);
        for (String option : new String[] {
            "--port N",
            "--persist DIR",
            "--direct",
            "--concurrency N",
            "--schedule-seconds N",
            "--sandbox-port-base N",
            "--wait-seconds N",
            "--api-auth MODE",
            "--visibility-timeout N",
            "--sweep-seconds N",
            "--wallets KIND",
            "--client-key FILE",
            "--client-wallet-address URL",
            "--key-id ID",
            "--merchant-wallet-address URL",
            "--allow-insecure-wallets",
            "--help"
        }) {
            assertTrue(help.contains(option), option + " in " + help);
        }
        for (String shown : new String[] {
            "default 4000",
            "default 1; 1 to 32",
            "default: in memory",
            "default: the template's rate",
            "default 4100",
            "default 5",
            "API_KEY (default",
            "default 30",
            "default 960",
            "sandbox (default)"
        }) {
            assertTrue(help.contains(shown), shown + " in " + help);
        }
        assertTrue(RunnerOptions.helpRequested(new String[] {"--port", "0", "--help"}));
        assertTrue(RunnerOptions.helpRequested(new String[] {"-h"}));
        assertEquals(false, RunnerOptions.helpRequested(new String[] {"--port", "0"}));
    }

    @Test
    void aWebhookUrlThatIsNotHttpIsRefusedNamingTheOption() {
        String message = assertThrows(
                        IllegalArgumentException.class,
                        () -> RunnerOptions.parse(new String[] {"--webhook-url", "ftp://hooks.example.test"}, REPO))
                .getMessage();

        assertTrue(message.contains("--webhook-url"), message);
        assertTrue(RunnerOptions.parse(new String[0], REPO).webhookUrl().isEmpty());
    }
}

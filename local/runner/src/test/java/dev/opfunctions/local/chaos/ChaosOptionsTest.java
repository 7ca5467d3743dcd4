package dev.opfunctions.local.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code bin/chaos}'s options: defaults, each option applied, and errors that name the option. */
class ChaosOptionsTest {

    @Test
    void defaultsAreThreeHundredCheckoutsThirtyTwoAtATimeWithEverythingOn() {
        ChaosOptions o = ChaosOptions.parse(new String[0]);

        assertEquals(300, o.checkouts());
        assertEquals(32, o.concurrency());
        assertEquals(Duration.ofMinutes(25), o.maxDuration());
        assertTrue(o.walletFaults() && o.kills() && o.queueChaos());
        assertEquals(20, o.webhookRefusalPercent(), "a fifth of the webhook deliveries refused");
        assertEquals(Duration.ofSeconds(20), o.sweepAfter());
        assertEquals(Duration.ofSeconds(5), o.schedulePeriod());
        assertEquals(0, o.port(), "any free port");
        assertFalse(o.keep());
    }

    @Test
    void everyOptionIsApplied() {
        ChaosOptions o = ChaosOptions.parse(new String[] {
            "--checkouts",
            "12",
            "--concurrency",
            "4",
            "--max-minutes",
            "3",
            "--no-faults",
            "--no-kills",
            "--no-queue-chaos",
            "--webhook-refusals",
            "35",
            "--seed",
            "-7",
            "--sweep-seconds",
            "10",
            "--schedule-seconds",
            "2",
            "--port",
            "4500",
            "--keep"
        });

        assertEquals(
                new ChaosOptions(
                        12,
                        4,
                        Duration.ofMinutes(3),
                        false,
                        false,
                        false,
                        35,
                        -7,
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(2),
                        4500,
                        true),
                o);
    }

    @Test
    void badInputIsRefusedWithAMessageNamingTheOption() {
        assertEquals("--concurrency takes a whole number from 1 to 64, not 65", message("--concurrency", "65"));
        assertEquals("--seed takes a whole number, not soon", message("--seed", "soon"));
        assertEquals("--checkouts needs a value", message("--checkouts"));
        assertEquals("unknown option --bogus", message("--bogus"));
        assertEquals("--port takes a whole number from 0 to 65535, not 70000", message("--port", "70000"));
        assertEquals(
                "--webhook-refusals takes a whole number from 0 to 90, not 100", message("--webhook-refusals", "100"));
    }

    @Test
    void theHelpListsEveryOptionWithItsDefault() {
        String help = ChaosOptions.usage();

        assertTrue(help.startsWith("usage: bin/chaos [options]"), help);
        for (String shown : new String[] {
            "--checkouts N",
            "(default 300; 1 to 5000)",
            "--concurrency N",
            "(default 32",
            "--max-minutes N",
            "(default 25)",
            "--no-faults",
            "--no-kills",
            "--no-queue-chaos",
            "--webhook-refusals PERCENT",
            "(default 20; 0 to 90)",
            "--seed N",
            "(default: the current time)",
            "--sweep-seconds N",
            "(default 20",
            "--schedule-seconds N",
            "(default 5)",
            "--port N",
            "(default 0: any free port)",
            "--keep",
            "--help"
        }) {
            assertTrue(help.contains(shown), shown + " in " + help);
        }
        assertTrue(ChaosOptions.helpRequested(new String[] {"--no-kills", "-h"}));
        assertFalse(ChaosOptions.helpRequested(new String[] {"--no-kills"}));
    }

    private static String message(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> ChaosOptions.parse(args))
                .getMessage();
    }
}

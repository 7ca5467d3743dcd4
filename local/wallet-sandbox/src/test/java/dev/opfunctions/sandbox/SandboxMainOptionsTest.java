package dev.opfunctions.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.sandbox.money.FeePolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code bin/sandbox} starts Rafiki-like (fees, JSON.stringify digest) unless told otherwise. */
class SandboxMainOptionsTest {

    @Test
    void defaultsAreRafikisLocalEnvironment() {
        SandboxConfig config = SandboxMain.parse(new String[0]);

        assertEquals(FeePolicy.RAFIKI_LOCAL_ENVIRONMENT, config.fee());
        assertEquals(SandboxConfig.BodyDigest.JSON_STRINGIFY, config.bodyDigest());
    }

    @Test
    void feesAndTheDigestRuleCanBeSwitched() {
        SandboxConfig config = SandboxMain.parse(new String[] {"--no-fees", "--raw-body-digest"});

        assertEquals(FeePolicy.NONE, config.fee());
        assertEquals(SandboxConfig.BodyDigest.RAW_BYTES, config.bodyDigest());
    }

    @Test
    void unknownOptionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SandboxMain.parse(new String[] {"--fees-off"}));
    }

    @Test
    void waitTokenLifetimeAndHostsAreApplied() {
        SandboxConfig config = SandboxMain.parse(new String[] {
            "--wait-seconds", "1", "--token-lifetime", "60", "--host", "localhost", "--no-signature-check"
        });

        assertEquals(1, config.waitSeconds());
        assertEquals(Duration.ofSeconds(60), config.tokenLifetime());
        assertEquals("localhost", config.publicHost());
        assertEquals(false, config.verifySignatures());
    }

    @Test
    void badInputNamesTheOption() {
        assertTrue(message("--fees-off").startsWith("unknown option --fees-off"));
        assertEquals("--port-base needs a value", message("--port-base"));
        assertTrue(message("--wait-seconds", "soon").contains("--wait-seconds"), message("--wait-seconds", "soon"));
        assertEquals("--wait-seconds takes a whole number from 0 to 3600, not -1", message("--wait-seconds", "-1"));
        assertEquals("--token-lifetime takes a whole number from 1 to 86400, not 0", message("--token-lifetime", "0"));
    }

    @Test
    void theHelpListsEveryOptionWithTheDemoWorldsDefaults() {
        String help = SandboxOptions.usage();
        SandboxConfig demo = SandboxConfig.demoWorld();

        for (String option : new String[] {
            "--port-base N",
            "--host NAME",
            "--bind ADDRESS",
            "--wait-seconds N",
            "--token-lifetime SECONDS",
            "--no-signature-check",
            "--no-fees",
            "--raw-body-digest",
            "--help"
        }) {
            assertTrue(help.contains(option), option + " in " + help);
        }
        assertTrue(help.contains("(default " + demo.waitSeconds() + ", as Rafiki)"), help);
        assertTrue(help.contains("(default " + demo.tokenLifetime().toSeconds() + ", as Rafiki)"), help);
        assertTrue(help.contains("(default 4100)") && help.contains("(default 127.0.0.1"), help);
    }

    private static String message(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> SandboxMain.parse(args))
                .getMessage();
    }
}

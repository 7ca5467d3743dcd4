package dev.opfunctions.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.opfunctions.sandbox.money.FeePolicy;
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
}

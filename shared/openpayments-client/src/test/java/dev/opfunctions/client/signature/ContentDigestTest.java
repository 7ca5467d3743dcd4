package dev.opfunctions.client.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentDigestTest {

    private static final byte[] HELLO = "{\"hello\": \"world\"}\n".getBytes(StandardCharsets.UTF_8);
    // RFC 9530 Appendix D.1 / B examples for this body.
    private static final String RFC_SHA256 = "sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:";
    private static final String RFC_SHA512 =
            "sha-512=:YMAam51Jz/jOATT6/zvHrLVgOYTGFy1d6GJiOHTohq4yP+pgk4vf2aCsyRZOtw8MjkM7iw7yZ/WkppmM44T3qg==:";

    @Test
    void createsSha512LikeTheRfcExample() {
        assertEquals(RFC_SHA512, ContentDigest.create(HELLO));
    }

    @Test
    void verifiesSha256AndSha512() {
        assertTrue(ContentDigest.verify(RFC_SHA256, HELLO));
        assertTrue(ContentDigest.verify(RFC_SHA512, HELLO));
        assertTrue(ContentDigest.verify(RFC_SHA256 + ", " + RFC_SHA512, HELLO));
    }

    @Test
    void failsWhenAnyListedDigestDiffers() {
        String wrong256 = RFC_SHA256.replace("RK", "RL");

        assertFalse(ContentDigest.verify(RFC_SHA512 + "," + wrong256, HELLO));
        assertFalse(ContentDigest.verify(RFC_SHA512, "{}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesOtherAlgorithmsAndMalformedValues() {
        assertThrows(IllegalArgumentException.class, () -> ContentDigest.verify("md5=:AAAA:", HELLO));
        assertThrows(IllegalArgumentException.class, () -> ContentDigest.verify("sha-512=abc", HELLO));
        assertThrows(IllegalArgumentException.class, () -> ContentDigest.verify("sha-512=:!!:", HELLO));
        assertThrows(IllegalArgumentException.class, () -> ContentDigest.verify("", HELLO));
    }
}

package dev.opfunctions.checkout.fakes;

import dev.opfunctions.checkout.port.FinishHashVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** Computes finish hashes the way an AS does, and verifies them, for tests. */
public final class Sha256FinishHash implements FinishHashVerifier {

    public static String compute(String clientNonce, String interactNonce, String interactRef, String grantRequestUri) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", clientNonce, interactNonce, interactRef, grantRequestUri)
                            .getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(d);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean matches(
            String hash, String clientNonce, String interactNonce, String interactRef, String grantRequestUri) {
        byte[] expected = compute(clientNonce, interactNonce, interactRef, grantRequestUri)
                .getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, hash.getBytes(StandardCharsets.US_ASCII));
    }
}

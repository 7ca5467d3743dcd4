package dev.opfunctions.checkout.port;

/**
 * Checks the {@code hash} of a GNAP finish redirect: SHA-256 over client nonce, interaction nonce,
 * interact_ref and grant request URI joined by newlines, in padded base64 or unpadded base64url,
 * compared in constant time.
 */
@FunctionalInterface
public interface FinishHashVerifier {

    boolean matches(String hash, String clientNonce, String interactNonce, String interactRef, String grantRequestUri);
}

package dev.opfunctions.checkout.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The per-checkout secret carried by the finish URI ({@code …/finish/{id}?s=<secret>}). The AS
 * echoes the URI back on every outcome, approved or rejected, but only the approval is signed by
 * the finish hash: without the secret anyone who learnt a checkout id could reject it. Only the
 * secret's SHA-256 is stored, and the comparison is constant-time.
 */
public final class FinishSecret {

    /** Name of the finish URI's query parameter. */
    public static final String PARAM = "s";

    private static final SecureRandom RANDOM = new SecureRandom();

    private FinishSecret() {}

    /** 256 random bits, base64url without padding (43 URL-safe characters). */
    public static String generate() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static String hash(String secret) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(secret));
    }

    /** Whether {@code presented} is the secret whose hash is {@code storedHash}; false for anything missing. */
    public static boolean matches(String presented, String storedHash) {
        if (presented == null || presented.isEmpty() || storedHash == null) return false;
        byte[] expected;
        try {
            expected = Base64.getUrlDecoder().decode(storedHash);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented), expected);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}

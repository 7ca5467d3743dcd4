package dev.opfunctions.client.signature;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The {@code Content-Digest} header of RFC 9530 as Open Payments uses it: {@code sha-512=:<base64>:} when
 * sending; {@code sha-256} and {@code sha-512} accepted when checking, like {@code httpbis-digest-headers}.
 */
public final class ContentDigest {

    private static final ThreadLocal<MessageDigest> SHA512 = ThreadLocal.withInitial(() -> digest("SHA-512"));
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> digest("SHA-256"));

    private ContentDigest() {}

    /** {@code sha-512=:<standard base64 of SHA-512(body)>:}. */
    public static String create(byte[] body) {
        return "sha-512=:" + Base64.getEncoder().encodeToString(SHA512.get().digest(body)) + ":";
    }

    /**
     * Whether every digest in {@code header} matches {@code body}, as {@code verifyContentDigest} decides.
     *
     * @throws IllegalArgumentException when the header is not a dictionary of byte sequences, or names an
     *     algorithm other than {@code sha-256} or {@code sha-512}
     */
    public static boolean verify(String header, byte[] body) {
        if (header == null || header.isBlank()) {
            throw new IllegalArgumentException("Content-Digest is empty");
        }
        int matched = 0;
        for (String member : StructuredFields.splitTopLevel(header, ',')) {
            int eq = member.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "Content-Digest member is not key=:base64: (" + StructuredFields.printable(member) + ")");
            }
            String algorithm = member.substring(0, eq);
            String value = StructuredFields.stripParameters(member.substring(eq + 1));
            byte[] expected = StructuredFields.byteSequence(value, "Content-Digest " + algorithm);
            MessageDigest md = switch (algorithm) {
                case "sha-512" -> SHA512.get();
                case "sha-256" -> SHA256.get();
                default ->
                    throw new IllegalArgumentException("unsupported Content-Digest algorithm '"
                            + StructuredFields.printable(algorithm) + "' (use sha-512 or sha-256)");
            };
            if (!MessageDigest.isEqual(expected, md.digest(body))) {
                return false;
            }
            matched++;
        }
        return matched > 0;
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is missing from this JDK", e);
        }
    }
}

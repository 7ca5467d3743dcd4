package dev.opfunctions.client.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * The public JSON Web Key of an Open Payments client: an Ed25519 key as the {@code json-web-key} schema
 * of the wallet address server spec defines it. Every field is checked on construction, so a {@code Jwk}
 * that exists can always be turned into a {@link PublicKey}.
 *
 * <p>Serialises in the field order of the JS {@code generateJwk} ({@code alg, kid, kty, crv, x}), with
 * {@code use} only when set.
 *
 * @param kid the key id; signatures name it as {@code keyid}
 * @param alg always {@code EdDSA}
 * @param kty always {@code OKP}
 * @param crv always {@code Ed25519}
 * @param x   the 32-byte public key, base64url without padding
 * @param use {@code sig} or {@code null}
 */
@JsonPropertyOrder({"alg", "kid", "kty", "crv", "x", "use"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Jwk(String kid, String alg, String kty, String crv, String x, String use) {

    public static final String ALG = "EdDSA";
    public static final String KTY = "OKP";
    public static final String CRV = "Ed25519";

    public Jwk {
        if (kid == null || kid.isBlank()) {
            throw new IllegalArgumentException("JWK kid is missing or blank");
        }
        requireValue("alg", ALG, alg);
        requireValue("kty", KTY, kty);
        requireValue("crv", CRV, crv);
        if (use != null && !use.equals("sig")) {
            throw new IllegalArgumentException("JWK use must be \"sig\" when present, was \"" + use + "\"");
        }
        decodeX(x);
    }

    /** A JWK without {@code use}, the form {@code generateJwk} emits. */
    public static Jwk of(String kid, String x) {
        return new Jwk(kid, ALG, KTY, CRV, x, null);
    }

    /** The JWK of an Ed25519 public key (from the JDK, BouncyCastle or any provider that encodes X.509). */
    public static Jwk fromPublicKey(String kid, PublicKey publicKey) {
        return of(kid, base64Url(Ed25519Codec.rawPublicKey(publicKey)));
    }

    /** The raw 32 public key bytes. */
    public byte[] publicKeyBytes() {
        return decodeX(x);
    }

    /**
     * The JDK public key for verifying signatures.
     *
     * @throws IllegalStateException if the JDK refuses the point (not a valid Ed25519 public key)
     */
    public PublicKey toPublicKey() {
        try {
            return Ed25519Codec.publicKey(publicKeyBytes());
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("JWK " + kid + " is not a valid Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** This key with {@code use} set to {@code sig}. */
    public Jwk withUseSig() {
        return new Jwk(kid, alg, kty, crv, x, "sig");
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void requireValue(String field, String expected, String actual) {
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException("JWK " + field + " must be \"" + expected + "\", was "
                    + (actual == null ? "missing" : "\"" + actual + "\""));
        }
    }

    private static byte[] decodeX(String x) {
        if (x == null || x.isEmpty()) {
            throw new IllegalArgumentException("JWK x is missing");
        }
        for (int i = 0; i < x.length(); i++) {
            char c = x.charAt(i);
            boolean ok =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                throw new IllegalArgumentException("JWK x must be base64url without padding; found '" + c + "'");
            }
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(x);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("JWK x is not valid base64url: " + e.getMessage(), e);
        }
        if (raw.length != Ed25519Codec.KEY_LENGTH) {
            throw new IllegalArgumentException("JWK x must encode 32 bytes, has " + raw.length);
        }
        // Non-canonical encodings (extra bits in the last character) would name the same key twice.
        if (!base64Url(raw).equals(x)) {
            throw new IllegalArgumentException("JWK x is not canonical base64url");
        }
        return Arrays.copyOf(raw, raw.length);
    }
}

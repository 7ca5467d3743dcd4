package dev.opfunctions.client.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Loads and creates the Ed25519 keys Open Payments clients sign with.
 *
 * <p>Accepted private key forms, matching what the JS SDK and the Interledger test wallet hand out:
 * PKCS#8 PEM text ({@code -----BEGIN PRIVATE KEY-----}), the same PEM base64-encoded as one string
 * (JS {@code loadBase64Key}, common in environment variables and secrets), and PEM whose line breaks
 * were flattened to literal {@code \n}. Error messages never contain key material.
 */
public final class Ed25519Keys {

    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ed25519Keys() {}

    /**
     * A signing key from PKCS#8 PEM text or base64-encoded PEM.
     *
     * @throws IllegalArgumentException "not a PKCS#8 Ed25519 private key: …" when the text is neither
     */
    public static LocalEd25519Key fromPem(String keyId, String pemOrBase64Pem) {
        LocalEd25519Key.requireKeyId(keyId);
        if (pemOrBase64Pem == null || pemOrBase64Pem.isBlank()) {
            throw invalid("the key text is empty");
        }
        String text = pemOrBase64Pem.strip().replace("\\n", "\n");
        if (!text.startsWith("-----BEGIN")) {
            text = decodeBase64Pem(text);
        }
        return fromPkcs8(keyId, pemBody(text));
    }

    /**
     * A signing key from a PEM file (PKCS#8 PEM, or base64 of it).
     *
     * @throws UncheckedIOException when the file cannot be read
     */
    public static LocalEd25519Key fromFile(String keyId, Path pem) {
        String text;
        try {
            text = Files.readString(pem, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("private key file not found: " + pem, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read private key file " + pem + ": " + e.getMessage(), e);
        }
        try {
            return fromPem(keyId, text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (file " + pem + ")", e);
        }
    }

    /** A signing key from PKCS#8 DER bytes. */
    public static LocalEd25519Key fromPkcs8(String keyId, byte[] der) {
        try {
            byte[] seed = Ed25519Codec.seed(Ed25519Codec.privateKey(der));
            try {
                return new LocalEd25519Key(keyId, seed);
            } finally {
                Arrays.fill(seed, (byte) 0);
            }
        } catch (InvalidKeyException e) {
            throw invalid("the DER is not an Ed25519 PrivateKeyInfo");
        }
    }

    /** A new random key pair under {@code keyId}. */
    public static GeneratedKeyPair generate(String keyId) {
        byte[] seed = new byte[Ed25519Codec.KEY_LENGTH];
        RANDOM.nextBytes(seed);
        LocalEd25519Key key;
        try {
            key = new LocalEd25519Key(keyId, seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
        return new GeneratedKeyPair(key, toPem(key.pkcs8()), key.publicJwk());
    }

    /**
     * The public JWK of a key, when the key exposes its public half (keys from this class do).
     *
     * @throws IllegalArgumentException for keys held elsewhere (KMS, HSM): take their JWK from that system
     */
    public static Jwk publicJwk(SigningKey key) {
        if (key instanceof LocalEd25519Key local) {
            return local.publicJwk();
        }
        throw new IllegalArgumentException(
                "key " + key.keyId() + " (" + key.getClass().getSimpleName()
                        + ") does not expose its public key; take the JWK from where the key is held");
    }

    /** PEM text for PKCS#8 DER, in the layout OpenSSL and Node write. */
    static String toPem(byte[] der) {
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return BEGIN + "\n" + b64 + "\n" + END + "\n";
    }

    private static String decodeBase64Pem(String text) {
        byte[] decoded;
        try {
            decoded = Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw invalid("expected PEM text or base64-encoded PEM");
        }
        String pem = new String(decoded, StandardCharsets.US_ASCII).strip();
        if (!pem.startsWith("-----BEGIN")) {
            throw invalid("the base64 text does not decode to PEM");
        }
        return pem;
    }

    private static byte[] pemBody(String pem) {
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            String kind = pem.contains("ENCRYPTED PRIVATE KEY")
                    ? "an encrypted key (decrypt it first)"
                    : pem.contains("OPENSSH PRIVATE KEY")
                            ? "an OpenSSH key (convert it with ssh-keygen -p -m PKCS8)"
                            : pem.contains("PUBLIC KEY") ? "a public key" : "PEM without a BEGIN/END PRIVATE KEY block";
            throw invalid("found " + kind);
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw invalid("the PEM body is not base64");
        }
    }

    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("not a PKCS#8 Ed25519 private key: " + why);
    }
}

package dev.opfunctions.client.keys;

import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/** DER framing of Ed25519 keys (RFC 8410) and conversions between raw bytes and JDK keys. */
final class Ed25519Codec {

    static final int KEY_LENGTH = 32;

    /** SubjectPublicKeyInfo header for id-Ed25519 (1.3.101.112); the raw key follows. */
    private static final byte[] SPKI_PREFIX = hex("302a300506032b6570032100");
    /** PKCS#8 v1 PrivateKeyInfo header for id-Ed25519 wrapping a 32-byte OCTET STRING seed. */
    private static final byte[] PKCS8_PREFIX = hex("302e020100300506032b657004220420");

    private static final ThreadLocal<KeyFactory> FACTORY = ThreadLocal.withInitial(() -> {
        try {
            return KeyFactory.getInstance("Ed25519");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no Ed25519 KeyFactory (needs Java 15+)", e);
        }
    });

    private Ed25519Codec() {}

    static PublicKey publicKey(byte[] raw) throws InvalidKeyException {
        if (raw.length != KEY_LENGTH) {
            throw new InvalidKeyException("an Ed25519 public key has 32 bytes, got " + raw.length);
        }
        try {
            return FACTORY.get().generatePublic(new X509EncodedKeySpec(concat(SPKI_PREFIX, raw)));
        } catch (InvalidKeySpecException e) {
            throw new InvalidKeyException(e.getMessage(), e);
        }
    }

    static byte[] rawPublicKey(PublicKey key) {
        byte[] der = key.getEncoded();
        if (der == null
                || der.length != SPKI_PREFIX.length + KEY_LENGTH
                || !Arrays.equals(der, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key (" + key.getAlgorithm() + ")");
        }
        return Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length);
    }

    /** Parses PKCS#8 DER; only Ed25519 keys are accepted. */
    static EdECPrivateKey privateKey(byte[] pkcs8) throws InvalidKeyException {
        PrivateKey key;
        try {
            key = FACTORY.get().generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (InvalidKeySpecException | RuntimeException e) {
            throw new InvalidKeyException("not a PKCS#8 Ed25519 private key", e);
        }
        if (!(key instanceof EdECPrivateKey ed)
                || !NamedParameterSpec.ED25519.getName().equals(ed.getParams().getName())) {
            throw new InvalidKeyException("not a PKCS#8 Ed25519 private key");
        }
        return ed;
    }

    static byte[] pkcs8FromSeed(byte[] seed) {
        if (seed.length != KEY_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, got " + seed.length);
        }
        return concat(PKCS8_PREFIX, seed);
    }

    static byte[] seed(EdECPrivateKey key) {
        return key.getBytes().orElseThrow(() -> new IllegalArgumentException("private key bytes are not extractable"));
    }

    /** The public key of a seed: RFC 8032 §5.1.5. The JDK has no public API for this derivation. */
    static byte[] derivePublic(byte[] seed) {
        return new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s, 2 * i, 2 * i + 2, 16);
        }
        return out;
    }
}

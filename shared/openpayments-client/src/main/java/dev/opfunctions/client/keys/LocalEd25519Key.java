package dev.opfunctions.client.keys;

import java.security.PublicKey;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 private key held in this JVM, with its public key.
 *
 * <p>Signing goes through BouncyCastle's RFC 8032 code rather than the JDK's {@code Signature "Ed25519"}:
 * on this project's machines the JDK engine managed about 1,200 signatures per second against about
 * 24,000 for BouncyCastle, and Open Payments signs every request. Both are pure Ed25519 and produce the
 * same bytes (Ed25519 is deterministic); the RFC 8032 and Open Payments vectors in the tests pin that.
 * The object is immutable and safe to share between threads.
 */
public final class LocalEd25519Key implements SigningKey {

    private final String keyId;
    private final Ed25519PrivateKeyParameters privateKey;
    private final Ed25519PublicKeyParameters publicParams;
    private final byte[] publicKey;

    LocalEd25519Key(String keyId, byte[] seed) {
        this.keyId = requireKeyId(keyId);
        this.privateKey = new Ed25519PrivateKeyParameters(seed, 0);
        // Kept so that signing does not re-derive the public key (a scalar multiplication) every time.
        this.publicParams = privateKey.generatePublicKey();
        this.publicKey = publicParams.getEncoded();
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public byte[] sign(byte[] data) {
        byte[] signature = new byte[Ed25519PrivateKeyParameters.SIGNATURE_SIZE];
        privateKey.sign(Ed25519.Algorithm.Ed25519, publicParams, null, data, 0, data.length, signature, 0);
        return signature;
    }

    /** The 32 raw bytes of the public key. */
    public byte[] publicKeyBytes() {
        return Arrays.copyOf(publicKey, publicKey.length);
    }

    /** The public key as a JDK key. */
    public PublicKey publicKey() {
        return publicJwk().toPublicKey();
    }

    /** The JWK to publish in the wallet address's {@code jwks.json} (no {@code use}, like {@code generateJwk}). */
    public Jwk publicJwk() {
        return Jwk.of(keyId, Jwk.base64Url(publicKey));
    }

    /** PKCS#8 DER of the private key; handle with care, never log it. */
    byte[] pkcs8() {
        return Ed25519Codec.pkcs8FromSeed(privateKey.getEncoded());
    }

    /** Key id only: key material never appears in logs. */
    @Override
    public String toString() {
        return "LocalEd25519Key[keyId=" + keyId + "]";
    }

    static String requireKeyId(String keyId) {
        if (keyId == null || keyId.isBlank()) {
            throw new IllegalArgumentException("key id is missing or blank");
        }
        for (int i = 0; i < keyId.length(); i++) {
            char c = keyId.charAt(i);
            // keyid travels as an RFC 8941 string that Rafiki reads without unescaping and splits on ';'.
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == ';') {
                throw new IllegalArgumentException("key id must be printable ASCII without '\"', '\\' or ';'");
            }
        }
        return keyId;
    }
}

package dev.opfunctions.client.keys;

/**
 * A private key that can produce Ed25519 signatures, known to wallets by its key id.
 *
 * <p>An interface so that the key can live outside the JVM (a KMS or an HSM): the client only needs
 * the key id and a pure Ed25519 signature over the given bytes. Implementations must not expose key
 * material through {@code toString()}.
 */
public interface SigningKey {

    /** The JWK {@code kid} the wallet knows this key by; sent as {@code keyid} in Signature-Input. */
    String keyId();

    /** Pure Ed25519 (RFC 8032, no pre-hash) signature over {@code data}: 64 bytes. */
    byte[] sign(byte[] data);
}

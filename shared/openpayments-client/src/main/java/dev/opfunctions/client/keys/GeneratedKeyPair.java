package dev.opfunctions.client.keys;

/**
 * A freshly generated client key: the signer, the private key to store (PKCS#8 PEM) and the public JWK
 * to register with the wallet. {@code toString()} leaves the private key out.
 *
 * @param signingKey    signs requests under the key id
 * @param privateKeyPem PKCS#8 PEM text, the format {@code loadKey} of the JS SDK and the Interledger test wallet use
 * @param publicJwk     the JWK to publish in {@code jwks.json}
 */
public record GeneratedKeyPair(SigningKey signingKey, String privateKeyPem, Jwk publicJwk) {

    @Override
    public String toString() {
        return "GeneratedKeyPair[keyId=" + signingKey.keyId() + ", publicJwk=" + publicJwk + "]";
    }
}

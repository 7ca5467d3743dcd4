package dev.opfunctions.sandbox;

import dev.opfunctions.client.keys.Jwk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;

/** A fresh Ed25519 client key for a test: its JWK, and its private key as a PKCS#8 PEM file for Node. */
record TestKeys(String keyId, KeyPair pair, Jwk jwk) {

    static TestKeys generate(String keyId) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] spki = pair.getPublic().getEncoded();
            byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
            return new TestKeys(
                    keyId,
                    pair,
                    Jwk.of(keyId, Base64.getUrlEncoder().withoutPadding().encodeToString(raw)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key as PKCS#8 PEM text. */
    String pem() {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes())
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    Path writePem(Path dir) throws IOException {
        Path file = dir.resolve(keyId + ".pem");
        Files.writeString(file, pem());
        return file;
    }
}

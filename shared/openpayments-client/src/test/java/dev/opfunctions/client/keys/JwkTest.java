package dev.opfunctions.client.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.client.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JwkTest {

    private static final String X = TestKeys.RFC8032_TEST1_X;

    @Test
    void serialisesInTheOrderGenerateJwkUses() {
        assertEquals(
                "{\"alg\":\"EdDSA\",\"kid\":\"key-1\",\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + X + "\"}",
                new String(Json.stringify(Jwk.of("key-1", X)), StandardCharsets.UTF_8));
    }

    @Test
    void parsesTheSpecExampleWithUse() {
        String json =
                "{\"kid\":\"key-1\",\"use\":\"sig\",\"alg\":\"EdDSA\",\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + X
                        + "\"}";

        assertEquals(Jwk.of("key-1", X).withUseSig(), Json.parse(json.getBytes(StandardCharsets.UTF_8), Jwk.class));
    }

    @Test
    void convertsToAndFromJdkPublicKeys() throws Exception {
        PublicKey jdk =
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();

        Jwk jwk = Jwk.fromPublicKey("k", jdk);

        assertEquals(jdk, jwk.toPublicKey());
        assertEquals(X, Jwk.fromPublicKey("k", Jwk.of("k", X).toPublicKey()).x());
    }

    @Test
    void refusesNonEd25519PublicKeys() throws Exception {
        PublicKey ec = KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic();

        assertThrows(IllegalArgumentException.class, () -> Jwk.fromPublicKey("k", ec));
    }

    @Test
    void validatesEveryField() {
        assertInvalid("kid", () -> new Jwk(" ", "EdDSA", "OKP", "Ed25519", X, null));
        assertInvalid("alg", () -> new Jwk("k", "ES256", "OKP", "Ed25519", X, null));
        assertInvalid("kty", () -> new Jwk("k", "EdDSA", "EC", "Ed25519", X, null));
        assertInvalid("crv", () -> new Jwk("k", "EdDSA", "OKP", "Ed448", X, null));
        assertInvalid("use", () -> new Jwk("k", "EdDSA", "OKP", "Ed25519", X, "enc"));
        assertInvalid("x", () -> new Jwk("k", "EdDSA", "OKP", "Ed25519", null, null));
        assertInvalid("x", () -> new Jwk("k", "EdDSA", "OKP", "Ed25519", X + "=", null));
        assertInvalid("x", () -> new Jwk("k", "EdDSA", "OKP", "Ed25519", X.substring(4), null));
        assertInvalid("x", () -> new Jwk("k", "EdDSA", "OKP", "Ed25519", X.replace('_', '/'), null));
        assertInvalid("x", () -> new Jwk("k", "EdDSA", "OKP", "Ed25519", X.substring(0, 42) + "p", null));
    }

    @Test
    void jwksFindsKeysByExactKid() {
        Jwks jwks = Json.parse(
                ("{\"keys\":[{\"kid\":\"a\",\"alg\":\"EdDSA\",\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + X
                                + "\"}]}")
                        .getBytes(StandardCharsets.UTF_8),
                Jwks.class);

        assertEquals(Optional.of(Jwk.of("a", X)), jwks.find("a"));
        assertEquals(Optional.empty(), jwks.find("A"));
    }

    private static void assertInvalid(String field, Runnable construct) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construct::run);
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }
}

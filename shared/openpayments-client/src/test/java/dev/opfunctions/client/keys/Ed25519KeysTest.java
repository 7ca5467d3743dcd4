package dev.opfunctions.client.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ed25519KeysTest {

    private static final String PEM = TestKeys.pkcs8Pem(TestKeys.RFC8032_TEST1_SEED);

    @TempDir
    Path dir;

    @Test
    void loadsPkcs8Pem() {
        assertEquals(
                TestKeys.RFC8032_TEST1_X,
                Ed25519Keys.fromPem("k", PEM).publicJwk().x());
    }

    @Test
    void loadsBase64EncodedPemAsLoadBase64KeyDoes() {
        String base64Pem = Base64.getEncoder().encodeToString(PEM.getBytes(StandardCharsets.US_ASCII));

        assertEquals(
                TestKeys.RFC8032_TEST1_X,
                Ed25519Keys.fromPem("k", base64Pem).publicJwk().x());
    }

    @Test
    void loadsPemWhoseLineBreaksWereFlattenedToBackslashN() {
        String flattened = PEM.replace("\n", "\\n");

        assertEquals(
                TestKeys.RFC8032_TEST1_X,
                Ed25519Keys.fromPem("k", flattened).publicJwk().x());
    }

    @Test
    void signsLikeRfc8032Test1() {
        // RFC 8032 §7.1 TEST 1: the empty message.
        byte[] signature = Ed25519Keys.fromPem("k", PEM).sign(new byte[0]);

        assertEquals(
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
                HexFormat.of().formatHex(signature));
    }

    @Test
    void signaturesVerifyWithTheJdkProvider() throws Exception {
        LocalEd25519Key key = Ed25519Keys.fromPem("k", PEM);
        byte[] data = "base".getBytes(StandardCharsets.UTF_8);

        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(key.publicKey());
        jdk.update(data);

        assertTrue(jdk.verify(key.sign(data)));
    }

    @Test
    void refusesTextThatIsNotAKey() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Ed25519Keys.fromPem("k", "hello"));

        assertTrue(e.getMessage().startsWith("not a PKCS#8 Ed25519 private key"), e.getMessage());
    }

    @Test
    void refusesOtherKeyTypesWithoutEchoingTheKey() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        String ecPem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder()
                        .encodeToString(ec.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Ed25519Keys.fromPem("k", ecPem));

        assertTrue(e.getMessage().startsWith("not a PKCS#8 Ed25519 private key"), e.getMessage());
        assertFalse(e.getMessage().contains(ecPem.substring(28, 60)));
    }

    @Test
    void namesEncryptedAndOpenSshKeys() {
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> Ed25519Keys.fromPem(
                                "k",
                                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----"))
                .getMessage()
                .contains("encrypted"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> Ed25519Keys.fromPem(
                                "k", "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----"))
                .getMessage()
                .contains("OpenSSH"));
    }

    @Test
    void loadsFromFileAndNamesMissingFiles() throws Exception {
        Path pem = Files.writeString(dir.resolve("key.pem"), PEM);

        assertEquals(
                TestKeys.RFC8032_TEST1_X,
                Ed25519Keys.fromFile("k", pem).publicJwk().x());
        UncheckedIOException e =
                assertThrows(UncheckedIOException.class, () -> Ed25519Keys.fromFile("k", dir.resolve("nope.pem")));
        assertTrue(e.getMessage().contains("nope.pem"));
    }

    @Test
    void generatedPemLoadsBackToTheSameKey() {
        GeneratedKeyPair pair = Ed25519Keys.generate("fresh");

        LocalEd25519Key reloaded = Ed25519Keys.fromPem("fresh", pair.privateKeyPem());

        assertEquals(pair.publicJwk(), reloaded.publicJwk());
        assertArrayEquals(pair.signingKey().sign(new byte[] {1, 2, 3}), reloaded.sign(new byte[] {1, 2, 3}));
        assertTrue(pair.privateKeyPem().startsWith("-----BEGIN PRIVATE KEY-----\n"));
    }

    @Test
    void keepsKeyMaterialOutOfToString() {
        GeneratedKeyPair pair = Ed25519Keys.generate("fresh");
        String pemBody = pair.privateKeyPem().split("\n")[1];

        assertFalse(pair.toString().contains(pemBody));
        assertEquals("LocalEd25519Key[keyId=fresh]", pair.signingKey().toString());
    }

    @Test
    void publicJwkNeedsAKeyThatExposesIt() {
        SigningKey remote = new SigningKey() {
            @Override
            public String keyId() {
                return "kms-1";
            }

            @Override
            public byte[] sign(byte[] data) {
                return new byte[64];
            }
        };

        assertEquals(
                TestKeys.RFC8032_TEST1_X,
                Ed25519Keys.publicJwk(TestKeys.rfc8032Test1("k")).x());
        assertThrows(IllegalArgumentException.class, () -> Ed25519Keys.publicJwk(remote));
    }

    @Test
    void refusesKeyIdsThatBreakTheSignatureInputHeader() {
        assertThrows(IllegalArgumentException.class, () -> Ed25519Keys.fromPem("a\"b", PEM));
        assertThrows(IllegalArgumentException.class, () -> Ed25519Keys.fromPem("a;b", PEM));
        assertThrows(IllegalArgumentException.class, () -> Ed25519Keys.generate(" "));
    }
}

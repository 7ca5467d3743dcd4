package dev.opfunctions.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.client.keys.Ed25519Keys;
import dev.opfunctions.client.keys.GeneratedKeyPair;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --wallets external} and its options: what each valid combination gives, and each error, named, before anything starts. */
class ExternalWalletOptionsTest {
    private static final Path REPO = Path.of("/repo");
    private static final String CLIENT = "https://ilp.interledger-test.dev/my-shop";
    private static final String MERCHANT = "https://ilp.interledger-test.dev/my-till";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private GeneratedKeyPair key;
    private Path pem;
    /** The base64 body of the private key: no message may contain it. */
    private String keyBody;

    @BeforeEach
    void writeKey() throws Exception {
        key = Ed25519Keys.generate("key-1");
        pem = Files.writeString(dir.resolve("shop-key.pem"), key.privateKeyPem());
        keyBody = key.privateKeyPem()
                .lines()
                .filter(l -> !l.startsWith("-----"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aPemKeyWithTheWalletAndKeyIdGivenAsOptions() {
        RunnerSettings s = parse(
                "--wallets",
                "external",
                "--client-key",
                pem.toString(),
                "--client-wallet-address",
                CLIENT + "/",
                "--key-id",
                "key-1",
                "--merchant-wallet-address",
                "$ilp.interledger-test.dev/my-till");

        ExternalWallets w = s.externalWallets().orElseThrow();
        assertEquals(CLIENT, w.clientWalletAddress(), "a trailing slash is dropped");
        assertEquals(MERCHANT, w.merchantWalletAddress(), "a payment pointer becomes its https URL");
        assertEquals("key-1", w.keyId());
        assertEquals(key.privateKeyPem(), w.privateKeyPem());
        assertFalse(w.allowInsecure(), "public https wallets only unless asked");
        assertFalse(w.toString().contains(keyBody), w.toString());
        assertFalse(s.toString().contains(keyBody), "the settings print no key either");
    }

    @Test
    void theSecretJsonMaySupplyTheWalletAndKeyId() throws Exception {
        Path secret = secretFile(Map.of("walletAddress", CLIENT, "keyId", "key-1", "privateKey", key.privateKeyPem()));

        ExternalWallets w = parse(
                        "--wallets",
                        "external",
                        "--client-key",
                        secret.toString(),
                        "--merchant-wallet-address",
                        MERCHANT)
                .externalWallets()
                .orElseThrow();
        ExternalWallets repeated = parse(withKey(secret)).externalWallets().orElseThrow();

        assertEquals(CLIENT, w.clientWalletAddress());
        assertEquals("key-1", w.keyId());
        assertEquals(w, repeated, "options that agree with the JSON are fine");
        assertEquals(
                JSON.readTree(Files.readString(secret)),
                JSON.readTree(w.secretJson()),
                "the functions get the same secret");
    }

    @Test
    void theSecretJsonMayHoldTheKeyAsBase64OfThePemAsSecretsManagerAllows() throws Exception {
        String base64 = Base64.getEncoder().encodeToString(key.privateKeyPem().getBytes(StandardCharsets.US_ASCII));
        Path secret = secretFile(Map.of("privateKey", base64));

        ExternalWallets w = parse(withKey(secret)).externalWallets().orElseThrow();

        assertEquals(base64, w.privateKeyPem());
    }

    @Test
    void plainHttpAndLoopbackWalletsOnlyWithTheSwitch() {
        String[] local = {
            "--wallets",
            "external",
            "--client-key",
            pem.toString(),
            "--key-id",
            "key-1",
            "--client-wallet-address",
            "http://localhost:3000/accounts/shop",
            "--merchant-wallet-address",
            "https://127.0.0.1:3000/accounts/till"
        };

        assertEquals(
                "--client-wallet-address must be https; plain http wallets need --allow-insecure-wallets: http://localhost:3000/accounts/shop",
                error(local));
        String[] allowed = append(local, "--allow-insecure-wallets");
        ExternalWallets w = parse(allowed).externalWallets().orElseThrow();
        assertTrue(w.allowInsecure());
        assertEquals("http://localhost:3000/accounts/shop", w.clientWalletAddress());
    }

    @Test
    void theSandboxIsTheDefault() {
        assertEquals(Optional.empty(), parse().externalWallets());
        assertEquals(Optional.empty(), parse("--wallets", "sandbox").externalWallets());
    }

    @Test
    void eachMissingOrContradictoryOptionIsNamed() throws Exception {
        String key = pem.toString();
        assertEquals("--wallets takes sandbox or external, not real", error("--wallets", "real"));
        assertEquals(
                "--client-key needs --wallets external (the sandbox brings its own wallets)",
                error("--client-key", key));
        assertEquals(
                "--allow-insecure-wallets needs --wallets external (the sandbox brings its own wallets)",
                error("--wallets", "sandbox", "--allow-insecure-wallets"));
        assertEquals(
                "--sandbox-port-base is for the wallet sandbox, which does not run with --wallets external",
                error("--sandbox-port-base", "4200", "--wallets", "external", "--client-key", key));
        assertEquals(
                "--wait-seconds is for the wallet sandbox, which does not run with --wallets external",
                error("--wallets", "external", "--wait-seconds", "1"));
        assertTrue(error("--wallets", "external", "--merchant-wallet-address", MERCHANT)
                .startsWith("--wallets external needs --client-key FILE"));
        assertTrue(error("--wallets", "external", "--client-key", key)
                .startsWith("--wallets external needs --merchant-wallet-address URL"));
        assertEquals(
                "--wallets external needs --client-wallet-address URL (or walletAddress in the --client-key JSON)",
                error(
                        "--wallets",
                        "external",
                        "--client-key",
                        key,
                        "--key-id",
                        "key-1",
                        "--merchant-wallet-address",
                        MERCHANT));
        assertEquals(
                "--wallets external needs --key-id ID (or keyId in the --client-key JSON)",
                error(
                        "--wallets",
                        "external",
                        "--client-key",
                        key,
                        "--client-wallet-address",
                        CLIENT,
                        "--merchant-wallet-address",
                        MERCHANT));
        Path secret =
                secretFile(Map.of("walletAddress", CLIENT, "keyId", "key-1", "privateKey", this.key.privateKeyPem()));
        assertEquals(
                "--key-id key-2 contradicts the keyId in " + secret + " (key-1); give one of them",
                error(
                        "--wallets",
                        "external",
                        "--client-key",
                        secret.toString(),
                        "--key-id",
                        "key-2",
                        "--merchant-wallet-address",
                        MERCHANT));
        assertEquals(
                "--client-wallet-address " + MERCHANT + " contradicts the walletAddress in " + secret + " (" + CLIENT
                        + "); give one of them",
                error(
                        "--wallets",
                        "external",
                        "--client-key",
                        secret.toString(),
                        "--client-wallet-address",
                        MERCHANT,
                        "--merchant-wallet-address",
                        MERCHANT));
        assertEquals("--client-key needs a value", error("--wallets", "external", "--client-key"));
    }

    @Test
    void badWalletUrlsAreRefusedNamingTheOption() {
        assertEquals(
                "--merchant-wallet-address must be an absolute https URL with a host, not ftp://wallet.example/till",
                error(external("ftp://wallet.example/till")));
        assertEquals(
                "--merchant-wallet-address must not carry user info, a query or a fragment: https://wallet.example/till?x=1",
                error(external("https://wallet.example/till?x=1")));
        assertEquals(
                "--merchant-wallet-address names a loopback or private host; such wallets need --allow-insecure-wallets: https://localhost/till",
                error(external("https://localhost/till")));
        assertEquals(
                "--merchant-wallet-address names a loopback or private host; such wallets need --allow-insecure-wallets: https://10.0.0.7/till",
                error(external("https://10.0.0.7/till")));
        assertEquals(
                "--merchant-wallet-address names a loopback or private host; such wallets need --allow-insecure-wallets: https://[::1]/till",
                error(external("https://[::1]/till")));
        assertEquals(
                "--merchant-wallet-address is not a URL: https://wallet example/till",
                error(external("https://wallet example/till")));
    }

    @Test
    void aKeyFileThatDoesNotParseIsRefusedWithoutQuotingIt() throws Exception {
        Path missing = dir.resolve("absent.pem");
        Path publicKey = Files.writeString(
                dir.resolve("public.pem"),
                "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA" + keyBody.substring(0, 20)
                        + "\n-----END PUBLIC KEY-----\n");
        Path brokenJson = Files.writeString(dir.resolve("broken.json"), "{\"privateKey\": \"" + keyBody + "\n, }");
        Path noKey = secretFile(Map.of("walletAddress", CLIENT, "keyId", "key-1"));
        Path notAKey = secretFile(Map.of("privateKey", keyBody));

        assertEquals("--client-key " + missing + ": no such file", error(withKey(missing)));
        assertEquals(
                "--client-key " + publicKey + ": not a PKCS#8 Ed25519 private key: found a public key",
                error(withKey(publicKey)));
        String json = error(withKey(brokenJson));
        assertTrue(json.startsWith("--client-key " + brokenJson + " is not valid JSON (line "), json);
        assertEquals("--client-key " + noKey + " holds JSON without a privateKey", error(withKey(noKey)));
        String garbled = error(withKey(notAKey));
        assertTrue(garbled.startsWith("--client-key " + notAKey + ": not a PKCS#8 Ed25519 private key"), garbled);
        for (String message : List.of(json, garbled)) {
            assertFalse(message.contains(keyBody.substring(0, 12)), "key material in: " + message);
        }
        assertEquals(
                "--key-id: key id must be printable ASCII without '\"', '\\' or ';'",
                error(
                        "--wallets",
                        "external",
                        "--client-key",
                        pem.toString(),
                        "--key-id",
                        "a;b",
                        "--client-wallet-address",
                        CLIENT,
                        "--merchant-wallet-address",
                        MERCHANT));
    }

    @Test
    void theRunnerExplainsBadOptionsAndExitsWithTheUsageCode() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        Optional<RunnerSettings> settings = LocalRunner.settings(
                new String[] {"--client-key", pem.toString()},
                REPO,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(Optional.empty(), settings);
        assertEquals(2, LocalRunner.USAGE_ERROR);
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("run-local: --client-key needs --wallets external"), text);
        assertTrue(text.contains("--merchant-wallet-address URL"), "the usage follows: " + text);
    }

    private String[] external(String merchant) {
        return new String[] {
            "--wallets",
            "external",
            "--client-key",
            pem.toString(),
            "--key-id",
            "key-1",
            "--client-wallet-address",
            CLIENT,
            "--merchant-wallet-address",
            merchant
        };
    }

    /** Every external-wallet option, the key read from {@code file}: key id key-1, CLIENT and MERCHANT. */
    private String[] withKey(Path file) {
        return new String[] {
            "--wallets",
            "external",
            "--client-key",
            file.toString(),
            "--key-id",
            "key-1",
            "--client-wallet-address",
            CLIENT,
            "--merchant-wallet-address",
            MERCHANT
        };
    }

    private Path secretFile(Map<String, String> fields) throws Exception {
        return Files.writeString(Files.createTempFile(dir, "secret", ".json"), JSON.writeValueAsString(fields));
    }

    private static String[] append(String[] args, String more) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(more);
        return all.toArray(String[]::new);
    }

    private static RunnerSettings parse(String... args) {
        return RunnerOptions.parse(args, REPO);
    }

    private static String error(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> RunnerOptions.parse(args, REPO))
                .getMessage();
    }
}

package dev.opfunctions.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consent page in headless Chromium: a person approves one grant request and denies another.
 * Without /usr/bin/chromium the test fails in CI (CI=true) and is skipped elsewhere.
 */
class ConsentPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path tmp;

    @Test
    void personApprovesOneGrantAndDeniesAnotherInChromium() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        if (ci) {
            assertTrue(
                    Files.isExecutable(CHROMIUM),
                    "CI must have Debian's chromium at " + CHROMIUM + " (.ci/run installs it)");
            assertTrue(NodeScenario.dependenciesInstalled(), "run bin/node-deps");
        }
        assumeTrue(Files.isExecutable(CHROMIUM), "skipped: no Chromium at " + CHROMIUM + " (apt-get install chromium)");
        assumeTrue(NodeScenario.dependenciesInstalled(), "skipped: local/node/node_modules missing; run bin/node-deps");

        try (WalletSandbox sandbox =
                WalletSandbox.start(SandboxConfig.demoWorld().withWaitSeconds(1))) {
            TestKeys keys = TestKeys.generate("browser-key");
            String client = sandbox.walletAddressUrl("retailer");
            sandbox.admin().registerClientKey(client, keys.jwk());
            Map<String, String> env = new HashMap<>(Map.of(
                    "CLIENT_WALLET_ADDRESS", client,
                    "KEY_ID", keys.keyId(),
                    "PRIVATE_KEY_PATH", keys.writePem(tmp).toString(),
                    "CUSTOMER_WALLET_ADDRESS", sandbox.walletAddressUrl("customer"),
                    "RETAILER_WALLET_ADDRESS", client,
                    "ADMIN_URL", sandbox.adminUrl(),
                    "SCREENSHOT_PATH",
                            Path.of("target", "consent-page.png")
                                    .toAbsolutePath()
                                    .toString()));

            NodeScenario.Result result = NodeScenario.run("consent-browser.mjs", env, 120);

            assertEquals(0, result.exitCode(), result.describe());
            assertTrue(result.stdout().contains("conformance consent-browser: ok"), result.describe());
            assertTrue(sandbox.admin().pendingInteractions().isEmpty());
        }
    }
}

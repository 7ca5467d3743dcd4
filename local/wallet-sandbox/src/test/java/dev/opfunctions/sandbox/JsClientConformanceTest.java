package dev.opfunctions.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.opfunctions.client.model.Amount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official JS client ({@code @interledger/open-payments} 7.4.0, responses validated against
 * its bundled OpenAPI specs) drives the sandbox through the guides' flows, one Node process per
 * scenario, with every request signature verified and Rafiki's local-environment fees charged.
 */
class JsClientConformanceTest {

    @TempDir
    Path tmp;

    @BeforeEach
    void requireNodePackages() {
        boolean ci = "true".equals(System.getenv("CI"));
        if (ci)
            assertTrue(NodeScenario.dependenciesInstalled(), "run bin/node-deps: local/node/node_modules is missing");
        assumeTrue(NodeScenario.dependenciesInstalled(), "local/node/node_modules missing; run bin/node-deps");
    }

    @Test
    void oneTimePurchaseGuideMovesMxn1400FromCustomerToRetailer() throws Exception {
        try (WalletSandbox sandbox = WalletSandbox.start(config())) {
            Map<String, String> env = clientEnv(sandbox);

            NodeScenario.Result result = NodeScenario.run("one-time-b2c.mjs", env, 60);

            assertEquals(0, result.exitCode(), result.describe());
            assertTrue(result.stdout().contains("conformance one-time-b2c: ok"), result.describe());
            // MXN 1,400.00 delivered; Rafiki's local-environment fee 1.00 + 2 % of 1,400.00 = 29.00 on top.
            assertEquals(
                    Amount.of(1_000_000 - 142_900, "MXN", 2),
                    sandbox.admin().balance(sandbox.walletAddressUrl("customer")));
            assertEquals(Amount.of(140_000, "MXN", 2), sandbox.admin().balance(sandbox.walletAddressUrl("retailer")));
            assertEquals(Amount.of(2_900, "MXN", 2), sandbox.admin().feesCollected("MXN", 2));
            sandbox.admin().checkMoneyConserved();
        }
    }

    @Test
    void recurringGuidePaysTwoInstallmentsAcrossIntervalsWithTokenRotation() throws Exception {
        try (WalletSandbox sandbox = WalletSandbox.start(config())) {
            Map<String, String> env = clientEnv(sandbox);

            NodeScenario.Result result = NodeScenario.run("recurring-bnpl.mjs", env, 60);

            assertEquals(0, result.exitCode(), result.describe());
            assertTrue(result.stdout().contains("conformance recurring-bnpl: ok"), result.describe());
            assertTrue(sandbox.admin().awaitPaymentsSettled(Duration.ofSeconds(5)));
            // Two installments of MXN 500.00, each debited 511.00 (fee 1.00 + 2 % of 500.00).
            assertEquals(
                    Amount.of(1_000_000 - 2 * 51_100, "MXN", 2),
                    sandbox.admin().balance(sandbox.walletAddressUrl("customer")));
            assertEquals(Amount.of(100_000, "MXN", 2), sandbox.admin().balance(sandbox.walletAddressUrl("retailer")));
            assertEquals(Amount.of(2 * 1_100, "MXN", 2), sandbox.admin().feesCollected("MXN", 2));
            sandbox.admin().checkMoneyConserved();
        }
    }

    private static SandboxConfig config() {
        return SandboxConfig.demoWorld().withWaitSeconds(1).withSettlementDelay(Duration.ofMillis(20));
    }

    private Map<String, String> clientEnv(WalletSandbox sandbox) throws Exception {
        TestKeys keys = TestKeys.generate("conformance-key");
        String client = sandbox.walletAddressUrl("retailer");
        sandbox.admin().registerClientKey(client, keys.jwk());
        return Map.of(
                "CLIENT_WALLET_ADDRESS", client,
                "KEY_ID", keys.keyId(),
                "PRIVATE_KEY_PATH", keys.writePem(tmp).toString(),
                "CUSTOMER_WALLET_ADDRESS", sandbox.walletAddressUrl("customer"),
                "RETAILER_WALLET_ADDRESS", client,
                "ADMIN_URL", sandbox.adminUrl());
    }
}

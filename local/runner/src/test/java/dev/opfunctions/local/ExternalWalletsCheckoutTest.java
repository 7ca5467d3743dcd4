package dev.opfunctions.local;

import static dev.opfunctions.local.LocalCheckoutApi.HTTP;
import static dev.opfunctions.local.LocalCheckoutApi.JSON;
import static dev.opfunctions.local.LocalCheckoutApi.awaitTerminal;
import static dev.opfunctions.local.LocalCheckoutApi.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.keys.Ed25519Keys;
import dev.opfunctions.client.keys.GeneratedKeyPair;
import dev.opfunctions.client.model.Amount;
import dev.opfunctions.sandbox.SandboxConfig;
import dev.opfunctions.sandbox.WalletSandbox;
import dev.opfunctions.sandbox.auth.PendingInteraction;
import dev.opfunctions.sandbox.wallet.WalletAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --wallets external} against a wallet the runner did not start: the test starts a wallet
 * sandbox of its own as "some Rafiki-like wallet", and plays the developer who created a wallet
 * address with a public name and registered a key there, and the customer who approves on the
 * consent page. The runner gets only the options a developer would give it.
 */
class ExternalWalletsCheckoutTest {
    private static final Path REPO = Path.of(System.getProperty("repo.root"));

    @TempDir
    Path dir;

    @Test
    void aCheckoutIsPaidAtAWalletTheRunnerDidNotStartAndNoSandboxRuns() throws Exception {
        try (WalletSandbox wallet = WalletSandbox.start(
                SandboxConfig.demoWorld().withHosts("127.0.0.1", "localhost").withWaitSeconds(0))) {
            String shop = wallet.admin().createWalletAddress("happylifebank", "my-shop", "MXN", 2, "My Test Shop");
            GeneratedKeyPair key = Ed25519Keys.generate("my-key-1");
            wallet.admin().registerClientKey(shop, key.publicJwk());
            Path pem = Files.writeString(dir.resolve("shop-key.pem"), key.privateKeyPem());
            String merchant = wallet.walletAddressUrl("retailer");
            List<String> walletsBefore = wallet.admin().walletAddresses().stream()
                    .map(WalletAddress::url)
                    .toList();
            int unusedSandboxPorts = freePortRun(3);
            RunnerSettings settings = RunnerOptions.parse(
                            new String[] {
                                "--wallets",
                                "external",
                                "--client-key",
                                pem.toString(),
                                "--client-wallet-address",
                                shop,
                                "--key-id",
                                "my-key-1",
                                "--merchant-wallet-address",
                                merchant,
                                "--allow-insecure-wallets",
                                "--port",
                                "0",
                                "--direct"
                            },
                            REPO)
                    .withSandbox(unusedSandboxPorts, 0);

            try (LocalProduct product = LocalProduct.start(settings)) {
                // Nothing of the sandbox path ran: no sandbox, no wallet created at the external wallet, no sandbox
                // hints.
                assertEquals(
                        "the wallets are external (--wallets external): there is no wallet sandbox to call",
                        assertThrows(IllegalStateException.class, product::sandbox)
                                .getMessage());
                for (int port = unusedSandboxPorts; port < unusedSandboxPorts + 3; port++) {
                    assertFalse(listening(port), "something listens on the sandbox's port " + port);
                }
                assertEquals(
                        walletsBefore,
                        wallet.admin().walletAddresses().stream()
                                .map(WalletAddress::url)
                                .toList());
                assertEquals(shop, product.client().walletAddress());
                assertEquals("my-key-1", product.client().keyId());
                assertEquals(
                        "true",
                        product.localEnvironment(product.functions()
                                        .get("StartCheckoutFunction")
                                        .definition())
                                .get("LOCAL_DEVELOPMENT"));
                JsonNode config = JSON.readTree(
                        send(product, "GET", "/shop/config.json", null, false).body());
                assertEquals("external", config.get("wallets").asText());
                assertFalse(
                        config.has("sandboxAdminUrl")
                                || config.has("customerWalletAddress")
                                || config.has("marketplaceWalletAddress"),
                        config.toString());
                assertEquals(
                        "MXN",
                        config.at("/asset/assetCode").asText(),
                        "read from the merchant's wallet address: " + config);
                assertEquals(2, config.at("/asset/assetScale").asInt());
                assertTrue(config.get("walletsDescription").asText().contains(shop), config.toString());

                String order = """
            {"orderId":"external-1","customerWalletAddress":"%s","amount":{"value":"25000","assetCode":"MXN","assetScale":2},
             "description":"Water bottle","returnUrl":"%s/order.html"}""".formatted(wallet.walletAddressUrl("customer"), product.baseUrl());
                HttpResponse<String> created = send(product, "POST", "/checkouts", order, true);

                assertEquals(201, created.statusCode(), created.body());
                JsonNode checkout = JSON.readTree(created.body());
                String redirect = checkout.get("redirectUrl").asText();
                PendingInteraction consent = wallet.admin().pendingInteractions().stream()
                        .filter(p -> p.redirectUrl().equals(redirect))
                        .findFirst()
                        .orElseThrow(
                                () -> new AssertionError("the external wallet has no consent waiting for " + redirect));
                assertEquals(
                        "My Test Shop",
                        consent.clientName(),
                        "the grant was asked for as the shop's own wallet address");

                String finish = wallet.admin().approve(redirect).orElseThrow();
                HttpResponse<String> back = HTTP.send(
                        HttpRequest.newBuilder(URI.create(finish)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(302, back.statusCode(), back.body());
                JsonNode done = awaitTerminal(product, checkout.get("id").asText());
                assertEquals("completed", done.get("status").asText(), done.toString());
                assertTrue(
                        wallet.admin().awaitPaymentsSettled(Duration.ofSeconds(5)),
                        "the external wallet settled every outgoing payment within 5 s");
                assertEquals(Amount.of(25000, "MXN", 2), wallet.admin().balance(merchant));
            }
        }
    }

    @Test
    void withoutTheSwitchTheFunctionsKeepThePublicHttpsPolicyAndTheShopSendsNoReturnUrl() throws Exception {
        Path pem = Files.writeString(
                dir.resolve("shop-key.pem"), Ed25519Keys.generate("k").privateKeyPem());
        // .invalid never resolves: the runner must start without calling any wallet.
        RunnerSettings settings = RunnerOptions.parse(
                new String[] {
                    "--wallets",
                    "external",
                    "--client-key",
                    pem.toString(),
                    "--client-wallet-address",
                    "https://wallet.invalid/shop",
                    "--key-id",
                    "k",
                    "--merchant-wallet-address",
                    "https://wallet.invalid/till",
                    "--port",
                    "0",
                    "--direct"
                },
                REPO);

        try (LocalProduct product = LocalProduct.start(settings)) {
            assertEquals(
                    "false",
                    product.localEnvironment(product.functions()
                                    .get("StartCheckoutFunction")
                                    .definition())
                            .get("LOCAL_DEVELOPMENT"));
            JsonNode config = JSON.readTree(
                    send(product, "GET", "/shop/config.json", null, false).body());
            assertFalse(config.get("returnToShop").asBoolean(), config.toString());
            assertTrue(
                    config.get("walletsProblem")
                            .asText()
                            .startsWith("cannot read the merchant's wallet address https://wallet.invalid/till"),
                    config.toString());

            assertRefused(product, "http://localhost:1/customer", null, "INVALID_WALLET_ADDRESS");
            assertRefused(product, "https://127.0.0.1:1/customer", null, "WALLET_ADDRESS_NOT_ALLOWED");
            // A public address literal passes the wallet check without a lookup (documentation ranges such as
            // TEST-NET-1
            // are refused as special-purpose); the order is refused while parsing, before any wallet is contacted, for
            // the
            // shop's plain-http return URL, which is why the storefront sends none in this mode.
            assertRefused(
                    product,
                    "https://93.184.216.34/customer",
                    product.baseUrl() + "/order.html",
                    "RETURN_URL_NOT_ALLOWED");
        }
    }

    private static void assertRefused(LocalProduct product, String customer, String returnUrl, String code)
            throws Exception {
        String order = """
        {"orderId":"strict-%s","customerWalletAddress":"%s","amount":{"value":"100","assetCode":"EUR","assetScale":2}%s}""".formatted(code, customer, returnUrl == null ? "" : ",\"returnUrl\":\"" + returnUrl + "\"");
        HttpResponse<String> refused = send(product, "POST", "/checkouts", order, true);
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals(code, JSON.readTree(refused.body()).at("/error/code").asText(), refused.body());
    }

    /** A port such that it and the next {@code count - 1} are free now. */
    private static int freePortRun(int count) throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int base;
            try (ServerSocket s = new ServerSocket(0)) {
                base = s.getLocalPort();
            }
            if (base + count > 65_535) {
                continue;
            }
            boolean free = true;
            for (int p = base; p < base + count && free; p++) {
                try (ServerSocket s = new ServerSocket(p)) {
                    free = s.getLocalPort() == p;
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no run of " + count + " free ports found");
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

package dev.opfunctions.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.client.model.Amount;
import dev.opfunctions.local.ClientIdentity;
import dev.opfunctions.local.LocalProduct;
import dev.opfunctions.local.RunnerSettings;
import dev.opfunctions.local.Storefront;
import dev.opfunctions.sandbox.WalletSandbox;
import java.io.File;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * End to end, as a person would: the whole runner (the real functions through the runtime interface
 * client, the template's table, queues and routes, the wallet sandbox) and headless Chromium buying
 * in the demo storefront, once paying the shop and once split between seller and marketplace. The
 * order page must itemise price, fee and charge exactly as the API reports them and tell what
 * happened in a shopper's words ({@link StorefrontPages}); a USD merchant's shop must price in USD.
 * Then the sandbox's ledger must show exactly the money the checkouts say moved. Without Chromium
 * the test fails in CI (CI=true) and is skipped elsewhere.
 */
class StorefrontBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path REPO =
            Path.of(System.getProperty("repo.root")).toAbsolutePath().normalize();
    private static final Path NODE_DIR = REPO.resolve("local/node");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPersonBuysInTheStorefrontApprovesAtTheWalletAndSeesThePaymentComplete() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        boolean nodeDeps = Files.isDirectory(NODE_DIR.resolve("node_modules/playwright-core"));
        if (ci) {
            assertTrue(
                    Files.isExecutable(CHROMIUM),
                    "CI must have Debian's chromium at " + CHROMIUM + " (.ci/run installs it)");
            assertTrue(nodeDeps, "run bin/node-deps");
        }
        assumeTrue(Files.isExecutable(CHROMIUM), "skipped: no Chromium at " + CHROMIUM + " (apt-get install chromium)");
        assumeTrue(nodeDeps, "skipped: local/node/node_modules missing; run bin/node-deps");

        RunnerSettings settings = RunnerSettings.defaults(REPO).withPort(0).withSandbox(0, 1);
        try (LocalProduct product = LocalProduct.start(settings)) {
            for (String needed : List.of("StartCheckoutFunction", "ConsentFinishFunction", "CreateOutgoingFunction")) {
                assertTrue(
                        product.functions().containsKey(needed),
                        needed + " must run (mvn package builds its jar): " + product.notRunning());
            }
            WalletSandbox sandbox = product.sandbox();
            String customer = sandbox.walletAddressUrl("customer");
            String retailer = sandbox.walletAddressUrl("retailer");
            String marketplace = sandbox.walletAddressUrl(LocalProduct.MARKETPLACE_FEES_WALLET);
            Amount customerBefore = sandbox.admin().balance(customer);

            List<JsonNode> all = runBrowser(product.baseUrl() + "/", "one-time,split,installments,usd-prices");

            assertEquals(4, all.size(), all.toString());
            List<JsonNode> results = all.subList(0, 2);
            for (JsonNode r : results) {
                assertTrue(r.path("error").isMissingNode(), r.toString());
                assertEquals("completed", r.get("state").asText(), r.toString());
                assertEquals("Payment completed", r.get("statusText").asText());
                assertEquals("Payment completed", r.get("historyStatus").asText());
                assertEquals(customer, r.get("wallet").asText());
                assertTrue(r.get("walletFits").asBoolean(), "the wallet address shows in full: " + r.get("wallet"));
                assertEquals(
                        ClientIdentity.PUBLIC_NAME,
                        r.at("/consent/clientName").asText(),
                        "the consent page names the shop");
                assertEquals("approved", r.get("outcome").asText());
                assertTrue(r.get("problems").isEmpty(), "no script errors on the pages: " + r.get("problems"));
            }
            assertEquals(1, results.get(0).get("payees").size());
            assertEquals(2, results.get(1).get("payees").size(), "seller and marketplace");

            assertTrue(
                    sandbox.admin().awaitPaymentsSettled(Duration.ofSeconds(10)),
                    "the sandbox settled every outgoing payment within 10 s");
            JsonNode single = checkout(product, results.get(0).get("checkoutId").asText());
            JsonNode split = checkout(product, results.get(1).get("checkoutId").asText());
            StorefrontPages.amountsMatchTheApi(results.get(0), single);
            StorefrontPages.amountsMatchTheApi(results.get(1), split);
            StorefrontPages.receivedMatchesTheApi(results.get(0), single, "Received by the shop");
            StorefrontPages.receivedMatchesTheApi(results.get(1), split, "Received by the 2 payees");
            // Same price, but the split pays two payees and a fixed fee for each (Rafiki's 1.00 + 2 % in the sandbox).
            assertEquals(single.get("amount"), split.get("amount"));
            assertTrue(
                    value(split.get("feeAmount")).compareTo(value(single.get("feeAmount"))) > 0,
                    "the split costs more in fees: " + split.get("feeAmount") + " vs " + single.get("feeAmount"));
            StorefrontPages.historyInShoppersWords(
                    results.get(0), List.of("Your wallet approved the payment", "Payment received by the shop"));
            StorefrontPages.historyInShoppersWords(
                    results.get(1),
                    List.of(
                            "Your wallet approved the payment",
                            "Payment received by the shop",
                            "Payment received by the marketplace"));
            StorefrontPages.pricedInUsd(all.get(3));
            JsonNode plan = checkout(product, all.get(2).get("checkoutId").asText());
            BigInteger debited = value(single.get("debitedAmount"))
                    .add(value(split.get("debitedAmount")))
                    .add(value(plan.get("debitedAmount")));
            // The shop got 1,400.00 from the first order and 95 % (1,330.00) from the split, and the plan's first
            // installment; the marketplace 5 % (70.00).
            assertEquals(
                    Amount.of(
                            140000 + 133000 + value(plan.get("receivedAmount")).longValueExact(), "MXN", 2),
                    sandbox.admin().balance(retailer));
            assertEquals(Amount.of(7000, "MXN", 2), sandbox.admin().balance(marketplace));
            assertEquals(value(single.get("debitAmount")), value(single.get("debitedAmount")));
            assertEquals(value(split.get("debitAmount")), value(split.get("debitedAmount")));
            assertEquals(
                    customerBefore.value().subtract(debited),
                    sandbox.admin().balance(customer).value(),
                    "the customer paid exactly what the checkouts say was debited");
            sandbox.admin().checkMoneyConserved();
            installmentsAreSentAndTheApisAnswerShown(all.get(2));
            StorefrontPages.planScheduleAndFees(all.get(2), plan);
        }
    }

    /**
     * With the webhooks wired (the webhook function signing every checkout event, the runner handing the
     * storefront the secret), the order page learns of the payment from the pushed events alone: it polls
     * nothing and still reaches "Payment completed" ({@link StorefrontPages#followedThePushesAlone}).
     */
    @Test
    void followsAPurchaseToCompletedFromTheWebhookAlone() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "skipped: no Chromium at " + CHROMIUM + " (apt-get install chromium)");
        assumeTrue(
                Files.isDirectory(NODE_DIR.resolve("node_modules/playwright-core")),
                "skipped: local/node/node_modules missing; run bin/node-deps");
        RunnerSettings settings = RunnerSettings.defaults(REPO).withPort(0).withSandbox(0, 1);
        try (LocalProduct product = LocalProduct.start(settings)) {
            assumeTrue(
                    webhooksConfigured(product),
                    "skipped: the runner gives the storefront no webhook secret (POST /webhooks answers 503),"
                            + " so the order page polls; this needs the webhook function and the runner's wiring");

            List<JsonNode> results = runBrowser(product.baseUrl() + "/", "pushed");

            assertEquals(1, results.size(), results.toString());
            StorefrontPages.followedThePushesAlone(results.get(0));
            JsonNode api = checkout(product, results.get(0).get("checkoutId").asText());
            assertEquals("completed", api.get("status").asText(), api.toString());
        }
    }

    /** An unsigned delivery is refused as unverified (400) by a storefront that has a secret, as unconfigured (503) without. */
    static boolean webhooksConfigured(LocalProduct product) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(product.baseUrl() + Storefront.WEBHOOKS_PATH))
                                .header("content-type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return response.statusCode() != 503;
    }

    /**
     * The installment plan goes to the API as chosen, the API accepts it, the customer is sent to the wallet's
     * consent page, and the plan's order page shows it waiting for approval.
     */
    private static void installmentsAreSentAndTheApisAnswerShown(JsonNode r) {
        assertTrue(r.path("error").isMissingNode(), r.toString());
        assertEquals(4, r.at("/sent/count").asInt());
        assertEquals("P1M", r.at("/sent/period").asText());
        assertEquals(201, r.at("/api/status").asInt(), r.toString());
        assertTrue(r.get("consentUrl").asText().contains("/interact/"), r.toString());
        JsonNode page = r.get("orderPage");
        assertEquals("awaiting_consent", page.get("state").asText(), page.toString());
        assertEquals(
                StorefrontPages.money(r.at("/api/body/amount")),
                page.get("price").asText());
        assertEquals(4, page.get("payees").asInt(), "one payment per installment: " + page);
        assertEquals("Waiting for your approval", page.at("/happened/0").asText(), page.toString());
        assertTrue(page.get("problems").isEmpty(), "no script errors on the plan's order page: " + page);
    }

    private static JsonNode checkout(LocalProduct product, String id) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(product.baseUrl() + Storefront.API_PREFIX + "/checkouts/" + id))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static BigInteger value(JsonNode amount) {
        return new BigInteger(amount.get("value").asText());
    }

    private static List<JsonNode> runBrowser(String storefront, String modes) throws Exception {
        Path script = REPO.resolve("local/e2e/src/test/node/storefront-purchase.mjs");
        Path shots = Files.createDirectories(REPO.resolve("local/e2e/target/screenshots"));
        ProcessBuilder pb = new ProcessBuilder("node", script.toString()).directory(NODE_DIR.toFile());
        pb.environment()
                .putAll(Map.of(
                        "STOREFRONT_URL",
                        storefront,
                        "NODE_DIR",
                        NODE_DIR.toString(),
                        "MODES",
                        modes,
                        "CHROMIUM",
                        CHROMIUM.toString(),
                        "SCREENSHOT_DIR",
                        shots.toString()));
        File out = Files.createTempFile("storefront-out", ".txt").toFile();
        File err = Files.createTempFile("storefront-err", ".txt").toFile();
        Process node = pb.redirectOutput(out).redirectError(err).start();
        boolean finished = node.waitFor(150, TimeUnit.SECONDS);
        if (!finished) {
            node.destroyForcibly();
        }
        String stdout = Files.readString(out.toPath(), StandardCharsets.UTF_8);
        String stderr = Files.readString(err.toPath(), StandardCharsets.UTF_8);
        System.out.println("--- browser\n" + stdout + stderr);
        assertTrue(finished, "the browser run timed out\n" + stdout + stderr);
        List<JsonNode> results = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.startsWith("RESULT ")) {
                results.add(JSON.readTree(line.substring(7)));
            }
        }
        assertEquals(0, node.exitValue(), stdout + stderr);
        return results;
    }
}

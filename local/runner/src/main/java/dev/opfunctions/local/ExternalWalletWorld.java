package dev.opfunctions.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.aws.local.LocalSecretsManager;
import dev.opfunctions.sandbox.WalletSandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Real wallets ({@code --wallets external}): the client identity and merchant the options name. Starts
 * nothing and calls no wallet at start: the key the developer registered at their wallet goes into the
 * local Secrets Manager as the client-key secret, and from there on the functions talk to the wallets
 * as they would on AWS. Only the storefront reads the merchant's public wallet address document, to
 * price the products in the merchant's asset.
 */
final class ExternalWalletWorld implements WalletWorld {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ExternalWallets wallets;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private volatile JsonNode merchant;

    ExternalWalletWorld(ExternalWallets wallets) {
        this.wallets = wallets;
    }

    @Override
    public ClientIdentity prepareClient(LocalSecretsManager secrets) {
        String arn = secrets.createSecret(ClientIdentity.SECRET_NAME, wallets.secretJson());
        return new ClientIdentity(wallets.clientWalletAddress(), wallets.keyId(), arn);
    }

    @Override
    public String merchantWalletAddress() {
        return wallets.merchantWalletAddress();
    }

    @Override
    public boolean allowsInsecureWallets() {
        return wallets.allowInsecure();
    }

    /** No customer defaults: any wallet address may pay. The products are priced in the merchant's asset once it is known. */
    @Override
    public void describeToStorefront(ObjectNode config) {
        config.put("wallets", "external");
        config.put(
                "walletsDescription",
                "real wallets: the shop " + wallets.clientWalletAddress() + " is paid into "
                        + wallets.merchantWalletAddress()
                        + (wallets.allowInsecure() ? " (plain-http and loopback wallets allowed)" : ""));
        config.put("merchantWalletAddress", wallets.merchantWalletAddress());
        try {
            JsonNode doc = merchantDocument();
            ObjectNode asset = config.putObject("asset");
            asset.put("assetCode", doc.path("assetCode").asText());
            asset.put("assetScale", doc.path("assetScale").asInt());
        } catch (IOException e) {
            // The HTTP client's connect failures often carry no message, only their type (e.g. an unknown host).
            config.put(
                    "walletsProblem",
                    "cannot read the merchant's wallet address " + wallets.merchantWalletAddress() + ": "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            config.put("walletsProblem", "interrupted while reading the merchant's wallet address");
        }
    }

    /** The merchant's wallet address document, read once it answers (an unreachable wallet is retried on the next page load). */
    private JsonNode merchantDocument() throws IOException, InterruptedException {
        JsonNode known = merchant;
        if (known != null) {
            return known;
        }
        // With the switch the functions send https wallet URLs as plain http (LOCAL_DEVELOPMENT), so read it the same
        // way.
        String url = wallets.merchantWalletAddress();
        String wire = wallets.allowInsecure() && url.regionMatches(true, 0, "https://", 0, 8)
                ? "http://" + url.substring(8)
                : url;
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(wire))
                        .timeout(TIMEOUT)
                        .header("accept", "application/json")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("it answered " + response.statusCode());
        }
        JsonNode doc = JSON.readTree(response.body());
        if (!doc.path("assetCode").isTextual() || !doc.path("assetScale").canConvertToInt()) {
            throw new IOException("its document has no assetCode and assetScale");
        }
        merchant = doc;
        return doc;
    }

    @Override
    public List<String> summary() {
        return List.of(
                "Wallets           external: no wallet sandbox runs; "
                        + (wallets.allowInsecure()
                                ? "plain-http and loopback wallets allowed (LOCAL_DEVELOPMENT=true)"
                                : "only public https wallets (LOCAL_DEVELOPMENT=false)"),
                "",
                "Pay from          any wallet address (enter it in the storefront; approve at that wallet in a browser on this machine)",
                "Merchant          " + wallets.merchantWalletAddress());
    }

    /** Never: the wallets are real. */
    @Override
    public Optional<WalletSandbox> sandbox() {
        return Optional.empty();
    }

    @Override
    public void close() {
        http.close();
    }
}

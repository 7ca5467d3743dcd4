package dev.opfunctions.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.aws.local.LocalSecretsManager;
import dev.opfunctions.sandbox.SandboxConfig;
import dev.opfunctions.sandbox.WalletSandbox;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The wallet sandbox's demo world: customers at cloudninebank, the retailer at happylifebank, plus
 * the shop's own wallet address with a fresh key and the marketplace's fee wallet, created at start.
 */
final class SandboxWalletWorld implements WalletWorld {
    private final WalletSandbox sandbox;
    private final Optional<Path> keyFile;

    private SandboxWalletWorld(WalletSandbox sandbox, Optional<Path> keyFile) {
        this.sandbox = sandbox;
        this.keyFile = keyFile;
    }

    static SandboxWalletWorld start(RunnerSettings settings) {
        SandboxConfig config = SandboxConfig.demoWorld()
                .withHosts("127.0.0.1", "localhost")
                .withWaitSeconds(settings.sandboxWaitSeconds());
        // With --persist the whole wallet world is kept (its ports too, wallet address URLs are its identity),
        // and so is the shop's key pair, which the restored sandbox still publishes.
        return new SandboxWalletWorld(
                WalletSandbox.start(
                        settings.sandboxPortBase() > 0 ? config.withPortsFrom(settings.sandboxPortBase()) : config,
                        settings.persistDir().map(d -> d.resolve("sandbox"))),
                settings.persistDir().map(d -> d.resolve("client-key.json")));
    }

    @Override
    public ClientIdentity prepareClient(LocalSecretsManager secrets) {
        ClientIdentity client = ClientIdentity.create(sandbox, secrets, keyFile);
        boolean restored = sandbox.admin().walletAddresses().stream()
                .anyMatch(w -> w.name().equals(LocalProduct.MARKETPLACE_FEES_WALLET));
        if (!restored) {
            sandbox.admin()
                    .createWalletAddress(
                            ClientIdentity.PROVIDER,
                            LocalProduct.MARKETPLACE_FEES_WALLET,
                            "MXN",
                            2,
                            "Happy Marketplace (fees)");
        }
        return client;
    }

    @Override
    public String merchantWalletAddress() {
        return sandbox.walletAddressUrl("retailer");
    }

    /** The sandbox speaks plain http on loopback. */
    @Override
    public boolean allowsInsecureWallets() {
        return true;
    }

    @Override
    public void describeToStorefront(ObjectNode config) {
        config.put("wallets", "sandbox");
        config.put("walletsDescription", "the local wallet sandbox's demo world (no real money)");
        config.put("customerWalletAddress", sandbox.walletAddressUrl("customer"));
        config.putArray("otherCustomerWalletAddresses").add(sandbox.walletAddressUrl("customer-usd"));
        config.put("merchantWalletAddress", merchantWalletAddress());
        config.put("marketplaceWalletAddress", sandbox.walletAddressUrl(LocalProduct.MARKETPLACE_FEES_WALLET));
        config.put("sandboxAdminUrl", sandbox.adminUrl());
        ObjectNode asset = config.putObject("asset");
        asset.put("assetCode", "MXN");
        asset.put("assetScale", 2);
    }

    @Override
    public List<String> summary() {
        return List.of(
                "Wallet sandbox    " + sandbox.adminUrl() + "   (admin API: balances, ledger, consent approvals)",
                "",
                "Pay from          " + wallet("customer"),
                "                  " + wallet("customer-usd"),
                "Merchant          " + wallet("retailer"),
                "Marketplace fees  " + wallet(LocalProduct.MARKETPLACE_FEES_WALLET));
    }

    private String wallet(String name) {
        String url = sandbox.walletAddressUrl(name);
        return url + "   (balance " + sandbox.admin().balance(url) + ")";
    }

    @Override
    public Optional<WalletSandbox> sandbox() {
        return Optional.of(sandbox);
    }

    @Override
    public void close() {
        sandbox.close();
    }
}

package dev.opfunctions.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.aws.local.LocalSecretsManager;
import dev.opfunctions.sandbox.WalletSandbox;
import java.util.List;
import java.util.Optional;

/**
 * Where the runner's wallets come from. Everything that depends on the wallet sandbox (the shop's
 * client identity registered there, the merchant and demo wallets, the storefront's sandbox hints)
 * sits behind this interface, so that with real wallets ({@link ExternalWalletWorld}) no sandbox is
 * started and no sandbox call can be made; {@link SandboxWalletWorld} is the demo world.
 */
interface WalletWorld extends AutoCloseable {

    /** The sandbox's demo world, or the external wallets the settings name (which starts nothing). */
    static WalletWorld start(RunnerSettings settings) {
        return settings.externalWallets()
                .<WalletWorld>map(ExternalWalletWorld::new)
                .orElseGet(() -> SandboxWalletWorld.start(settings));
    }

    /** Sets up the shop's client identity and stores its key as the client-key secret the functions read. */
    ClientIdentity prepareClient(LocalSecretsManager secrets);

    /** The wallet address the shop is paid into ({@code MERCHANT_WALLET_ADDRESS}). */
    String merchantWalletAddress();

    /** Whether the functions may call plain-http and loopback wallets ({@code LOCAL_DEVELOPMENT=true}). */
    boolean allowsInsecureWallets();

    /** Adds what the storefront's pages need to know about the wallets to {@code /shop/config.json}. */
    void describeToStorefront(ObjectNode config);

    /** Lines for the runner's start-up summary. */
    List<String> summary();

    /** The wallet sandbox, when it is the sandbox's world. */
    Optional<WalletSandbox> sandbox();

    /** Stops what this world started. */
    @Override
    void close();
}

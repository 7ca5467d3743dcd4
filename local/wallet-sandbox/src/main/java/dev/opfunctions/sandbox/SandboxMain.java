package dev.opfunctions.sandbox;

import dev.opfunctions.client.model.Amount;
import dev.opfunctions.sandbox.wallet.Provider;
import dev.opfunctions.sandbox.wallet.WalletAddress;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Standalone start ({@code bin/sandbox}): the demo world on fixed ports, printed so a person can
 * point any Open Payments client at it. The options ({@code bin/sandbox --help}) are read with
 * picocli; bad options are explained on standard error with exit code 2, before anything starts.
 */
public final class SandboxMain {
    /** The exit code for bad options: nothing has been started when it is returned. */
    static final int USAGE_ERROR = 2;

    private SandboxMain() {}

    public static void main(String[] args) throws InterruptedException {
        if (SandboxOptions.helpRequested(args)) {
            System.out.print(SandboxOptions.usage());
            return;
        }
        SandboxConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("sandbox: " + e.getMessage() + " (bin/sandbox --help lists the options)");
            System.exit(USAGE_ERROR);
            return;
        }
        WalletSandbox sandbox;
        try {
            sandbox = WalletSandbox.start(config);
        } catch (java.io.UncheckedIOException e) {
            System.err.println("sandbox: " + portInUse(e).orElseThrow(() -> e));
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            sandbox.close();
                            stopped.countDown();
                        },
                        "sandbox-shutdown"));
        describe(sandbox, System.out);
        stopped.await();
    }

    /**
     * One line for a port that is taken (naming the listener and {@code --port-base}); empty when {@code e}
     * is no failed bind.
     */
    static java.util.Optional<String> portInUse(Exception e) {
        return WalletSandbox.portTaken(e)
                .map(where -> where + ": the port is in use (another bin/sandbox or bin/run-local?);"
                        + " pass --port-base N for other ports, 0 for free ones");
    }

    /** The demo world as {@code args} change it; throws {@link IllegalArgumentException} naming the option for bad input. */
    static SandboxConfig parse(String[] args) {
        return SandboxOptions.parse(args);
    }

    static void describe(WalletSandbox sandbox, PrintStream out) {
        out.println("Open Payments wallet sandbox is running.");
        out.println("  admin API:    " + sandbox.adminUrl()
                + "   (GET for an overview; see local/wallet-sandbox/README.md)");
        out.println("  consent URLs: " + sandbox.consentUrlPattern());
        out.println("  token lifetime " + sandbox.config.tokenLifetime().toSeconds() + " s, continue.wait "
                + sandbox.config.waitSeconds()
                + " s, quotes live " + sandbox.config.quoteLifetime().toSeconds() + " s, signatures "
                + (sandbox.config.verifySignatures() ? "verified" : "NOT verified"));
        for (Provider p : sandbox.providers()) {
            out.println();
            out.println(
                    "  " + p.name() + "  auth server " + p.authServer() + "  resource server " + p.resourceServer());
            for (WalletAddress w : sandbox.directory.of(p)) {
                Amount balance = sandbox.ledger.walletBalance(w.url());
                out.printf("    %-42s %-14s \"%s\"%n", w.url(), balance, w.publicName());
            }
        }
        out.println();
        out.println(
                "Register your client's public key on a wallet address (its publicName is shown on consent pages):");
        out.println("  curl -X POST " + sandbox.adminUrl() + "/keys -H 'content-type: application/json' \\");
        out.println(
                "    -d '{\"walletAddress\":\"" + sandbox.walletAddressUrl("retailer")
                        + "\",\"jwk\":{\"kid\":\"my-key\",\"alg\":\"EdDSA\",\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"...\"}}'");
        out.println("Approve a consent request without a browser:  POST " + sandbox.adminUrl()
                + "/interactions/approve {\"interaction\":\"<interact.redirect>\"}");
        out.println("Press Ctrl+C to stop.");
        out.flush();
    }
}

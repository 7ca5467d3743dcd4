package dev.opfunctions.sandbox;

import dev.opfunctions.client.model.Amount;
import dev.opfunctions.sandbox.wallet.Provider;
import dev.opfunctions.sandbox.wallet.WalletAddress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Standalone start ({@code bin/sandbox}): the demo world on fixed ports, printed so a person can
 * point any Open Payments client at it. Options: {@code --port-base N} (admin on N, providers on
 * N+1…, default 4100), {@code --host NAME} (host in URLs, default 127.0.0.1; use localhost if your
 * client needs it), {@code --bind ADDRESS}, {@code --wait-seconds N} (default 5),
 * {@code --token-lifetime SECONDS} (default 600), {@code --no-signature-check}, {@code --no-fees} (quotes
 * without Rafiki's local-environment fee), {@code --raw-body-digest} (Content-Digest over the bytes sent
 * instead of Rafiki's {@code JSON.stringify} of the parsed body).
 */
public final class SandboxMain {

    private SandboxMain() {}

    public static void main(String[] args) throws InterruptedException {
        SandboxConfig config = parse(args);
        WalletSandbox sandbox = WalletSandbox.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        describe(sandbox, System.out);
        stopped.await();
    }

    static SandboxConfig parse(String[] args) {
        SandboxConfig config = SandboxConfig.demoWorld();
        int portBase = 4100;
        String host = "127.0.0.1";
        String bind = "127.0.0.1";
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port-base" -> { portBase = Integer.parseInt(require(args[i], value)); i++; }
                case "--host" -> { host = require(args[i], value); i++; }
                case "--bind" -> { bind = require(args[i], value); i++; }
                case "--wait-seconds" -> { config = config.withWaitSeconds(Integer.parseInt(require(args[i], value))); i++; }
                case "--token-lifetime" -> { config = config.withTokenLifetime(Duration.ofSeconds(Long.parseLong(require(args[i], value)))); i++; }
                case "--no-signature-check" -> config = config.withSignatureVerification(false);
                case "--no-fees" -> config = config.withFee(dev.opfunctions.sandbox.money.FeePolicy.NONE);
                case "--raw-body-digest" -> config = config.withBodyDigest(SandboxConfig.BodyDigest.RAW_BYTES);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (known: --port-base --host --bind --wait-seconds --token-lifetime --no-signature-check --no-fees --raw-body-digest)");
            }
        }
        return config.withHosts(bind, host).withPortsFrom(portBase);
    }

    private static String require(String option, String value) {
        if (value == null) throw new IllegalArgumentException(option + " needs a value");
        return value;
    }

    static void describe(WalletSandbox sandbox, PrintStream out) {
        out.println("Open Payments wallet sandbox is running.");
        out.println("  admin API:    " + sandbox.adminUrl() + "   (GET for an overview; see local/wallet-sandbox/README.md)");
        out.println("  consent URLs: " + sandbox.consentUrlPattern());
        out.println("  token lifetime " + sandbox.config.tokenLifetime().toSeconds() + " s, continue.wait " + sandbox.config.waitSeconds()
                + " s, quotes live " + sandbox.config.quoteLifetime().toSeconds() + " s, signatures "
                + (sandbox.config.verifySignatures() ? "verified" : "NOT verified"));
        for (Provider p : sandbox.providers()) {
            out.println();
            out.println("  " + p.name() + "  auth server " + p.authServer() + "  resource server " + p.resourceServer());
            for (WalletAddress w : sandbox.directory.of(p)) {
                Amount balance = sandbox.ledger.walletBalance(w.url());
                out.printf("    %-42s %-14s \"%s\"%n", w.url(), balance, w.publicName());
            }
        }
        out.println();
        out.println("Register your client's public key on a wallet address (its publicName is shown on consent pages):");
        out.println("  curl -X POST " + sandbox.adminUrl() + "/keys -H 'content-type: application/json' \\");
        out.println("    -d '{\"walletAddress\":\"" + sandbox.walletAddressUrl("retailer") + "\",\"jwk\":{\"kid\":\"my-key\",\"alg\":\"EdDSA\",\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"...\"}}'");
        out.println("Approve a consent request without a browser:  POST " + sandbox.adminUrl() + "/interactions/approve {\"interaction\":\"<interact.redirect>\"}");
        out.println("Press Ctrl+C to stop.");
        out.flush();
    }
}

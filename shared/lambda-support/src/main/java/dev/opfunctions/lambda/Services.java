package dev.opfunctions.lambda;

import dev.opfunctions.checkout.order.CheckoutRequestParser;
import dev.opfunctions.checkout.order.UrlPolicy;
import dev.opfunctions.checkout.service.CheckoutDependencies;
import dev.opfunctions.checkout.service.CheckoutQueries;
import dev.opfunctions.checkout.service.CheckoutSettings;
import dev.opfunctions.checkout.service.ConsentFinish;
import dev.opfunctions.checkout.service.InstallmentScheduler;
import dev.opfunctions.checkout.service.PaymentWorker;
import dev.opfunctions.checkout.service.StartCheckout;
import dev.opfunctions.checkout.service.WalletDirectory;
import dev.opfunctions.checkout.wallet.CheckedWalletGateway;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Builds the checkout services a function needs from its configuration and ports, once per
 * container (handlers call it in their constructor, so a warm container reuses clients, caches and
 * the executor). Each function's own adapter (in {@code functions/<name>}) takes what it needs
 * from here; a missing variable the service needs fails the start, naming it.
 */
public final class Services {

    /** Virtual threads: start-checkout's concurrent wallet calls block on I/O, not on CPU. */
    private static final ExecutorService EXECUTOR = Executors.newVirtualThreadPerTaskExecutor();

    private final FunctionConfig config;
    private final Ports ports;
    private final CheckoutSettings settings;
    private final UrlPolicy urls;
    private final CheckoutDependencies deps;

    public Services(FunctionConfig config, Ports ports) {
        this.config = config;
        this.ports = ports;
        // No default: a finish URI on the wrong host would strand every customer asked for consent there.
        // The services that can ask for consent require it below, so their functions fail at cold start.
        this.settings = CheckoutSettings.defaults(config.publicBaseUrl())
                .withRetention(config.retention())
                .withMaxAttempts(config.maxReceiveCount())
                .withSweepAfter(config.sweepAfter())
                .withSettleLooks(config.settleLooks());
        this.urls = new UrlPolicy(config.localDevelopment(), config.allowedReturnOrigins(), ports.resolver());
        // Every URL a wallet answers with is checked against the server that gave it before anything uses it.
        var wallets = new CheckedWalletGateway(ports.wallets(), config.localDevelopment());
        var directory = new WalletDirectory(
                wallets, ports.walletCache(), urls, ports.clock(), settings.walletDocTtl(), settings.tokenSkew());
        // Every service hands work to the commands queue. Checked before the shared dependencies are built:
        // they would reject the missing queue too, but without naming the variable.
        FunctionConfig.require(config.commandsQueueUrl(), "COMMANDS_QUEUE_URL");
        this.deps = new CheckoutDependencies(ports.store(), ports.queue(), wallets, directory, ports.clock(), settings);
    }

    public CheckoutSettings settings() {
        return settings;
    }

    public FunctionConfig config() {
        return config;
    }

    /** start-checkout's service (needs PUBLIC_BASE_URL: it asks for consent). */
    public StartCheckout startCheckout() {
        requireConsentCallback();
        return new StartCheckout(deps, EXECUTOR);
    }

    /** The storefront's reads and cancel. */
    public CheckoutQueries checkoutQueries() {
        return new CheckoutQueries(deps, urls);
    }

    /** Validates storefront orders with this deployment's URL policy, merchant and plan limits. */
    public CheckoutRequestParser orderParser() {
        return new CheckoutRequestParser(
                urls,
                config.merchantWalletAddress(),
                settings.plans().maxInstallments(),
                settings.plans().minPeriod());
    }

    /** consent-finish's service. */
    public ConsentFinish consentFinish() {
        return new ConsentFinish(deps, ports.finishHash());
    }

    /** scheduled-installment's service: one run per schedule tick (asks for consent again after a lost token rotation). */
    public InstallmentScheduler installmentScheduler() {
        requireConsentCallback();
        return new InstallmentScheduler(deps);
    }

    /** create-outgoing's service (asks for consent again after a lost grant continuation or token rotation). */
    public PaymentWorker paymentWorker() {
        requireConsentCallback();
        return new PaymentWorker(deps);
    }

    /** Every service that can ask the customer for consent builds finish URIs on PUBLIC_BASE_URL. */
    private void requireConsentCallback() {
        FunctionConfig.require(config.publicBaseUrl(), "PUBLIC_BASE_URL");
    }
}

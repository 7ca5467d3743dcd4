package dev.opfunctions.aws;

import dev.opfunctions.aws.lambda.CommandBatch;
import dev.opfunctions.aws.lambda.FinishCallback;
import dev.opfunctions.aws.lambda.StorefrontApi;
import dev.opfunctions.checkout.order.CheckoutRequestParser;
import dev.opfunctions.checkout.order.UrlPolicy;
import dev.opfunctions.checkout.service.CheckoutQueries;
import dev.opfunctions.checkout.service.CheckoutSettings;
import dev.opfunctions.checkout.service.ConsentFinish;
import dev.opfunctions.checkout.service.InstallmentScheduler;
import dev.opfunctions.aws.lambda.InstallmentRun;
import dev.opfunctions.checkout.service.PaymentWorker;
import dev.opfunctions.checkout.service.StartCheckout;
import dev.opfunctions.checkout.service.WalletDirectory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Builds each function's service from its configuration and ports. Handlers call one method here
 * in their constructor, so a warm container reuses clients, caches and the executor.
 */
public final class Wiring {

    /** Virtual threads: start-checkout's concurrent wallet calls block on I/O, not on CPU. */
    private static final ExecutorService EXECUTOR = Executors.newVirtualThreadPerTaskExecutor();

    private final FunctionConfig config;
    private final Ports ports;
    private final CheckoutSettings settings;
    private final UrlPolicy urls;

    public Wiring(FunctionConfig config, Ports ports) {
        this.config = config;
        this.ports = ports;
        String base = config.publicBaseUrl() == null ? "http://localhost" : config.publicBaseUrl();
        this.settings = CheckoutSettings.defaults(base).withRetention(config.retention()).withMaxAttempts(config.maxReceiveCount())
                .withSweepAfter(config.sweepAfter());
        this.urls = new UrlPolicy(config.localDevelopment(), config.allowedReturnOrigins(), ports.resolver());
    }

    public CheckoutSettings settings() {
        return settings;
    }

    private WalletDirectory directory() {
        return new WalletDirectory(ports.wallets(), ports.walletCache(), urls, ports.clock(), settings.walletDocTtl(), settings.tokenSkew());
    }

    public StorefrontApi storefrontApi() {
        FunctionConfig.require(config.publicBaseUrl(), "PUBLIC_BASE_URL");
        FunctionConfig.require(config.commandsQueueUrl(), "COMMANDS_QUEUE_URL");
        WalletDirectory dir = directory();
        StartCheckout start = new StartCheckout(ports.store(), ports.queue(), ports.wallets(), dir, ports.clock(), settings, EXECUTOR);
        CheckoutQueries queries = new CheckoutQueries(ports.store(), ports.wallets(), dir, urls, ports.clock(), settings, ports.queue());
        CheckoutRequestParser parser = new CheckoutRequestParser(urls, config.merchantWalletAddress(), settings.plans().maxInstallments(), settings.plans().minPeriod());
        return new StorefrontApi(start, queries, parser, config.merchantWalletAddress());
    }

    public FinishCallback finishCallback() {
        FunctionConfig.require(config.commandsQueueUrl(), "COMMANDS_QUEUE_URL");
        return new FinishCallback(new ConsentFinish(ports.store(), ports.queue(), ports.finishHash(), ports.clock(), settings));
    }

    /** scheduled-installment's service: one run per schedule tick. */
    public InstallmentRun installmentRun() {
        FunctionConfig.require(config.commandsQueueUrl(), "COMMANDS_QUEUE_URL");
        return new InstallmentRun(new InstallmentScheduler(ports.store(), ports.queue(), ports.wallets(), directory(), ports.clock(), settings));
    }

    public CommandBatch commandBatch() {
        FunctionConfig.require(config.commandsQueueUrl(), "COMMANDS_QUEUE_URL");
        return new CommandBatch(new PaymentWorker(ports.store(), ports.queue(), ports.wallets(), directory(), ports.clock(), settings));
    }
}

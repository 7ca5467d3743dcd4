package dev.opfunctions.checkout.fakes;

import dev.opfunctions.checkout.Result;
import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.order.CheckoutRequestParser;
import dev.opfunctions.checkout.order.CreateCheckoutRequest;
import dev.opfunctions.checkout.order.UrlPolicy;
import dev.opfunctions.checkout.port.HostResolver;
import dev.opfunctions.checkout.port.WalletGateway;
import dev.opfunctions.checkout.service.CheckoutDependencies;
import dev.opfunctions.checkout.service.CheckoutQueries;
import dev.opfunctions.checkout.service.CheckoutSettings;
import dev.opfunctions.checkout.service.ConsentFinish;
import dev.opfunctions.checkout.service.InstallmentScheduler;
import dev.opfunctions.checkout.service.PaymentWorker;
import dev.opfunctions.checkout.service.StartCheckout;
import dev.opfunctions.checkout.service.WalletDirectory;
import dev.opfunctions.checkout.wallet.CheckedWalletGateway;
import dev.opfunctions.client.testing.MutableClock;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The checkout services wired to in-memory fakes, plus shortcuts for driving a checkout. */
public final class CheckoutFixture {

    public static final String CUSTOMER = "https://cloudnine.example/customer";
    public static final String MERCHANT = "https://happylife.example/retailer";
    public static final String MARKETPLACE = "https://market.example/fees";
    public static final String SHOP = "https://shop.example";

    public final MutableClock clock = MutableClock.at("2026-03-12T23:20:00Z");
    public final InMemoryCheckoutStore store = new InMemoryCheckoutStore();
    public final RecordingQueue queue = new RecordingQueue();
    public final FakeWallets wallets = new FakeWallets(clock);
    public final InMemoryWalletCache cache = new InMemoryWalletCache();
    /** Every name resolves to one public address, so tests need no DNS. */
    public final HostResolver resolver =
            host -> List.of(InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 216, 34}));

    public final UrlPolicy urls = new UrlPolicy(false, java.util.Set.of(SHOP), resolver);
    public final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    public CheckoutSettings settings = CheckoutSettings.defaults("https://api.shop.example");
    public final CheckoutRequestParser parser = new CheckoutRequestParser(urls, MERCHANT);

    public CheckoutFixture() {
        wallets.addWallet(CUSTOMER, "MXN", 2);
        wallets.addWallet(MERCHANT, "MXN", 2);
        wallets.addWallet(MARKETPLACE, "MXN", 2);
    }

    /** The fakes behind the same answer checks as in production. */
    public final WalletGateway checkedWallets = new CheckedWalletGateway(wallets, false);

    public WalletDirectory directory() {
        return new WalletDirectory(checkedWallets, cache, urls, clock, settings.walletDocTtl(), settings.tokenSkew());
    }

    /**
     * Built on each call, as {@link #directory()} is, so a test that changes {@link #settings} gets
     * services using them.
     */
    public CheckoutDependencies deps() {
        return new CheckoutDependencies(store, queue, checkedWallets, directory(), clock, settings, this::pause);
    }

    /** Every pause the services took, in order: none of them waited, the clock moved instead. */
    public final List<Duration> pauses = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The services' {@link dev.opfunctions.checkout.port.Sleeper} in tests: moves the clock instead of sleeping. */
    private void pause(Duration d) {
        pauses.add(d);
        clock.advance(d);
    }

    public StartCheckout start() {
        return new StartCheckout(deps(), executor);
    }

    /** A start-checkout that gives the next checkout the id {@code id} (to match recorded sample events). */
    public StartCheckout startWithId(String id) {
        return new StartCheckout(deps(), executor, () -> id);
    }

    public ConsentFinish finish() {
        return new ConsentFinish(deps(), new dev.opfunctions.checkout.wallet.OpenPaymentsFinishHash());
    }

    public PaymentWorker worker() {
        return new PaymentWorker(deps());
    }

    public InstallmentScheduler scheduler() {
        return new InstallmentScheduler(deps());
    }

    /** {@link #scheduledRun(int, Duration)} without a time budget to speak of. */
    public InstallmentScheduler.RunSummary scheduledRun(int pageSize) {
        return scheduledRun(pageSize, Duration.ofDays(1));
    }

    /**
     * A scheduled run and then create-outgoing taking what it handed over: each {@link
     * Command.PrepareInstallment} the run sent is delivered once, and its outcome replaces the run's for that
     * checkout (so a test reads what came of the installment); every other command stays queued.
     */
    public InstallmentScheduler.RunSummary scheduledRun(int pageSize, Duration budget) {
        InstallmentScheduler.RunSummary run = scheduler().runDue(pageSize, budget);
        Map<String, String> outcomes = new java.util.LinkedHashMap<>(run.outcomes());
        PaymentWorker worker = worker();
        for (RecordingQueue.Sent s : queue.drain()) {
            if (s.command() instanceof Command.PrepareInstallment p) {
                try {
                    outcomes.put(p.checkoutId(), describe(worker.handle(p, 1)));
                } catch (RuntimeException e) {
                    // The message fails and would be redelivered (and find the installment claimed by this worker).
                    outcomes.put(p.checkoutId(), "message failed: " + e);
                }
            } else {
                queue.send(s.command(), s.delay());
            }
        }
        return new InstallmentScheduler.RunSummary(run.found(), outcomes, run.handedOver());
    }

    private static String describe(PaymentWorker.Outcome outcome) {
        return switch (outcome) {
            case PaymentWorker.Outcome.Done d -> d.what();
            case PaymentWorker.Outcome.Retry r -> "retry: " + r.reason();
        };
    }

    /** A plan order: the b2c purchase in {@code count} installments every {@code period}. */
    public static String plan(String orderId, int count, String period) {
        return "{\"orderId\":\"" + orderId + "\",\"customerWalletAddress\":\"" + CUSTOMER + "\","
                + "\"amount\":{\"value\":\"100001\",\"assetCode\":\"MXN\",\"assetScale\":2},"
                + "\"installments\":{\"count\":" + count + ",\"period\":\"" + period + "\"}}";
    }

    public CheckoutQueries queries() {
        return new CheckoutQueries(deps(), urls);
    }

    public CreateCheckoutRequest order(String json) {
        return parser.parse(json).orElseThrow();
    }

    public static String b2c(String orderId) {
        return "{\"orderId\":\"" + orderId + "\",\"customerWalletAddress\":\"" + CUSTOMER + "\","
                + "\"amount\":{\"value\":\"140000\",\"assetCode\":\"MXN\",\"assetScale\":2},\"returnUrl\":\"" + SHOP
                + "/thanks\"}";
    }

    public static String split(String orderId, String value) {
        return "{\"orderId\":\"" + orderId + "\",\"customerWalletAddress\":\"" + CUSTOMER + "\","
                + "\"amount\":{\"value\":\"" + value + "\",\"assetCode\":\"MXN\",\"assetScale\":2},"
                + "\"payees\":[{\"walletAddress\":\"" + MERCHANT + "\",\"share\":95},{\"walletAddress\":\""
                + MARKETPLACE + "\",\"share\":5}]}";
    }

    /** A start-checkout that gives the next checkout the id {@code id} and the finish secret {@code secret}. */
    public StartCheckout startWithId(String id, String secret) {
        return new StartCheckout(deps(), executor, () -> id, () -> secret);
    }

    /** The secret of the checkout's finish URI, as the AS holds it (only its hash is stored with the checkout). */
    public String finishSecret(Checkout c) {
        String uri = wallets.finishUri(c.consent().continueUri());
        String marker = "?" + dev.opfunctions.checkout.service.FinishSecret.PARAM + "=";
        return uri.substring(uri.indexOf(marker) + marker.length());
    }

    /** The finish callback's query for an approval with {@code ref} and a valid hash. */
    public Map<String, String> approval(Checkout c, String ref) {
        String hash = Sha256FinishHash.compute(
                c.consent().clientNonce(),
                c.consent().interactNonce(),
                ref,
                c.consent().grantRequestUri());
        return Map.of("s", finishSecret(c), "hash", hash, "interact_ref", ref);
    }

    /** Starts a checkout and returns it as stored. */
    public Checkout started(String json) {
        return start().start(order(json)).orElseThrow().checkout();
    }

    /** Approves consent at the wallet and runs the finish callback with a valid hash. */
    public Result<ConsentFinish.Finished> consent(Checkout c) {
        wallets.approve(c.consent().continueUri());
        return finish().finish(c.id(), approval(c, "ref-" + c.id()));
    }

    /** Delivers every queued command (after moving the clock past its delay) until the queue is quiet. */
    public void drain(PaymentWorker worker, int maxRounds) {
        for (int i = 0; i < maxRounds; i++) {
            List<RecordingQueue.Sent> batch = queue.drain();
            if (batch.isEmpty()) return;
            for (RecordingQueue.Sent s : batch) {
                if (s.command() instanceof Command.ExpireConsent) continue;
                clock.advance(s.delay().plus(Duration.ofMillis(1)));
                worker.handle(s.command(), 1);
            }
        }
    }

    public Checkout reload(Checkout c) {
        return store.find(c.id()).orElseThrow();
    }
}

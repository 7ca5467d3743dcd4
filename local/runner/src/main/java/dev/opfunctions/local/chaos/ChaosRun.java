package dev.opfunctions.local.chaos;

import dev.opfunctions.aws.DynamoCheckoutStore;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.client.model.Amount;
import dev.opfunctions.local.LocalProduct;
import dev.opfunctions.local.RicFunction;
import dev.opfunctions.local.RunnerSettings;
import dev.opfunctions.sandbox.SandboxAdmin;
import dev.opfunctions.sandbox.WalletSandbox;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One chaos run: starts the whole product locally (functions through the runtime interface
 * client, so there are processes to kill), drives the checkouts with the chaos agents on, stops the
 * chaos once every checkout has been started, waits until every checkout is terminal (the sweep
 * included) or the bound is reached, and audits the result against the sandbox's ledger. The storefront's
 * webhook receiver refuses a share of the deliveries until the checkouts are driven; then the storefront
 * events are let arrive (bounded) and audited against the checkouts' histories ({@link EventsAudit}).
 */
public final class ChaosRun {
    /** How long the chaos goes on after the last checkout was started. */
    private static final Duration CHAOS_TAIL = Duration.ofSeconds(15);

    private ChaosRun() {}

    /**
     * @param log the runner's and the functions' output (the table is not written there)
     */
    public static ChaosReport run(ChaosOptions options, Path repoRoot, Consumer<String> log)
            throws IOException, InterruptedException {
        return run(options, repoRoot, log, UnaryOperator.identity(), (report, product) -> {});
    }

    /**
     * @param adjust changes the product's settings before it starts (a test adds a call recorder to the
     *     functions' class path)
     * @param afterReport called with the report while everything still runs, before it is stopped
     *     ({@code --keep} prints the endpoints there and waits for Ctrl-C)
     */
    public static ChaosReport run(
            ChaosOptions options,
            Path repoRoot,
            Consumer<String> log,
            UnaryOperator<RunnerSettings> adjust,
            BiConsumer<ChaosReport, LocalProduct> afterReport)
            throws IOException, InterruptedException {
        RunnerSettings settings = adjust.apply(RunnerSettings.defaults(repoRoot)
                .withPort(options.port())
                .withSandbox(0, 0)
                .withSchedulePeriod(Optional.of(options.schedulePeriod()))
                .withSweepAfter(Optional.of(options.sweepAfter()))
                .withVisibilityTimeout(Duration.ofSeconds(5))
                .withOutput(log, name -> line -> log.accept("[" + name + "] " + line)));
        try (LocalProduct product = LocalProduct.start(settings);
                EmulatorMemory moto = EmulatorMemory.watch(product.dynamoDb().pid())) {
            ChaosReport report = drive(options, product, log, moto);
            afterReport.accept(report, product);
            return report;
        }
    }

    private static ChaosReport drive(
            ChaosOptions options, LocalProduct product, Consumer<String> log, EmulatorMemory moto)
            throws InterruptedException {
        WalletSandbox sandbox = product.sandbox();
        SandboxAdmin admin = sandbox.admin();
        CheckoutDriver.Wallets wallets = new CheckoutDriver.Wallets(
                sandbox.walletAddressUrl("customer"),
                sandbox.walletAddressUrl("customer-usd"),
                sandbox.walletAddressUrl("retailer"),
                sandbox.walletAddressUrl(LocalProduct.MARKETPLACE_FEES_WALLET),
                product.baseUrl() + "/order.html");
        // Enough money that no checkout of the run fails for want of it.
        admin.fund(wallets.customer(), 100_000_000L);
        admin.fund(wallets.customerUsd(), 100_000_000L);
        List<String> watched =
                List.of(wallets.customer(), wallets.customerUsd(), wallets.merchant(), wallets.marketplace());
        Map<String, Amount> before = balances(admin, watched);

        CheckoutStore store = new DynamoCheckoutStore(
                product.dynamoDb().client(), product.resources().tableName("PaymentsTable"), Duration.ofDays(1));
        ChaosCounters counters = new ChaosCounters();
        HostileCustomers hostile = HostileCustomers.start(admin, wallets.merchant());
        ShopClient shop = new ShopClient(product.baseUrl(), counters);
        CheckoutDriver driver = new CheckoutDriver(shop, admin, store, wallets, counters, log, hostile);
        var queue = product.resources().queue("PaymentCommandsQueue");

        Instant start = Instant.now();
        Instant deadline = start.plus(options.maxDuration());
        List<String> orderIds = new ArrayList<>();
        Map<String, List<String>> payeesByOrder = new LinkedHashMap<>();
        List<Future<Optional<String>>> running = new ArrayList<>();
        ChaosAgents agents = ChaosAgents.start(
                options, product.functions().values(), admin, product.sqs().client(), queue.url(), counters);
        // The storefront's receiver fails some of the time while the checkouts are driven (seeded like the agents).
        WebhookRefusals refusals = new WebhookRefusals(options.seed() * 31 - 7, options.webhookRefusalPercent());
        product.storefront().refuseWebhooks(refusals);
        int faultsFired;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Semaphore slots = new Semaphore(options.concurrency());
            CheckoutKind[] kinds = CheckoutKind.values();
            for (int i = 0; i < options.checkouts() && Instant.now().isBefore(deadline); i++) {
                String orderId = "chaos-" + Long.toHexString(options.seed()) + "-" + i;
                CheckoutKind kind = kinds[i % kinds.length];
                Random random = new Random(options.seed() * 31 + i);
                orderIds.add(orderId);
                payeesByOrder.put(orderId, payees(kind, wallets));
                slots.acquire();
                running.add(pool.submit(() -> {
                    try {
                        return driver.drive(orderId, kind, random, deadline);
                    } catch (RuntimeException e) {
                        counters.driverErrors.incrementAndGet();
                        return Optional.<String>empty();
                    } finally {
                        slots.release();
                    }
                }));
            }
            Thread.sleep(CHAOS_TAIL.toMillis());
            faultsFired = agents.stop(admin);
            for (Future<Optional<String>> f : running) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    counters.driverErrors.incrementAndGet();
                }
            }
        } finally {
            agents.close();
            refusals.stop();
        }
        admin.awaitPaymentsSettled(Duration.ofSeconds(10));
        Duration elapsed = Duration.between(start, Instant.now());
        EventsAudit.Result events = EventsAudit.afterTheRun(
                orderIds, store, new EventSettling(shop, product.storefront(), product.eventBus(), log), refusals);
        return report(
                options,
                elapsed,
                new Orders(orderIds, payeesByOrder, hostile),
                store,
                admin,
                before,
                watched,
                counters,
                faultsFired,
                product,
                moto.figures(),
                events);
    }

    /** The run's orders: ids in order, the payees each named, and the hostile shoppers'. */
    private record Orders(List<String> ids, Map<String, List<String>> payees, HostileCustomers hostile) {}

    private static List<String> payees(CheckoutKind kind, CheckoutDriver.Wallets wallets) {
        return switch (kind) {
            case SPLIT -> List.of(wallets.merchant(), wallets.marketplace());
            default -> List.of(wallets.merchant());
        };
    }

    private static ChaosReport report(
            ChaosOptions options,
            Duration elapsed,
            Orders orders,
            CheckoutStore store,
            SandboxAdmin admin,
            Map<String, Amount> before,
            List<String> watched,
            ChaosCounters counters,
            int faultsFired,
            LocalProduct product,
            EmulatorMemory.Figures moto,
            EventsAudit.Result events) {
        List<Checkout> checkouts = new ArrayList<>();
        orders.ids().forEach(o -> store.findByOrder(o).ifPresent(checkouts::add));
        Map<String, Integer> byState = new TreeMap<>();
        List<String> nonTerminal = new ArrayList<>();
        List<Duration> times = new ArrayList<>();
        int neededSweep = 0;
        for (Checkout c : checkouts) {
            byState.merge(c.status().wireName(), 1, Integer::sum);
            if (!c.status().isTerminal()) {
                nonTerminal.add(c.id() + " " + c.status().wireName());
            } else if (c.finishedAt() != null) {
                times.add(Duration.between(c.createdAt(), c.finishedAt()));
            }
            if (store.history(c.id()).stream().anyMatch(e -> e.type().equals("sweep-resumed"))) {
                neededSweep++;
            }
        }
        times.sort(null);
        LedgerAudit.Result audit =
                LedgerAudit.audit(checkouts, admin.ledgerEntries(), before, balances(admin, watched), orders.payees());
        List<String> hostileStored = new ArrayList<>();
        orders.hostile().orders().keySet().stream()
                .sorted()
                .forEach(o -> store.findByOrder(o).ifPresent(c -> hostileStored.add(o + " " + c.id())));
        ChaosReport.Hostile hostile = new ChaosReport.Hostile(
                counters.hostileAttempted.get(),
                counters.hostileRefused.get(),
                hostileStored,
                orders.hostile().foreignRequests());
        boolean invariant;
        try {
            admin.checkMoneyConserved();
            invariant = true;
        } catch (RuntimeException e) {
            invariant = false;
        }
        Map<String, Integer> chaos = new LinkedHashMap<>();
        chaos.put("function processes killed", counters.kills.get());
        chaos.put(
                "execution environments replaced",
                product.functions().values().stream()
                        .flatMap(f -> f.environments().stream())
                        .filter(RicFunction.class::isInstance)
                        .mapToInt(f -> ((RicFunction) f).replacements())
                        .sum());
        chaos.put("wallet faults fired", faultsFired);
        chaos.put("queue messages delivered twice", counters.duplicatedMessages.get());
        chaos.put("queue messages dropped", counters.droppedMessages.get());
        chaos.put("duplicate concurrent POSTs", counters.duplicatePosts.get());
        chaos.put("duplicate concurrent finish callbacks", counters.duplicateFinishes.get());
        chaos.put("consents approved again (new redirect)", counters.approvedAgain.get());
        chaos.put("shop calls retried (5xx / no answer)", counters.retriedCalls.get());
        chaos.put("driver errors", counters.driverErrors.get());
        return new ChaosReport(
                options,
                elapsed,
                checkouts.size(),
                counters.notCreated.get(),
                byState,
                nonTerminal.size(),
                nonTerminal,
                percentile(times, 50),
                percentile(times, 95),
                neededSweep,
                audit,
                invariant,
                chaos,
                hostile,
                moto,
                events);
    }

    private static Duration percentile(List<Duration> sorted, int p) {
        if (sorted.isEmpty()) {
            return Duration.ZERO;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static Map<String, Amount> balances(SandboxAdmin admin, List<String> wallets) {
        Map<String, Amount> b = new LinkedHashMap<>();
        wallets.forEach(w -> b.put(w, admin.balance(w)));
        return b;
    }
}

package dev.opfunctions.local.bench;

import dev.opfunctions.aws.DynamoCheckoutStore;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.local.LocalProduct;
import dev.opfunctions.local.RunnerSettings;
import dev.opfunctions.sandbox.SandboxAdmin;
import dev.opfunctions.sandbox.faults.FaultRule;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * One concurrency level of the load benchmark: a fresh product on this machine with the DynamoDB and
 * SQS metering proxies in front of its servers, then one phase per kind of checkout (one-time, split,
 * installment plans up to their first installment) and a last phase in which the plans' later
 * installments are charged. Every phase ends quiet (no invocation running, the commands queue empty,
 * no payment settling) before the meters are read, so a phase's figures are its own.
 */
final class BenchRun {
    /** How long one checkout may take before it counts as not done. */
    private static final Duration CHECKOUT_BOUND = Duration.ofMinutes(3);

    /** What a phase of checkouts did and used. */
    record Phase(
            Customer.Kind kind,
            int attempted,
            List<Customer.Outcome> outcomes,
            Duration toLastCreated,
            Duration toLastDone,
            Meters.Snapshot usage) {
        List<Customer.Outcome> done() {
            return outcomes.stream().filter(Customer.Outcome::done).toList();
        }
    }

    /** One level's phases and its later-installment phase. */
    record Level(int concurrency, String runner, List<Phase> phases, LaterInstallments.Result later) {}

    private final BenchOptions options;
    private final Path repoRoot;
    private final Consumer<String> log;

    BenchRun(BenchOptions options, Path repoRoot, Consumer<String> log) {
        this.options = options;
        this.repoRoot = repoRoot;
        this.log = log;
    }

    Level run(int concurrency) throws IOException, InterruptedException {
        Meters meters = new Meters();
        try (MeteringProxy dynamo = MeteringProxy.start(meters.dynamo);
                MeteringProxy sqs = MeteringProxy.start(meters.sqs.handler())) {
            RunnerSettings settings = RunnerSettings.defaults(repoRoot)
                    .withPort(0)
                    .withSandbox(0, options.consentWaitSeconds())
                    // Ticks are the benchmark's (LaterInstallments): none may prepare an installment mid-phase.
                    .withSchedulePeriod(Optional.of(Duration.ofDays(1)))
                    .withOutput(log, name -> line -> log.accept("[" + name + "] " + line));
            // As many environments of each function as customers in flight, as Lambda would scale to.
            settings = settings.withConcurrency(concurrency);
            String runner = concurrency + " execution environment(s) per function";
            Map<String, String> environment = new java.util.HashMap<>(Map.of(
                    "AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString(),
                    "AWS_ENDPOINT_URL_SQS", sqs.endpoint().toString()));
            // The template's default is no bus; the runner names the local one unless told otherwise.
            if (!options.eventBus()) environment.put("EVENT_BUS_NAME", "");
            try (LocalProduct product = LocalProduct.start(settings, environment, meters.lambda::around)) {
                dynamo.target(product.dynamoDb().endpoint());
                sqs.target(product.sqs().endpoint());
                return drive(product, meters, concurrency, runner);
            }
        }
    }

    private Level drive(LocalProduct product, Meters meters, int concurrency, String runner)
            throws InterruptedException {
        SandboxAdmin admin = product.sandbox().admin();
        // One rule on every wallet request: it adds the latency, and its firing count is the wallet call count.
        admin.faults().add(FaultRule.on(null, ".*").withLatency(Duration.ofMillis(options.latencyMs())));
        meters.walletCalls(() -> admin.faults().firedCount());
        meters.busEvents(() -> product.eventBus().events().size());
        Customer.Wallets wallets = new Customer.Wallets(
                product.sandbox().walletAddressUrl("customer"),
                product.sandbox().walletAddressUrl("retailer"),
                product.sandbox().walletAddressUrl(LocalProduct.MARKETPLACE_FEES_WALLET),
                product.baseUrl() + "/order.html");
        admin.fund(wallets.customer(), 1_000_000_000L);
        CheckoutStore store = new DynamoCheckoutStore(
                product.dynamoDb().client(), product.resources().tableName("PaymentsTable"), Duration.ofDays(1));
        Customer customer = new Customer(product.baseUrl(), admin, store, wallets);
        Quiet quiet = new Quiet(product, meters, log);
        // Warm-up, not measured: every environment has run each path once, as in a service under steady load
        // (the first invocations of a fresh JVM are several times slower). The warm-up plans are cancelled:
        // left alone, their second installment would fail uncollected (no tick runs until the last phase)
        // and that failure would be metered there.
        product.schedules().getFirst().tick();
        for (Customer.Kind kind : Customer.Kind.values()) {
            List<Customer.Outcome> warm = customers(kind, concurrency, concurrency, customer, "warm");
            if (kind == Customer.Kind.INSTALLMENTS) {
                for (Customer.Outcome o : warm) if (o.checkoutId() != null) customer.cancel(o.checkoutId());
            }
        }
        quiet.await();

        List<Phase> phases = new ArrayList<>();
        for (Customer.Kind kind : Customer.Kind.values()) {
            log.accept("bench: concurrency " + concurrency + ", " + kind + " phase");
            phases.add(phase(kind, customer, meters, quiet, concurrency));
        }
        List<String> plans = phases.getLast().done().stream()
                .map(Customer.Outcome::checkoutId)
                .toList();
        LaterInstallments.Result later =
                new LaterInstallments(product.schedules().getFirst(), store, meters, quiet, log).run(plans);
        return new Level(concurrency, runner, phases, later);
    }

    private Phase phase(Customer.Kind kind, Customer customer, Meters meters, Quiet quiet, int concurrency)
            throws InterruptedException {
        Meters.Snapshot before = meters.read();
        Instant start = Instant.now();
        List<Customer.Outcome> outcomes = customers(kind, options.checkouts(), concurrency, customer, "bench");
        outcomes.forEach(o -> log.accept("bench: " + kind + " " + o));
        Duration toLastCreated = since(start, outcomes.stream().map(Customer.Outcome::created));
        Duration toLastDone = since(start, outcomes.stream().map(Customer.Outcome::doneAt));
        quiet.await();
        return new Phase(
                kind,
                options.checkouts(),
                outcomes,
                toLastCreated,
                toLastDone,
                meters.read().minus(before));
    }

    /** {@code count} checkouts of this kind, {@code concurrency} customers at a time. */
    private List<Customer.Outcome> customers(
            Customer.Kind kind, int count, int concurrency, Customer customer, String prefix)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(CHECKOUT_BOUND.multipliedBy(Math.max(1, count / concurrency)));
        List<Future<Customer.Outcome>> running = new ArrayList<>();
        String run = Long.toHexString(System.nanoTime());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Semaphore slots = new Semaphore(concurrency);
            for (int i = 0; i < count; i++) {
                String orderId = prefix + "-" + run + "-" + kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + i;
                slots.acquire();
                running.add(pool.submit(() -> {
                    try {
                        return customer.checkout(orderId, kind, deadline);
                    } finally {
                        slots.release();
                    }
                }));
            }
        }
        List<Customer.Outcome> outcomes = new ArrayList<>();
        for (Future<Customer.Outcome> f : running) {
            try {
                outcomes.add(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                log.accept("bench: a customer failed: " + e.getCause());
                outcomes.add(
                        Customer.Outcome.failed(null, null, null, e.getCause().toString()));
            }
        }
        return outcomes;
    }

    /** From {@code start} to the latest of these instants (nulls skipped). */
    private static Duration since(Instant start, java.util.stream.Stream<Instant> instants) {
        return instants.filter(java.util.Objects::nonNull)
                .max(Instant::compareTo)
                .map(last -> Duration.between(start, last))
                .orElse(Duration.ZERO);
    }
}

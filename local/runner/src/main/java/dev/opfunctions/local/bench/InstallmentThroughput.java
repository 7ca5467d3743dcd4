package dev.opfunctions.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.aws.DynamoCheckoutStore;
import dev.opfunctions.aws.local.InvocationResult;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutEvent;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.local.CommandLines;
import dev.opfunctions.local.LocalFunction;
import dev.opfunctions.local.LocalProduct;
import dev.opfunctions.local.RicFunction;
import dev.opfunctions.local.RunnerSettings;
import dev.opfunctions.local.ScheduleTicker;
import dev.opfunctions.sandbox.SandboxAdmin;
import dev.opfunctions.sandbox.faults.FaultRule;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * {@code bin/bench-installments}: how many due installments create-outgoing prepares per minute through
 * the local runner ({@link LocalProduct}: functions through the runtime interface client, moto DynamoDB,
 * ElasticMQ, the wallet sandbox) with N execution environments per function and every wallet request
 * held for the given latency by the sandbox.
 *
 * <p>Per N, on a fresh product: M two-installment plans (the first installment charged at consent) are
 * created through the storefront's API, consented at the sandbox and followed through the finish route,
 * all with no latency, and their first installments are charged. The period is long enough that the
 * second installments all come within the scheduler's look-ahead together some time after that; the
 * schedule itself is off (its period is a day) and the benchmark plays EventBridge: it waits until
 * every second installment is within the look-ahead, adds the latency to every wallet request, fires
 * scheduled-installment once, and again every minute until every plan is prepared or nothing moves.
 * Scheduled-installment hands a {@code prepare-installment} command per due plan to the queue, and
 * create-outgoing's environments (as many SQS pollers as min(N, MaximumConcurrency)) prepare them: a
 * token rotation, an incoming payment at the payee and a quote at the customer's wallet each.
 *
 * <p>What is counted is only what the table holds: the plans whose history has an
 * {@code installment-prepared} event for installment 2; the time is from the first scheduled run's
 * start to the last such event. Charges of prepared installments are due a minute after the hand-over,
 * so normally none run during the measurement; how many did is printed.
 *
 * <p>A main class rather than a test: it runs for minutes, prints figures instead of checking them (the
 * targets are printed as met or missed), and starts the product the way bin/run-local does, as the
 * chaos run does.
 */
public final class InstallmentThroughput {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** scheduled-installment's look-ahead (PlanSettings.lookahead): how early a due installment is claimed. */
    private static final Duration LOOKAHEAD = Duration.ofSeconds(60);
    /** EventBridge's rate(1 minute) while the benchmark plays the schedule. */
    private static final Duration TICK = Duration.ofMinutes(1);
    /** The run ends when nothing more is prepared for this long. */
    private static final Duration STALL = Duration.ofSeconds(90);

    /**
     * The benchmark's options.
     *
     * @param periodMinutes the plans' period; 0 for 3 minutes plus one per 150 plans, so that seeding ends before
     *     the second installments come within the look-ahead
     */
    record Options(
            List<Integer> environments, int plansPerEnvironment, int minPlans, int latencyMs, int periodMinutes) {
        int periodFor(int plans) {
            return periodMinutes > 0 ? periodMinutes : 3 + plans / 150;
        }
    }

    /** One measurement. */
    record Result(
            int environments,
            int due,
            int prepared,
            double seconds,
            int ticks,
            int chargesDuringRun,
            Map<String, Double> cpuSeconds) {
        double perMinute() {
            return seconds <= 0 ? 0 : prepared / seconds * 60;
        }
    }

    private InstallmentThroughput() {}

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench-installments: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Path repo = Path.of(System.getProperty("repo.root", ".")).toAbsolutePath();
        Path logFile = repo.resolve("local/runner/target/bench-installments.log");
        Files.createDirectories(logFile.getParent());
        List<Result> results = new ArrayList<>();
        try (PrintStream log = new PrintStream(Files.newOutputStream(logFile), true, StandardCharsets.UTF_8)) {
            System.out.println("bench-installments: the runner's and the functions' output goes to " + logFile);
            for (int n : options.environments()) {
                results.add(run(options, n, repo, log::println));
            }
        }
        System.out.println();
        for (Result r : results) System.out.println(line(r));
        check(results, options);
        System.exit(0); // the functions' child JVMs are stopped; leftover daemon threads must not hold the JVM
    }

    static final String USAGE = """
            usage: bin/bench-installments [--environments 1,4,10] [--plans-per-environment 50] [--min-plans 50]
                                          [--latency-ms 100] [--period-minutes 3 + plans / 150]""";

    static Options parse(String[] args) {
        List<Integer> environments = List.of(1, 4, 10);
        int perEnvironment = 50;
        int minPlans = 50;
        int latency = 100;
        int period = 0;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) throw new IllegalArgumentException(option + " needs a value");
            String value = args[++i];
            switch (option) {
                case "--environments" ->
                    environments = Arrays.stream(value.split(","))
                            .map(v -> CommandLines.wholeNumber(
                                    "--environments", v.strip(), 1, RunnerSettings.MAX_CONCURRENCY))
                            .toList();
                case "--plans-per-environment" -> perEnvironment = CommandLines.wholeNumber(option, value, 1, 1000);
                case "--min-plans" -> minPlans = CommandLines.wholeNumber(option, value, 1, 10_000);
                case "--latency-ms" -> latency = CommandLines.wholeNumber(option, value, 0, 5000);
                case "--period-minutes" -> period = CommandLines.wholeNumber(option, value, 2, 60);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new Options(environments, perEnvironment, minPlans, latency, period);
    }

    static String line(Result r) {
        return String.format(
                Locale.ROOT,
                "BENCHMARK installments: environments=%d prepared=%d in %.1f s = %.0f per minute"
                        + " (%d due, %d scheduled run(s), %d charges during the run; CPU s: %s)",
                r.environments(),
                r.prepared(),
                r.seconds(),
                r.perMinute(),
                r.due(),
                r.ticks(),
                r.chargesDuringRun(),
                r.cpuSeconds().entrySet().stream()
                        .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.1f", e.getValue()))
                        .reduce((a, b) -> a + ", " + b)
                        .orElse("-"));
    }

    private static void check(List<Result> results, Options options) {
        Optional<Result> one =
                results.stream().filter(r -> r.environments() == 1).findFirst();
        Optional<Result> four =
                results.stream().filter(r -> r.environments() == 4).findFirst();
        Optional<Result> ten =
                results.stream().filter(r -> r.environments() == 10).findFirst();
        if (one.isPresent() && four.isPresent()) {
            double ratio = four.get().perMinute() / Math.max(1e-9, one.get().perMinute());
            System.out.printf(
                    Locale.ROOT,
                    "TARGET 4 environments at least 3x 1: %.1fx (%s)%n",
                    ratio,
                    ratio >= 3 ? "met" : "missed");
        }
        ten.ifPresent(r -> System.out.printf(
                Locale.ROOT,
                "TARGET at least 1000 per minute with 10 environments at %d ms: %.0f (%s)%n",
                options.latencyMs(),
                r.perMinute(),
                r.perMinute() >= 1000 ? "met" : "missed"));
    }

    private static Result run(Options options, int n, Path repo, Consumer<String> log) throws Exception {
        int plans = Math.max(options.minPlans(), options.plansPerEnvironment() * n);
        say("environments=" + n + ": starting the product (" + 4 * n + " function JVMs) ...");
        RunnerSettings settings = RunnerSettings.defaults(repo)
                .withPort(0)
                .withSandbox(0, 0)
                .withConcurrency(n)
                .withSchedulePeriod(Optional.of(Duration.ofDays(1)))
                .withOutput(log, name -> line -> log.accept("[" + name + "] " + line));
        Instant started = Instant.now();
        try (LocalProduct product = LocalProduct.start(settings)) {
            say("environments=" + n + ": started in " + seconds(started) + "; seeding " + plans
                    + " two-installment plans (period PT" + options.periodFor(plans) + "M) with no wallet latency ...");
            return measure(options, n, plans, product);
        }
    }

    private static Result measure(Options options, int n, int plans, LocalProduct product) throws Exception {
        SandboxAdmin admin = product.sandbox().admin();
        String customer = product.sandbox().walletAddressUrl("customer");
        String merchant = product.sandbox().walletAddressUrl("retailer");
        admin.fund(customer, 1_000_000_000L);
        CheckoutStore store = new DynamoCheckoutStore(
                product.dynamoDb().client(), product.resources().tableName("PaymentsTable"), Duration.ofDays(1));
        Shop shop = new Shop(product.baseUrl());

        Instant seeding = Instant.now();
        List<String> ids = seed(shop, admin, customer, product.baseUrl(), plans, options.periodFor(plans));
        List<String> due = awaitFirstInstallmentsPaid(store, ids, Duration.ofMinutes(10));
        say("environments=" + n + ": " + due.size() + " of " + plans + " plans consented and their first installment"
                + " paid in " + seconds(seeding));
        if (due.isEmpty()) throw new IllegalStateException("no plan got to its second installment");

        Instant lastDue = due.stream()
                .map(id -> store.find(id).orElseThrow().plan().installment(1).dueAt())
                .max(Instant::compareTo)
                .orElseThrow();
        Instant firstDue = due.stream()
                .map(id -> store.find(id).orElseThrow().plan().installment(1).dueAt())
                .min(Instant::compareTo)
                .orElseThrow();
        Instant start = lastDue.minus(LOOKAHEAD).plusSeconds(2);
        Duration wait = Duration.between(Instant.now(), start);
        if (wait.isNegative()) {
            say("environments=" + n + ": WARNING seeding took longer than the period allows: the installments came"
                    + " due " + (-wait.toSeconds()) + " s ago, so charges may overlap the preparation"
                    + " (pass a longer --period-minutes)");
        } else {
            say("environments=" + n + ": waiting " + wait.toSeconds() + " s until every second installment is within"
                    + " the scheduler's look-ahead (due between " + firstDue + " and " + lastDue + ")");
            Thread.sleep(wait.toMillis());
        }

        int incomingBefore = admin.incomingPayments(merchant).size();
        Map<String, Duration> cpuBefore = cpu(product);
        if (options.latencyMs() > 0) {
            admin.faults().add(FaultRule.on(null, ".*").withLatency(Duration.ofMillis(options.latencyMs())));
        }
        say("environments=" + n + ": " + options.latencyMs() + " ms on every wallet request; firing"
                + " scheduled-installment (then every minute) ...");
        ScheduleTicker schedule = product.schedules().get(0);
        Instant t0 = Instant.now();
        AtomicInteger ticks = new AtomicInteger();
        Instant lastTick;
        int lastCount = -1;
        Instant lastProgress = t0;
        Map<String, Instant> prepared = new LinkedHashMap<>();
        try (ExecutorService eventBridge = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<InvocationResult>> runs = new ArrayList<>();
            runs.add(eventBridge.submit(() -> tick(schedule, ticks, n)));
            lastTick = t0;
            while (true) {
                Thread.sleep(1000);
                int created = admin.incomingPayments(merchant).size() - incomingBefore;
                if (created != lastCount) {
                    lastCount = created;
                    lastProgress = Instant.now();
                }
                // The table is read only once the wallets saw every incoming payment, and then only for the
                // plans not seen prepared yet, so that watching adds little load to the emulator under test.
                if (created >= due.size()) {
                    List<String> unseen =
                            due.stream().filter(id -> !prepared.containsKey(id)).toList();
                    prepared.putAll(preparedAt(store, unseen));
                    if (prepared.size() >= due.size()) break;
                }
                if (Duration.between(lastProgress, Instant.now()).compareTo(STALL) > 0) {
                    say("environments=" + n + ": nothing new prepared for " + STALL.toSeconds() + " s; stopping");
                    break;
                }
                if (Duration.between(lastTick, Instant.now()).compareTo(TICK) >= 0) {
                    lastTick = Instant.now();
                    runs.add(eventBridge.submit(() -> tick(schedule, ticks, n)));
                }
            }
            for (Future<InvocationResult> run : runs) run.get();
        }
        Map<String, Duration> cpuAfter = cpu(product);
        admin.faults().clear();

        prepared.putAll(preparedAt(
                store, due.stream().filter(id -> !prepared.containsKey(id)).toList()));
        Instant last = prepared.values().stream().max(Instant::compareTo).orElse(t0);
        // Charges (outgoing payments) of prepared installments that ran before the last preparation.
        int charges = (int) admin.outgoingPayments(customer).stream()
                .filter(p -> p.createdAt().isAfter(t0) && !p.createdAt().isAfter(last))
                .count();
        double secondsTaken = Duration.between(t0, last).toMillis() / 1000.0;
        Map<String, Double> cpuSeconds = new LinkedHashMap<>();
        cpuAfter.forEach((k, v) ->
                cpuSeconds.put(k, (v.minus(cpuBefore.getOrDefault(k, Duration.ZERO))).toMillis() / 1000.0));
        cpuSeconds.put("wall", secondsTaken);
        Result result = new Result(n, due.size(), prepared.size(), secondsTaken, ticks.get(), charges, cpuSeconds);
        System.out.println(line(result));
        return result;
    }

    /** One scheduled run, as EventBridge would start it; its summary goes to the console. */
    private static InvocationResult tick(ScheduleTicker schedule, AtomicInteger ticks, int n) {
        Instant start = Instant.now();
        InvocationResult result = schedule.tick();
        int number = ticks.incrementAndGet();
        String summary = "failed";
        if (result instanceof InvocationResult.Success s) {
            try {
                JsonNode json = JSON.readTree(s.payload());
                summary = json.path("handedOver").asInt() + " handed over of "
                        + json.path("due").asInt() + " due";
            } catch (IOException e) {
                summary = "unreadable summary";
            }
        }
        say("environments=" + n + ": scheduled run " + number + ": " + summary + " in " + seconds(start));
        return result;
    }

    /** CPU time so far of moto, the runner (ElasticMQ, the sandbox, the pollers) and the function JVMs. */
    private static Map<String, Duration> cpu(LocalProduct product) {
        Map<String, Duration> out = new LinkedHashMap<>();
        out.put("moto", cpuOf(product.dynamoDb().pid()));
        out.put("runner", ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
        for (LocalFunction f : product.functions().values()) {
            Duration total = Duration.ZERO;
            for (LocalFunction e : f.environments()) {
                if (e instanceof RicFunction ric) total = total.plus(cpuOf(ric.pid()));
            }
            out.put(f.definition().name(), total);
        }
        return out;
    }

    private static Duration cpuOf(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    /** The time of each plan's {@code installment-prepared} event for installment 2, by checkout id. */
    private static Map<String, Instant> preparedAt(CheckoutStore store, List<String> ids) {
        Map<String, Instant> out = new LinkedHashMap<>();
        for (String id : ids) {
            for (CheckoutEvent e : store.history(id)) {
                if (e.type().equals("installment-prepared") && e.detail().startsWith("installment 2:")) {
                    out.put(id, e.at());
                    break;
                }
            }
        }
        return out;
    }

    /** Creates {@code count} plans and gives every consent, 16 at a time; returns the checkout ids. */
    private static List<String> seed(
            Shop shop, SandboxAdmin admin, String customer, String baseUrl, int count, int periodMinutes)
            throws Exception {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<JsonNode> created = Collections.synchronizedList(new ArrayList<>());
        Semaphore slots = new Semaphore(16);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> posts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ObjectNode o = JSON.createObjectNode();
                o.put("orderId", "bench-" + run + "-" + i);
                o.put("customerWalletAddress", customer);
                o.putObject("amount")
                        .put("value", "1000")
                        .put("assetCode", "MXN")
                        .put("assetScale", 2);
                o.put("description", "installment benchmark");
                o.put("returnUrl", baseUrl + "/order.html");
                o.putObject("installments")
                        .put("count", 2)
                        .put("period", "PT" + periodMinutes + "M")
                        .put("firstAtConsent", true);
                slots.acquire();
                posts.add(pool.submit(() -> {
                    try {
                        JsonNode checkout = shop.send("POST", shop.api + "/checkouts", o.toString());
                        if (checkout != null && checkout.hasNonNull("redirectUrl")) created.add(checkout);
                    } finally {
                        slots.release();
                    }
                    return null;
                }));
            }
            for (Future<?> f : posts) f.get();
            List<Future<?>> consents = new ArrayList<>();
            for (JsonNode checkout : created) {
                slots.acquire();
                consents.add(pool.submit(() -> {
                    try {
                        String finish = admin.approve(
                                        checkout.get("redirectUrl").asText())
                                .orElseThrow();
                        shop.send("GET", finish, null);
                        ids.add(checkout.get("id").asText());
                    } finally {
                        slots.release();
                    }
                    return null;
                }));
            }
            for (Future<?> f : consents) f.get();
        }
        return ids;
    }

    /** The plans whose first installment is paid (waiting for the others up to {@code timeout}). */
    private static List<String> awaitFirstInstallmentsPaid(CheckoutStore store, List<String> ids, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        List<String> paid = new ArrayList<>();
        List<String> waiting = new ArrayList<>(ids);
        while (!waiting.isEmpty() && Instant.now().isBefore(deadline)) {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                String id = it.next();
                Checkout c = store.find(id).orElse(null);
                if (c != null && c.status().isTerminal()) {
                    it.remove();
                } else if (c != null && c.hasPlan() && c.plan().installment(0).paid()) {
                    paid.add(id);
                    it.remove();
                }
            }
            if (!waiting.isEmpty()) Thread.sleep(2000);
        }
        return paid;
    }

    private static void say(String message) {
        System.out.println(message);
    }

    private static String seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 100 / 10.0 + " s";
    }

    /** The storefront's side: the API through the storefront backend (which adds the API key), and the browser. */
    private static final class Shop {
        private final HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        private final String api;

        Shop(String baseUrl) {
            this.api = baseUrl + "/shop/api";
        }

        /** The answer's JSON body (null when there is none); fails on a status of 400 or more. */
        JsonNode send(String method, String url, String body) throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(120))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) b.header("content-type", "application/json");
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 400) {
                throw new IOException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body().isBlank() || r.statusCode() == 302 ? null : JSON.readTree(r.body());
        }
    }
}

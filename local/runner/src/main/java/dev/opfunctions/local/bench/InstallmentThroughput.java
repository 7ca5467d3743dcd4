package dev.opfunctions.local.bench;

import dev.opfunctions.local.CommandLines;
import dev.opfunctions.local.LocalProduct;
import dev.opfunctions.local.RunnerSettings;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
 *
 * <p>This class holds the options, the start of the product per N and the report; the seeding is in
 * {@link InstallmentPlans}, the measurement itself in {@link InstallmentMeasurement}.
 */
public final class InstallmentThroughput {
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
        say("environments=" + n + ": starting the product (" + n + " JVMs per function) ...");
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
            return InstallmentMeasurement.measure(options, n, plans, product);
        }
    }

    static void say(String message) {
        System.out.println(message);
    }

    static String seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 100 / 10.0 + " s";
    }
}

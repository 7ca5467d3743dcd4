package dev.opfunctions.local.packaging;

import dev.opfunctions.aws.local.InvocationResult;
import dev.opfunctions.aws.local.LambdaRuntimeApi;
import dev.opfunctions.aws.local.RicProcess;
import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.client.keys.Ed25519Keys;
import dev.opfunctions.client.keys.GeneratedKeyPair;
import dev.opfunctions.sandbox.SandboxConfig;
import dev.opfunctions.sandbox.WalletSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Cold-start benchmark behind {@code bin/bench-cold-start} (a program, not a test): each function's
 * shaded jar is started in a fresh JVM by the real runtime interface client with the template's
 * environment (pointed at DynamoDB and Secrets Manager on moto, ElasticMQ and the wallet
 * sandbox, all in this JVM), and we measure
 * <ul>
 *   <li><b>init</b>: process start to the runtime's first poll (JVM start, handler class loading,
 *       constructor; with priming, also the priming steps),</li>
 *   <li><b>first</b>: the first invocation, submitted as soon as init is done, until its response,</li>
 *   <li><b>cold total</b>: process start to first response (init + first),</li>
 *   <li><b>warm</b>: the median of the following invocations.</li>
 * </ul>
 * "snapstart" runs start the function as SnapStart does: the runtime client runs the priming hooks
 * ({@code beforeCheckpoint}) and asks for the snapshot ({@code /runtime/restore/next}); the first
 * invocation is submitted at that moment and "first" is the time from there to its response, which
 * is what a restored function adds to the platform's restore time (not measurable without a CRaC
 * JVM). There "init" is the deployment-time initialization, which users never wait for.
 * "appcds" runs add an application class-data-sharing archive (see {@link Mode}).
 *
 * <p>Arguments: {@code [runs per mode (3)] [warm invocations (20)] [function names...]}.
 */
public final class ColdStartBenchmark {

    private record Scenario(String function, String label, IntFunction<String> event) {}

    /**
     * plain: as deployed without SnapStart; snapstart: the SnapStart path through the runtime client; appcds: plain plus an
     * application class-data-sharing archive recorded by a training run of the same jar (local only:
     * Lambda's java21 runtime cannot use an archive made by another JVM build; SnapStart covers it).
     */
    private enum Mode {
        PLAIN,
        SNAPSTART,
        APPCDS
    }

    private record Run(long initMs, long firstMs, long warmMedianMs) {
        long totalMs() {
            return initMs + firstMs;
        }
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int warm = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        List<String> only = args.length > 2 ? Arrays.asList(args).subList(2, args.length) : List.of();
        GeneratedKeyPair key = Ed25519Keys.generate("bench-key");
        try (WalletSandbox sandbox =
                WalletSandbox.start(SandboxConfig.demoWorld().withWaitSeconds(1))) {
            String retailer = sandbox.walletAddressUrl("happylifebank", "retailer");
            String customer = sandbox.walletAddressUrl("cloudninebank", "customer");
            sandbox.admin().registerClientKey(retailer, key.publicJwk());
            try (LocalServers servers = LocalServers.start()) {
                LocalBackends backends = new LocalBackends(servers, retailer, retailer, key);
                List<Scenario> scenarios = scenarios(backends, customer);
                List<String> report = new ArrayList<>();
                report.add(String.format(
                        Locale.ROOT,
                        "%-22s %-34s %-9s %8s %8s %18s %8s",
                        "function",
                        "request",
                        "mode",
                        "init ms",
                        "first ms",
                        "cold tot ms",
                        "warm ms"));
                for (Scenario s : scenarios) {
                    if (!only.isEmpty() && !only.contains(s.function())) continue;
                    TemplateFunctions.Function f = backends.template.function(s.function());
                    if (!Files.isRegularFile(f.jar())) {
                        report.add(s.function() + ": no jar at " + f.jar());
                        continue;
                    }
                    Path archive = backends.template.repoRoot().resolve("local/runner/target/cds/" + f.name() + ".jsa");
                    for (Mode mode : modes()) {
                        if (mode == Mode.APPCDS) train(backends, f, s, archive);
                        List<Run> results = new ArrayList<>();
                        for (int i = 0; i < runs; i++) results.add(run(backends, f, s, mode, archive, warm, i));
                        long first = median(results, Run::firstMs);
                        String cold = mode == Mode.SNAPSTART
                                ? first + " +restore"
                                : Long.toString(median(results, Run::totalMs));
                        report.add(String.format(
                                Locale.ROOT,
                                "%-22s %-34s %-9s %8d %8d %18s %8d",
                                s.function(),
                                s.label(),
                                mode.name().toLowerCase(Locale.ROOT),
                                median(results, Run::initMs),
                                first,
                                cold,
                                median(results, Run::warmMedianMs)));
                        System.err.println(report.getLast());
                    }
                }
                report.add("medians of " + runs + " fresh JVMs per row; warm = median of " + warm
                        + " invocations after the first;" + " JVM " + Runtime.version() + ", "
                        + Runtime.getRuntime().availableProcessors() + " cores");
                report.add(
                        "snapstart rows: 'init' runs at deployment (priming included); a restored function's cold start is the"
                                + " platform's restore time plus 'first', so 'cold tot' shows 'first' only (marked +restore).");
                report.add(
                        "appcds rows use a class-data archive recorded from the same jar: local only (an archive must come from"
                                + " the exact JVM build that reads it), shown to measure how much of 'init' is class loading.");
                String text = String.join("\n", report);
                System.out.println(text);
                Path out = backends.template.repoRoot().resolve("local/runner/target/bench-cold-start.txt");
                Files.createDirectories(out.getParent());
                Files.writeString(out, text + "\n");
            }
        }
    }

    /** All modes, or those named in BENCH_MODES (comma-separated: plain,snapstart,appcds). */
    private static List<Mode> modes() {
        String only = System.getenv("BENCH_MODES");
        if (only == null || only.isBlank()) return List.of(Mode.values());
        return Arrays.stream(only.split(","))
                .map(m -> Mode.valueOf(m.trim().toUpperCase(Locale.ROOT)))
                .toList();
    }

    private static List<Scenario> scenarios(LocalBackends backends, String customer) throws Exception {
        Path events = backends.template.repoRoot().resolve("events");
        String finish = Files.readString(events.resolve("consent-finish-approved.json"));
        String batch = Files.readString(events.resolve("create-outgoing-batch.json"));
        String malformed = Files.readString(events.resolve("start-checkout-malformed.json"));
        List<Scenario> list = new ArrayList<>();
        list.add(new Scenario(
                "start-checkout",
                "POST /checkouts (wallet sandbox)",
                i -> postCheckout(customer, "bench-" + System.nanoTime())));
        list.add(new Scenario(
                "start-checkout",
                "GET /checkouts/{id} (DynamoDB)",
                i -> getCheckout("00000000-0000-4000-8000-00000000000" + (i % 10))));
        list.add(new Scenario("start-checkout", "POST /checkouts malformed", i -> malformed));
        list.add(new Scenario("consent-finish", "GET /finish/{id} unknown", i -> finish));
        list.add(new Scenario("create-outgoing", "SQS batch of 2 (events/)", i -> batch));
        Path scheduled = events.resolve("scheduled-installment.json");
        if (Files.exists(scheduled))
            list.add(new Scenario("scheduled-installment", "schedule tick (events/)", i -> read(scheduled)));
        return list;
    }

    /** Records the classes a few invocations load into {@code archive} (written when the JVM exits). */
    private static void train(LocalBackends backends, TemplateFunctions.Function f, Scenario s, Path archive)
            throws Exception {
        Files.createDirectories(archive.getParent());
        Files.deleteIfExists(archive);
        RicProcess.Spec spec = new RicProcess.Spec(
                f.name(),
                f.handler(),
                List.of(f.jar()),
                environment(backends, f, false),
                1024,
                List.of("-XX:ArchiveClassesAtExit=" + archive),
                line -> {});
        try (LambdaRuntimeApi api = LambdaRuntimeApi.start(f.name(), Duration.ofSeconds(60));
                RicProcess ric = RicProcess.start(spec, api)) {
            for (int i = 0; i < 3; i++) api.invoke(s.event().apply(900_000 + i), Duration.ofSeconds(120));
        } // closing stops the JVM with SIGTERM; it writes the archive on the way out
        if (!Files.isRegularFile(archive))
            throw new IllegalStateException("the training run wrote no class-data archive " + archive);
    }

    private static Map<String, String> environment(
            LocalBackends backends, TemplateFunctions.Function f, boolean snapStart) {
        Map<String, String> env = new HashMap<>(backends.environment(f));
        env.put("LOCAL_DEVELOPMENT", "true"); // the wallet sandbox speaks http on loopback
        env.put("POWERTOOLS_LOG_LEVEL", "WARN"); // keep the child's stdout quiet; logging cost is not what we measure
        if (snapStart) env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        return env;
    }

    private static Run run(
            LocalBackends backends,
            TemplateFunctions.Function f,
            Scenario s,
            Mode mode,
            Path archive,
            int warm,
            int round)
            throws Exception {
        Map<String, String> env = environment(backends, f, mode == Mode.SNAPSTART);
        List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> jvm =
                new ArrayList<>(mode == Mode.APPCDS ? List.of("-XX:SharedArchiveFile=" + archive) : List.of());
        String extra = System.getenv(
                "BENCH_JVM_OPTS"); // e.g. -Xlog:class+load:file=/tmp/classes-%p.txt:uptime, to see where init goes
        if (extra != null && !extra.isBlank())
            jvm.addAll(Arrays.asList(extra.trim().split("\\s+")));
        RicProcess.Spec spec =
                new RicProcess.Spec(f.name(), f.handler(), List.of(f.jar()), env, 1024, jvm, output::add);
        Instant started = Instant.now();
        try (LambdaRuntimeApi api = LambdaRuntimeApi.start(f.name(), Duration.ofSeconds(60));
                RicProcess ric = RicProcess.start(spec, api)) {
            Instant ready = (mode == Mode.SNAPSTART ? api.restored() : api.firstPoll()).get(120, TimeUnit.SECONDS);
            InvocationResult first = api.invoke(s.event().apply(round * 1000), Duration.ofSeconds(120));
            check(first, f, output);
            long[] warmMs = new long[warm];
            for (int i = 0; i < warm; i++) {
                InvocationResult r = api.invoke(s.event().apply(round * 1000 + i + 1), Duration.ofSeconds(60));
                check(r, f, output);
                warmMs[i] = r.elapsed().toMillis();
            }
            Arrays.sort(warmMs);
            return new Run(
                    Duration.between(started, ready).toMillis(),
                    first.elapsed().toMillis(),
                    warm == 0 ? 0 : warmMs[warm / 2]);
        }
    }

    private static void check(InvocationResult r, TemplateFunctions.Function f, List<String> output) {
        if (!(r instanceof InvocationResult.Success)) {
            throw new IllegalStateException(f.name() + " failed: " + r + "\n" + String.join("\n", output));
        }
    }

    private static long median(List<Run> runs, java.util.function.ToLongFunction<Run> metric) {
        long[] values = runs.stream().mapToLong(metric).sorted().toArray();
        return values[values.length / 2];
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String postCheckout(String customer, String orderId) {
        String order = "{\"orderId\":\"" + orderId + "\",\"customerWalletAddress\":\"" + customer
                + "\",\"amount\":{\"value\":\"100\",\"assetCode\":\"MXN\",\"assetScale\":2},\"returnUrl\":\"https://shop.example/orders/"
                + orderId + "\"}";
        return http("POST", "/checkouts", order.replace("\\", "\\\\").replace("\"", "\\\""));
    }

    private static String getCheckout(String id) {
        return http("GET", "/checkouts/" + id, null);
    }

    private static String http(String method, String path, String escapedBody) {
        return "{\"version\":\"2.0\",\"routeKey\":\"" + method + " " + path + "\",\"rawPath\":\"" + path
                + "\",\"rawQueryString\":\"\","
                + "\"headers\":{\"content-type\":\"application/json\"},\"requestContext\":{\"http\":{\"method\":\""
                + method + "\",\"path\":\""
                + path
                + "\",\"protocol\":\"HTTP/1.1\",\"sourceIp\":\"127.0.0.1\",\"userAgent\":\"bench\"},\"stage\":\"$default\"},"
                + (escapedBody == null ? "" : "\"body\":\"" + escapedBody + "\",") + "\"isBase64Encoded\":false}";
    }
}

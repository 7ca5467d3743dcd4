package dev.opfunctions.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/run-local}: the whole product on this machine, no Docker, no network. Starts everything
 * ({@link LocalProduct}), prints the URLs to open, and stops everything cleanly on Ctrl-C.
 */
public final class LocalRunner {
    /** The exit code for bad options: nothing has been started when it is returned. */
    static final int USAGE_ERROR = 2;

    private LocalRunner() {}

    /** The settings the options give, or empty after explaining on {@code err} what is wrong with them. */
    static Optional<RunnerSettings> settings(String[] args, Path repo, PrintStream err) {
        try {
            return Optional.of(RunnerOptions.parse(args, repo));
        } catch (IllegalArgumentException e) {
            err.println("run-local: " + e.getMessage());
            err.print(RunnerOptions.usage());
            return Optional.empty();
        }
    }

    public static void main(String[] args) throws Exception {
        if (RunnerOptions.helpRequested(args)) {
            System.out.print(RunnerOptions.usage());
            return;
        }
        Instant started = Instant.now();
        Optional<RunnerSettings> parsed;
        try {
            Path repo = RunnerOptions.repoRoot();
            System.setProperty("repo.root", repo.toString()); // the sandbox finds the Open Payments specs from here
            parsed = settings(args, repo, System.err);
        } catch (IllegalArgumentException e) {
            System.err.println("run-local: " + e.getMessage());
            parsed = Optional.empty();
        }
        if (parsed.isEmpty()) {
            System.exit(USAGE_ERROR);
            return;
        }
        RunnerSettings settings = parsed.get();
        if (!settings.direct() && !runtimeClientSupported()) {
            System.out.println("The Lambda runtime interface client runs on Linux only (its JNI library); "
                    + "invoking the handlers directly inside the runner (--direct).");
            settings = settings.withDirect(true);
        }
        LocalProduct product;
        try {
            product = LocalProduct.start(settings);
        } catch (java.net.BindException | java.io.UncheckedIOException e) {
            Optional<String> taken = portInUse(e, settings);
            if (taken.isEmpty()) throw e;
            System.err.println("run-local: " + taken.get());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("Stopping: schedules, queue pollers, HTTP, functions, "
                                    + (product.wallets().sandbox().isPresent() ? "wallet sandbox, " : "")
                                    + "ElasticMQ, moto (DynamoDB, Secrets Manager) ...");
                            product.close();
                            System.out.println("Stopped.");
                            stopped.countDown();
                        },
                        "run-local-shutdown"));
        describe(product, settings, Duration.between(started, Instant.now()), System.out);
        stopped.await();
    }

    /**
     * One line naming the port that could not be taken and the option that moves it, when {@code e} is (or
     * wraps) a failed bind: the API's port ({@code --port}) or one of the wallet sandbox's
     * ({@code --sandbox-port-base}); empty for any other failure.
     */
    static Optional<String> portInUse(Exception e, RunnerSettings settings) {
        if (e instanceof java.net.BindException) {
            return Optional.of("port " + settings.port()
                    + " is in use (another run-local?); pass --port N, or --port 0 for any free port");
        }
        return dev.opfunctions.sandbox.WalletSandbox.portTaken(e)
                .map(where -> "the wallet sandbox " + where
                        + ": the port is in use (another run-local or bin/sandbox?); pass --sandbox-port-base N"
                        + " for ports N, N+1, ..., or stop the other process");
    }

    /** Whether the runtime interface client's native library exists for this OS and CPU. */
    static boolean runtimeClientSupported() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"));
    }

    static void describe(LocalProduct product, RunnerSettings settings, Duration startup, PrintStream out) {
        String base = product.baseUrl();
        out.println();
        out.println("Open Payments functions are running locally (ready in " + seconds(startup) + "; "
                + String.join(
                        ", ",
                        product.startupPhases().entrySet().stream()
                                .map(e -> e.getKey() + " " + seconds(e.getValue()))
                                .toList())
                + ").");
        out.println();
        out.println("  Storefront        " + base + "/");
        out.println("  Order history     " + base + "/history.html");
        out.println("  HTTP API          " + base + "   (routes from template.yaml; ApiAuthMode " + settings.apiAuth()
                + (settings.apiAuth() == RunnerSettings.ApiAuth.API_KEY
                        ? ": the storefront's backend " + base + "/shop/api/... adds the key"
                        : "")
                + ")");
        product.wallets().summary().forEach(line -> out.println(line.isEmpty() ? "" : "  " + line));
        out.println("  Client identity   " + product.client().walletAddress() + "   (key "
                + product.client().keyId() + ")");
        out.println();
        product.functions()
                .forEach((id, f) -> out.println("  " + pad(f.definition().name(), 22) + f.describe()));
        product.notRunning().forEach((id, reason) -> out.println("  " + pad(id, 22) + "NOT RUNNING: " + reason));
        product.eventSources().forEach(line -> out.println("  " + line));
        out.println("  DynamoDB (moto)   " + product.dynamoDb().endpoint()
                + settings.persistDir().map(d -> "   (persisted in " + d + ")").orElse("   (in memory)"));
        out.println("  ElasticMQ (SQS)   " + product.sqs().endpoint());
        out.println();
        forgetfulnessWarning(settings).ifPresent(out::println);
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    /**
     * With real wallets the money really moves, but without {@code --persist} the only record of which
     * checkout paid what is in the emulator's memory: say so once, at start.
     */
    static Optional<String> forgetfulnessWarning(RunnerSettings settings) {
        if (settings.externalWallets().isEmpty() || settings.persistDir().isPresent()) return Optional.empty();
        return Optional.of("Warning: the table is in memory (no --persist DIR): a stopped or killed run forgets"
                + " the payments it made at the real wallets.");
    }

    private static String seconds(Duration d) {
        return d.toMillis() / 100 / 10.0 + " s";
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}

package dev.opfunctions.local.bench;

import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * {@code bin/bench-load}: a load benchmark of the whole product on this machine (loopback only,
 * bounded): one-time, split and installment checkouts through the local runner against the wallet
 * sandbox with a wallet latency, at each concurrency level; prints throughput and latency, the AWS
 * usage of each kind of checkout and of a later installment as metered outside the code under test,
 * and what 1,000 of each cost at AWS's on-demand prices ({@code bench/aws-prices.json}). The runner's
 * and the functions' output goes to a log file.
 */
public final class LoadBenchmark {
    private LoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (BenchOptions.helpRequested(args)) {
            System.out.print(BenchOptions.usage());
            return;
        }
        BenchOptions options;
        Path repo;
        try {
            options = BenchOptions.parse(args);
            String root = System.getProperty("repo.root");
            if (root == null || !Files.isRegularFile(Path.of(root, "template.yaml"))) {
                throw new IllegalArgumentException("run it as bin/bench-load (it sets -Drepo.root)");
            }
            repo = Path.of(root);
        } catch (IllegalArgumentException e) {
            System.err.println("bench-load: " + e.getMessage());
            System.err.print(BenchOptions.usage());
            System.exit(2);
            return;
        }
        AwsPrices prices = AwsPrices.load();
        Path logFile = repo.resolve("local/runner/target/bench-load.log");
        Files.createDirectories(logFile.getParent());
        PrintStream console = System.out;
        console.printf(
                "bench-load: %d checkouts of each kind per level, levels %s, wallet latency %d ms (log: %s)%n%n",
                options.checkouts(), options.concurrency(), options.latencyMs(), logFile);
        console.println(BenchReport.method(prices));
        try (PrintStream log = new PrintStream(new FileOutputStream(logFile.toFile()), true, StandardCharsets.UTF_8)) {
            PrintStream consoleErr = System.err;
            // The local servers print to the process's streams too; keep the terminal for the tables.
            System.setOut(log);
            System.setErr(log);
            Consumer<String> logLine = line -> {
                synchronized (log) {
                    log.println(line);
                }
            };
            try {
                BenchRun run = new BenchRun(options, repo, logLine);
                for (int level : options.concurrency()) {
                    console.println("bench-load: concurrency " + level + " ...");
                    BenchRun.Level result = run.run(level);
                    console.println();
                    console.println(BenchReport.level(result, options, prices));
                }
            } finally {
                System.setOut(console);
                System.setErr(consoleErr);
            }
        }
        // Function processes and pollers may hold non-daemon threads for a moment after close.
        System.exit(0);
    }
}

package dev.opfunctions.local.chaos;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code bin/chaos}: one chaos run against the whole product on this machine (loopback only),
 * bounded in checkouts and time. Prints the table; exit code 0 when it passed, 1 when it did not,
 * 2 on bad options. The runner's and the functions' output goes to a log file.
 */
public final class ChaosMain {
    private ChaosMain() {}

    public static void main(String[] args) throws Exception {
        if (ChaosOptions.helpRequested(args)) {
            System.out.print(ChaosOptions.usage());
            return;
        }
        ChaosOptions options;
        Path repo;
        try {
            options = ChaosOptions.parse(args);
            String root = System.getProperty("repo.root");
            if (root == null || !Files.isRegularFile(Path.of(root, "template.yaml"))) {
                throw new IllegalArgumentException("run it as bin/chaos (it sets -Drepo.root)");
            }
            repo = Path.of(root);
        } catch (IllegalArgumentException e) {
            System.err.println("chaos: " + e.getMessage());
            System.err.print(ChaosOptions.usage());
            System.exit(2);
            return;
        }
        // Named after the seed as the table prints it, so `--seed N` finds its log as chaos-N.log.
        Path logFile = repo.resolve("local/runner/target/chaos-" + options.seed() + ".log");
        Files.createDirectories(logFile.getParent());
        ChaosReport report;
        try (PrintStream log = new PrintStream(new FileOutputStream(logFile.toFile()), true, StandardCharsets.UTF_8)) {
            System.out.println(
                    "chaos: starting the product and " + options.checkouts() + " checkouts (log: " + logFile + ") ...");
            PrintStream console = System.out;
            PrintStream consoleErr = System.err;
            // The local servers print to the process's streams too; keep the terminal for the table.
            System.setOut(log);
            System.setErr(log);
            try {
                report = ChaosRun.run(
                        options,
                        repo,
                        line -> {
                            synchronized (log) {
                                log.println(line);
                            }
                        },
                        java.util.function.UnaryOperator.identity(),
                        (finished, product) -> {
                            finished.print(console);
                            if (options.keep()) KeptRun.holdUntilCtrlC(product, logFile, console);
                        });
            } finally {
                System.setOut(console);
                System.setErr(consoleErr);
            }
        } catch (IOException e) {
            System.err.println("chaos: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.exit(report.passed() ? 0 : 1);
    }
}

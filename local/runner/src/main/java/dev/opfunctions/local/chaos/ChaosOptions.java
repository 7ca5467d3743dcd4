package dev.opfunctions.local.chaos;

import static dev.opfunctions.local.CommandLines.wholeNumber;

import dev.opfunctions.local.CommandLines;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What a chaos run does.
 *
 * @param checkouts how many checkouts to drive (kinds in rotation)
 * @param concurrency how many checkouts are driven at once
 * @param maxDuration the whole run's bound: checkouts not terminal by then are reported as such
 * @param walletFaults inject the sandbox's faults (errors, timeouts, responses lost after commit)
 * @param kills kill function processes at random moments
 * @param queueChaos duplicate and drop queue messages
 * @param webhookRefusalPercent the share of webhook deliveries the storefront's receiver refuses (500 or 503)
 *     while the checkouts are driven, in percent (0: none)
 * @param seed the random seed (the same seed gives the same choices, not the same timing)
 * @param sweepAfter the sweep bound the functions run with (SWEEP_AFTER_SECONDS)
 * @param schedulePeriod how often scheduled-installment (and so the sweep) runs
 * @param port the storefront's and API's port (0: any free port)
 * @param keep leave everything running after the table, with its endpoints printed, until Ctrl-C
 */
public record ChaosOptions(
        int checkouts,
        int concurrency,
        Duration maxDuration,
        boolean walletFaults,
        boolean kills,
        boolean queueChaos,
        int webhookRefusalPercent,
        long seed,
        Duration sweepAfter,
        Duration schedulePeriod,
        int port,
        boolean keep) {

    /** The help text: every option with its default. */
    static String usage() {
        return commandLine(new Flags()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    /** Whether {@code args} ask for the help. */
    static boolean helpRequested(String[] args) {
        try {
            return commandLine(new Flags()).parseArgs(args).isUsageHelpRequested();
        } catch (CommandLine.ParameterException e) {
            return false;
        }
    }

    /** 300 checkouts, 32 at a time, within 25 minutes, everything on: the defaults the options declare. */
    public static ChaosOptions defaults() {
        return parse(new String[0]);
    }

    /** Parses {@code args} over the defaults; throws {@link IllegalArgumentException} with a message for bad input. */
    public static ChaosOptions parse(String[] args) {
        Flags f = new Flags();
        CommandLines.parse(commandLine(f), args);
        return new ChaosOptions(
                wholeNumber("--checkouts", f.checkouts, 1, 5000),
                wholeNumber("--concurrency", f.concurrency, 1, 64),
                Duration.ofMinutes(wholeNumber("--max-minutes", f.maxMinutes, 1, 120)),
                !f.noFaults,
                !f.noKills,
                !f.noQueueChaos,
                wholeNumber("--webhook-refusals", f.webhookRefusals, 0, 90),
                f.seed == null ? System.currentTimeMillis() : longNumber("--seed", f.seed),
                Duration.ofSeconds(wholeNumber("--sweep-seconds", f.sweepSeconds, 5, 960)),
                Duration.ofSeconds(wholeNumber("--schedule-seconds", f.scheduleSeconds, 1, 60)),
                wholeNumber("--port", f.port, 0, 65535),
                f.keep);
    }

    /** The same run with another number of checkouts and bound. */
    public ChaosOptions withCheckouts(int n) {
        return new ChaosOptions(
                n,
                concurrency,
                maxDuration,
                walletFaults,
                kills,
                queueChaos,
                webhookRefusalPercent,
                seed,
                sweepAfter,
                schedulePeriod,
                port,
                keep);
    }

    /** The same run with another bound. */
    public ChaosOptions withMaxDuration(Duration d) {
        return new ChaosOptions(
                checkouts,
                concurrency,
                d,
                walletFaults,
                kills,
                queueChaos,
                webhookRefusalPercent,
                seed,
                sweepAfter,
                schedulePeriod,
                port,
                keep);
    }

    private static long longNumber(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, not " + value);
        }
    }

    private static CommandLine commandLine(Flags flags) {
        return CommandLines.configure(new CommandLine(flags));
    }

    /** The command line as picocli reads it; numbers stay text so that range errors name the option and its range. */
    @Command(
            name = "bin/chaos",
            synopsisHeading = "usage: ",
            customSynopsis = "bin/chaos [options]",
            separator = " ",
            sortOptions = false,
            usageHelpWidth = 120,
            footerHeading = "%n",
            footer = {
                "Everything listens on loopback ports only; exits 1 on any duplicate, orphan, mismatch, checkout left",
                "non-terminal or storefront event missing or unexpected, 2 on bad options."
            })
    private static final class Flags {
        @Option(
                names = "--checkouts",
                paramLabel = "N",
                defaultValue = "300",
                description = "checkouts to drive, every kind in rotation (default ${DEFAULT-VALUE}; 1 to 5000)")
        String checkouts;

        @Option(
                names = "--concurrency",
                paramLabel = "N",
                defaultValue = "32",
                description = "checkouts driven at once (default ${DEFAULT-VALUE}; 1 to 64)")
        String concurrency;

        @Option(
                names = "--max-minutes",
                paramLabel = "N",
                defaultValue = "25",
                description =
                        "bound of the whole run (default ${DEFAULT-VALUE}); what is not terminal by then fails the run")
        String maxMinutes;

        @Option(names = "--no-faults", description = "no wallet faults (default: faults on)")
        boolean noFaults;

        @Option(names = "--no-kills", description = "no function processes killed (default: kills on)")
        boolean noKills;

        @Option(
                names = "--no-queue-chaos",
                description = "no duplicated or dropped queue messages (default: queue chaos on)")
        boolean noQueueChaos;

        @Option(
                names = "--webhook-refusals",
                paramLabel = "PERCENT",
                defaultValue = "20",
                description = "share of webhook deliveries the storefront refuses with 500 or 503 while checkouts are"
                        + " driven (default ${DEFAULT-VALUE}; 0 to 90)")
        String webhookRefusals;

        @Option(names = "--seed", paramLabel = "N", description = "random seed (default: the current time)")
        String seed;

        @Option(
                names = "--sweep-seconds",
                paramLabel = "N",
                defaultValue = "20",
                description = "the sweep bound the functions run with (default ${DEFAULT-VALUE}; production: 960)")
        String sweepSeconds;

        @Option(
                names = "--schedule-seconds",
                paramLabel = "N",
                defaultValue = "5",
                description = "how often scheduled-installment runs the sweep (default ${DEFAULT-VALUE})")
        String scheduleSeconds;

        @Option(
                names = "--port",
                paramLabel = "N",
                defaultValue = "0",
                description = "storefront and API port (default ${DEFAULT-VALUE}: any free port)")
        String port;

        @Option(
                names = "--keep",
                description = {
                    "after the table, leave everything running and print the endpoints (API, sandbox admin,",
                    "DynamoDB, SQS) for another tool to audit the run; Ctrl-C stops (default: off)"
                })
        boolean keep;

        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "print this help and exit")
        boolean help;
    }
}

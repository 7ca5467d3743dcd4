package dev.opfunctions.sandbox;

import dev.opfunctions.sandbox.money.FeePolicy;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The options of {@code bin/sandbox}, read with picocli over {@link SandboxConfig#demoWorld()}: the
 * continue.wait and token lifetime defaults come from the demo world itself, so the help cannot
 * drift from what the sandbox does.
 */
@Command(
        name = "bin/sandbox",
        synopsisHeading = "usage: ",
        customSynopsis = "bin/sandbox [options]",
        separator = " ",
        sortOptions = false,
        usageHelpWidth = 120,
        descriptionHeading = "%n",
        optionListHeading = "%n",
        description =
                "The Open Payments wallet sandbox with the demo world (two wallet providers, funded wallet addresses).")
final class SandboxOptions {
    @Option(
            names = "--port-base",
            paramLabel = "N",
            defaultValue = "4100",
            description = "admin API on N, the wallet providers on N+1, N+2 (default ${DEFAULT-VALUE})")
    private int portBase;

    @Option(
            names = "--host",
            paramLabel = "NAME",
            defaultValue = "127.0.0.1",
            description =
                    "host written into every URL (default ${DEFAULT-VALUE}; use localhost if your client needs it)")
    private String host;

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            defaultValue = "127.0.0.1",
            description = "interface the servers listen on (default ${DEFAULT-VALUE})")
    private String bind;

    @Option(
            names = "--wait-seconds",
            paramLabel = "N",
            description = "GNAP continue.wait in seconds (default ${DEFAULT-VALUE}, as Rafiki)")
    private int waitSeconds;

    @Option(
            names = "--token-lifetime",
            paramLabel = "SECONDS",
            description = "access token expires_in (default ${DEFAULT-VALUE}, as Rafiki)")
    private long tokenLifetimeSeconds;

    @Option(
            names = "--no-signature-check",
            description = "accept requests without checking their HTTP signatures (default: checked)")
    private boolean noSignatureCheck;

    @Option(
            names = "--no-fees",
            description = "quotes without Rafiki's local-environment fee (default: 1.00 plus 2 %%)")
    private boolean noFees;

    @Option(
            names = "--raw-body-digest",
            description = {
                "Content-Digest over the bytes sent instead of Rafiki's JSON.stringify of the",
                "parsed body (default: JSON.stringify)"
            })
    private boolean rawBodyDigest;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "print this help and exit")
    private boolean help;

    private SandboxOptions() {}

    /** The help text: every option with its default. */
    static String usage() {
        return commandLine(new SandboxOptions()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    /** Whether {@code args} ask for the help. */
    static boolean helpRequested(String[] args) {
        try {
            return commandLine(new SandboxOptions()).parseArgs(args).isUsageHelpRequested();
        } catch (CommandLine.ParameterException e) {
            return false;
        }
    }

    /** The demo world as {@code args} change it; throws {@link IllegalArgumentException} naming the option for bad input. */
    static SandboxConfig parse(String[] args) {
        SandboxOptions o = new SandboxOptions();
        try {
            commandLine(o).parseArgs(args);
        } catch (CommandLine.UnmatchedArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown option " + e.getUnmatched().get(0) + " (bin/sandbox --help lists the options)", e);
        } catch (CommandLine.MissingParameterException e) {
            ArgSpec missing = e.getMissing().isEmpty() ? null : e.getMissing().get(0);
            String message =
                    missing instanceof OptionSpec option ? option.longestName() + " needs a value" : e.getMessage();
            throw new IllegalArgumentException(message, e);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e); // picocli's text names the option and the value
        }
        inRange("--port-base", o.portBase, 0, 65_000);
        inRange("--wait-seconds", o.waitSeconds, 0, 3600);
        inRange("--token-lifetime", o.tokenLifetimeSeconds, 1, 86_400);
        SandboxConfig config = SandboxConfig.demoWorld()
                .withWaitSeconds(o.waitSeconds)
                .withTokenLifetime(Duration.ofSeconds(o.tokenLifetimeSeconds));
        if (o.noSignatureCheck) config = config.withSignatureVerification(false);
        if (o.noFees) config = config.withFee(FeePolicy.NONE);
        if (o.rawBodyDigest) config = config.withBodyDigest(SandboxConfig.BodyDigest.RAW_BYTES);
        return config.withHosts(o.bind, o.host).withPortsFrom(o.portBase);
    }

    private static void inRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    option + " takes a whole number from " + min + " to " + max + ", not " + value);
        }
    }

    /** As the home-made parser before: a repeated option takes its last value, no {@code @file} expansion. */
    private static CommandLine commandLine(SandboxOptions o) {
        SandboxConfig demo = SandboxConfig.demoWorld();
        return new CommandLine(o)
                .setOverwrittenOptionsAllowed(true)
                .setExpandAtFiles(false)
                .setDefaultValueProvider(arg -> arg instanceof OptionSpec option
                        ? switch (option.longestName()) {
                            case "--wait-seconds" -> String.valueOf(demo.waitSeconds());
                            case "--token-lifetime" ->
                                String.valueOf(demo.tokenLifetime().toSeconds());
                            default -> null;
                        }
                        : null);
    }
}

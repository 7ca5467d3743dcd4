package dev.opfunctions.local;

import static dev.opfunctions.local.CommandLines.wholeNumber;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The runner's command line (picocli), turned into {@link RunnerSettings}. Numbers stay text until
 * {@link #parse} checks their range, so that every message names the option and its allowed values.
 */
@Command(
        name = "bin/run-local",
        synopsisHeading = "usage: ",
        customSynopsis = "bin/run-local [options]",
        separator = " ",
        sortOptions = false,
        usageHelpWidth = 120,
        footerHeading = "%n",
        footer = {
            "--wallets external uses real wallets instead of the sandbox: no wallet sandbox runs, and --client-key and",
            "--merchant-wallet-address are needed (README \"Try it against real wallets\")."
        })
final class RunnerOptions {
    @Option(
            names = "--port",
            paramLabel = "N",
            defaultValue = "4000",
            description = "storefront and API port (default ${DEFAULT-VALUE}; 0 = any free port)")
    private String port;

    @Option(
            names = "--persist",
            paramLabel = "DIR",
            description = "keep the DynamoDB table in DIR between runs (default: in memory)")
    private String persist;

    @Option(
            names = "--direct",
            description = {
                "call the handlers inside the runner instead of through the Lambda runtime interface",
                "client (child JVMs); automatic where the RIC cannot run (default: off)"
            })
    private boolean direct;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            defaultValue = "1",
            description = {
                "execution environments per function (default ${DEFAULT-VALUE}; 1 to 32), invoked in parallel as",
                "Lambda scales out; a queue's event source runs min(N, its MaximumConcurrency) at once.",
                "Each is a child JVM (about 160 MB resident once started, more under load; --direct: a",
                "thread), so N starts 4 x N of them, each taking seconds of CPU to initialize"
            })
    private String concurrency;

    @Option(
            names = "--schedule-seconds",
            paramLabel = "N",
            description = "run scheduled functions every N s (default: the template's rate)")
    private String scheduleSeconds;

    @Option(
            names = "--sweep-seconds",
            paramLabel = "N",
            description = {
                "how long an unfinished checkout waits before the sweep resumes it: the functions'",
                "SWEEP_AFTER_SECONDS (default 960, as on AWS; 5 to 960)"
            })
    private String sweepSeconds;

    @Option(
            names = "--webhook-url",
            paramLabel = "URL",
            description = {
                "where the functions POST webhooks (the template's WebhookUrl), when the template has one",
                "(default: the storefront's receiver, http://127.0.0.1:PORT/webhooks)"
            })
    private String webhookUrl;

    @Option(
            names = "--sandbox-port-base",
            paramLabel = "N",
            defaultValue = "4100",
            description = "wallet sandbox admin port; providers on N+1, N+2 (default ${DEFAULT-VALUE}; 0 = free ports)")
    private String sandboxPortBase;

    @Option(
            names = "--wait-seconds",
            paramLabel = "N",
            defaultValue = "5",
            description = "the sandbox's GNAP continue.wait (default ${DEFAULT-VALUE}, as Rafiki)")
    private String waitSeconds;

    @Option(
            names = "--api-auth",
            paramLabel = "MODE",
            defaultValue = "API_KEY",
            description = "API_KEY (default; the storefront's backend adds the key) or NONE")
    private String apiAuth;

    @Option(
            names = "--visibility-timeout",
            paramLabel = "N",
            defaultValue = "30",
            description = "seconds before a failed queue message is retried (default ${DEFAULT-VALUE})")
    private String visibilityTimeout;

    @Option(
            names = ExternalWalletOptions.WALLETS,
            paramLabel = "KIND",
            defaultValue = "sandbox",
            description = "sandbox (default) or external (real wallets; no wallet sandbox runs)")
    private String wallets;

    @Option(
            names = ExternalWalletOptions.CLIENT_KEY,
            paramLabel = "FILE",
            description = {
                "the client's Ed25519 private key: PKCS#8 PEM " + "(as bin/keygen writes), or the",
                "Secrets Manager secret JSON {\"walletAddress\",\"keyId\",\"privateKey\"} (default: none)"
            })
    private String clientKey;

    @Option(
            names = ExternalWalletOptions.CLIENT_WALLET,
            paramLabel = "URL",
            description = "the client's wallet address (unless in the JSON; default: none)")
    private String clientWallet;

    @Option(
            names = ExternalWalletOptions.KEY_ID,
            paramLabel = "ID",
            description = "the id of the key registered at that wallet (unless in the JSON; default: none)")
    private String keyId;

    @Option(
            names = ExternalWalletOptions.MERCHANT_WALLET,
            paramLabel = "URL",
            description = "the wallet address the shop is paid into (default: none)")
    private String merchantWallet;

    @Option(
            names = ExternalWalletOptions.ALLOW_INSECURE,
            description = {
                "allow plain-http and loopback wallets (the functions get " + "LOCAL_DEVELOPMENT=true);",
                "without it wallets must be public https (default: off)"
            })
    private boolean allowInsecure;

    // Read by bin/run-local, which builds before starting the runner; listed here so that the help names it.
    @Option(
            names = "--rebuild",
            description = "build the product before starting even if no source changed since the last build")
    private boolean rebuild;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "print this help and exit")
    private boolean help;

    private RunnerOptions() {}

    /** The help text: every option with its default. */
    static String usage() {
        return commandLine(new RunnerOptions()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    /** Whether {@code args} ask for the help (and are otherwise well-formed enough to be read). */
    static boolean helpRequested(String[] args) {
        try {
            return commandLine(new RunnerOptions()).parseArgs(args).isUsageHelpRequested();
        } catch (CommandLine.ParameterException e) {
            return false;
        }
    }

    /** Parses {@code args} over the defaults; throws {@link IllegalArgumentException} with a message for bad input. */
    static RunnerSettings parse(String[] args, Path repoRoot) {
        RunnerOptions o = new RunnerOptions();
        ParseResult given = CommandLines.parse(commandLine(o), args);
        RunnerSettings s = RunnerSettings.defaults(repoRoot)
                .withPort(wholeNumber("--port", o.port, 0, 65535))
                .withDirect(o.direct)
                .withConcurrency(wholeNumber("--concurrency", o.concurrency, 1, RunnerSettings.MAX_CONCURRENCY))
                .withSandbox(
                        wholeNumber("--sandbox-port-base", o.sandboxPortBase, 0, 65_000),
                        wholeNumber("--wait-seconds", o.waitSeconds, 0, 60))
                .withVisibilityTimeout(
                        Duration.ofSeconds(wholeNumber("--visibility-timeout", o.visibilityTimeout, 0, 43_200)))
                .withApiAuth(apiAuth(o.apiAuth));
        if (o.persist != null) {
            s = s.withPersistDir(Optional.of(Path.of(o.persist).toAbsolutePath()));
        }
        if (o.scheduleSeconds != null) {
            int seconds = wholeNumber("--schedule-seconds", o.scheduleSeconds, 1, 86_400);
            s = s.withSchedulePeriod(Optional.of(Duration.ofSeconds(seconds)));
        }
        if (o.sweepSeconds != null) {
            int seconds = wholeNumber("--sweep-seconds", o.sweepSeconds, 5, 960);
            s = s.withSweepAfter(Optional.of(Duration.ofSeconds(seconds)));
        }
        if (o.webhookUrl != null) {
            s = s.withWebhookUrl(Optional.of(webhookUrl(o.webhookUrl)));
        }
        Optional<ExternalWallets> external = walletOptions(o, given).resolve();
        return external.isPresent() ? s.withExternalWallets(external.get()) : s;
    }

    /** The wallet options in the order given, so that a contradiction names the first option involved. */
    private static ExternalWalletOptions walletOptions(RunnerOptions o, ParseResult given) {
        ExternalWalletOptions wallets = new ExternalWalletOptions();
        wallets.wallets(o.wallets);
        for (OptionSpec option : given.matchedOptions()) {
            switch (option.longestName()) {
                case "--sandbox-port-base", "--wait-seconds" -> wallets.sandboxOption(option.longestName());
                case ExternalWalletOptions.CLIENT_KEY -> wallets.clientKey(o.clientKey);
                case ExternalWalletOptions.CLIENT_WALLET -> wallets.clientWallet(o.clientWallet);
                case ExternalWalletOptions.KEY_ID -> wallets.keyId(o.keyId);
                case ExternalWalletOptions.MERCHANT_WALLET -> wallets.merchantWallet(o.merchantWallet);
                case ExternalWalletOptions.ALLOW_INSECURE -> wallets.allowInsecure();
                default -> {} // not a wallet option
            }
        }
        return wallets;
    }

    private static CommandLine commandLine(RunnerOptions o) {
        return CommandLines.configure(new CommandLine(o));
    }

    /** The repository root: {@code -Drepo.root}, else the nearest ancestor of the working directory with template.yaml. */
    static Path repoRoot() {
        String configured = System.getProperty("repo.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("template.yaml")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalArgumentException(
                "cannot find the repository (template.yaml); run from inside it or pass -Drepo.root");
    }

    private static String webhookUrl(String value) {
        try {
            java.net.URI uri = new java.net.URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return value;
            }
        } catch (java.net.URISyntaxException e) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException("--webhook-url must be an http(s) URL with a host, not " + value);
    }

    private static RunnerSettings.ApiAuth apiAuth(String value) {
        if (value.equals("IAM")) {
            throw new IllegalArgumentException(
                    "--api-auth IAM cannot be emulated locally (SigV4 against execute-api); use API_KEY or NONE");
        }
        try {
            return RunnerSettings.ApiAuth.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--api-auth takes API_KEY or NONE, not " + value);
        }
    }
}

package dev.opfunctions.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How to run the product locally.
 *
 * @param repoRoot the repository (template.yaml, the functions' jars)
 * @param port the HTTP port of storefront and API (0 for any free port)
 * @param persistDir where the DynamoDB tables are kept between runs (journaled per write); empty keeps them in memory
 * @param direct invoke handlers inside the runner instead of through the runtime interface client
 * @param concurrency execution environments per function, invoked in parallel (at most this many invocations of a
 *     function run at once, as with Lambda's reserved concurrency)
 * @param schedulePeriod period of scheduled functions; empty takes the template's {@code rate(...)}
 * @param sandboxPortBase the wallet sandbox's admin port, providers on the next ports; 0 for free ports
 * @param sandboxWaitSeconds the sandbox's GNAP {@code continue.wait}
 * @param apiAuth the {@code ApiAuthMode} the local API enforces
 * @param visibilityTimeout the commands queue's visibility timeout locally (how soon a failed message returns)
 * @param sweepAfter the functions' {@code SWEEP_AFTER_SECONDS} (how long a checkout waits before the sweep
 *     resumes it); empty keeps the template's
 * @param externalWallets real wallets to use instead of the wallet sandbox; empty runs the sandbox's demo world
 * @param webhookUrl where the functions POST webhooks (the template's {@code WebhookUrl}); empty means the
 *     storefront's receiver {@code /webhooks}
 * @param code the class path a function runs with; by default its {@code CodeUri} jar
 * @param log the runner's own messages
 * @param functionOutput where each function's output lines go, by function name
 */
public record RunnerSettings(
        Path repoRoot,
        int port,
        Optional<Path> persistDir,
        boolean direct,
        int concurrency,
        Optional<Duration> schedulePeriod,
        int sandboxPortBase,
        int sandboxWaitSeconds,
        ApiAuth apiAuth,
        Duration visibilityTimeout,
        Optional<Duration> sweepAfter,
        Optional<ExternalWallets> externalWallets,
        Optional<String> webhookUrl,
        Function<FunctionDefinition, List<Path>> code,
        Consumer<String> log,
        Function<String, Consumer<String>> functionOutput) {

    /** The {@code ApiAuthMode}s the local gateway can enforce ({@code IAM} needs AWS to check SigV4). */
    public enum ApiAuth {
        NONE,
        API_KEY
    }

    /** The most execution environments per function {@code --concurrency} accepts. */
    public static final int MAX_CONCURRENCY = 32;

    public RunnerSettings {
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency must be 1.." + MAX_CONCURRENCY + ", not " + concurrency);
        }
    }

    /** Port 4000, sandbox on 4100+, in memory, through the runtime interface client, API key auth. */
    public static RunnerSettings defaults(Path repoRoot) {
        return new RunnerSettings(
                repoRoot,
                4000,
                Optional.empty(),
                false,
                1,
                Optional.empty(),
                4100,
                5,
                ApiAuth.API_KEY,
                Duration.ofSeconds(30),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                def -> List.of(def.code()),
                System.out::println,
                name -> line -> System.out.println("[" + name + "] " + line));
    }

    public RunnerSettings withPort(int p) {
        return edit().port(p).build();
    }

    public RunnerSettings withPersistDir(Optional<Path> dir) {
        return edit().persistDir(dir).build();
    }

    public RunnerSettings withDirect(boolean d) {
        return edit().direct(d).build();
    }

    /** {@code n} execution environments per function, invoked in parallel. */
    public RunnerSettings withConcurrency(int n) {
        return edit().concurrency(n).build();
    }

    public RunnerSettings withSchedulePeriod(Optional<Duration> period) {
        return edit().schedulePeriod(period).build();
    }

    public RunnerSettings withSandbox(int portBase, int waitSeconds) {
        return edit().sandboxPortBase(portBase).sandboxWaitSeconds(waitSeconds).build();
    }

    public RunnerSettings withApiAuth(ApiAuth auth) {
        return edit().apiAuth(auth).build();
    }

    public RunnerSettings withVisibilityTimeout(Duration timeout) {
        return edit().visibilityTimeout(timeout).build();
    }

    public RunnerSettings withSweepAfter(Optional<Duration> bound) {
        return edit().sweepAfter(bound).build();
    }

    /** Runs against these real wallets; no wallet sandbox is started. */
    public RunnerSettings withExternalWallets(ExternalWallets wallets) {
        return edit().externalWallets(Optional.of(wallets)).build();
    }

    public RunnerSettings withWebhookUrl(Optional<String> url) {
        return edit().webhookUrl(url).build();
    }

    public RunnerSettings withCode(Function<FunctionDefinition, List<Path>> locator) {
        return edit().code(locator).build();
    }

    public RunnerSettings withOutput(Consumer<String> runnerLog, Function<String, Consumer<String>> functions) {
        return edit().log(runnerLog).functionOutput(functions).build();
    }

    private Builder edit() {
        return new Builder(this);
    }

    /** A copy of these settings to change; {@link #build()} goes through the canonical constructor. */
    private static final class Builder {
        private final RunnerSettings from;
        private int port;
        private Optional<Path> persistDir;
        private boolean direct;
        private int concurrency;
        private Optional<Duration> schedulePeriod;
        private int sandboxPortBase;
        private int sandboxWaitSeconds;
        private ApiAuth apiAuth;
        private Duration visibilityTimeout;
        private Optional<Duration> sweepAfter;
        private Optional<ExternalWallets> externalWallets;
        private Optional<String> webhookUrl;
        private Function<FunctionDefinition, List<Path>> code;
        private Consumer<String> log;
        private Function<String, Consumer<String>> functionOutput;

        private Builder(RunnerSettings from) {
            this.from = from;
            port = from.port;
            persistDir = from.persistDir;
            direct = from.direct;
            concurrency = from.concurrency;
            schedulePeriod = from.schedulePeriod;
            sandboxPortBase = from.sandboxPortBase;
            sandboxWaitSeconds = from.sandboxWaitSeconds;
            apiAuth = from.apiAuth;
            visibilityTimeout = from.visibilityTimeout;
            sweepAfter = from.sweepAfter;
            externalWallets = from.externalWallets;
            webhookUrl = from.webhookUrl;
            code = from.code;
            log = from.log;
            functionOutput = from.functionOutput;
        }

        Builder port(int p) {
            port = p;
            return this;
        }

        Builder persistDir(Optional<Path> dir) {
            persistDir = dir;
            return this;
        }

        Builder direct(boolean d) {
            direct = d;
            return this;
        }

        Builder concurrency(int n) {
            concurrency = n;
            return this;
        }

        Builder schedulePeriod(Optional<Duration> period) {
            schedulePeriod = period;
            return this;
        }

        Builder sandboxPortBase(int portBase) {
            sandboxPortBase = portBase;
            return this;
        }

        Builder sandboxWaitSeconds(int seconds) {
            sandboxWaitSeconds = seconds;
            return this;
        }

        Builder apiAuth(ApiAuth auth) {
            apiAuth = auth;
            return this;
        }

        Builder visibilityTimeout(Duration timeout) {
            visibilityTimeout = timeout;
            return this;
        }

        Builder sweepAfter(Optional<Duration> bound) {
            sweepAfter = bound;
            return this;
        }

        Builder webhookUrl(Optional<String> url) {
            webhookUrl = url;
            return this;
        }

        Builder externalWallets(Optional<ExternalWallets> wallets) {
            externalWallets = wallets;
            return this;
        }

        Builder code(Function<FunctionDefinition, List<Path>> locator) {
            code = locator;
            return this;
        }

        Builder log(Consumer<String> runnerLog) {
            log = runnerLog;
            return this;
        }

        Builder functionOutput(Function<String, Consumer<String>> functions) {
            functionOutput = functions;
            return this;
        }

        RunnerSettings build() {
            return new RunnerSettings(
                    from.repoRoot,
                    port,
                    persistDir,
                    direct,
                    concurrency,
                    schedulePeriod,
                    sandboxPortBase,
                    sandboxWaitSeconds,
                    apiAuth,
                    visibilityTimeout,
                    sweepAfter,
                    externalWallets,
                    webhookUrl,
                    code,
                    log,
                    functionOutput);
        }
    }
}

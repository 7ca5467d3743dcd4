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
 * @param persistDir where the DynamoDB tables are kept between runs (written at an orderly stop); empty keeps them in memory
 * @param direct invoke handlers inside the runner instead of through the runtime interface client
 * @param schedulePeriod period of scheduled functions; empty takes the template's {@code rate(...)}
 * @param sandboxPortBase the wallet sandbox's admin port, providers on the next ports; 0 for free ports
 * @param sandboxWaitSeconds the sandbox's GNAP {@code continue.wait}
 * @param apiAuth the {@code ApiAuthMode} the local API enforces
 * @param visibilityTimeout the commands queue's visibility timeout locally (how soon a failed message returns)
 * @param externalWallets real wallets to use instead of the wallet sandbox; empty runs the sandbox's demo world
 * @param code the class path a function runs with; by default its {@code CodeUri} jar
 * @param log the runner's own messages
 * @param functionOutput where each function's output lines go, by function name
 */
public record RunnerSettings(
        Path repoRoot,
        int port,
        Optional<Path> persistDir,
        boolean direct,
        Optional<Duration> schedulePeriod,
        int sandboxPortBase,
        int sandboxWaitSeconds,
        ApiAuth apiAuth,
        Duration visibilityTimeout,
        Optional<ExternalWallets> externalWallets,
        Function<FunctionDefinition, List<Path>> code,
        Consumer<String> log,
        Function<String, Consumer<String>> functionOutput) {

    /** The {@code ApiAuthMode}s the local gateway can enforce ({@code IAM} needs AWS to check SigV4). */
    public enum ApiAuth {
        NONE,
        API_KEY
    }

    /** Port 4000, sandbox on 4100+, in memory, through the runtime interface client, API key auth. */
    public static RunnerSettings defaults(Path repoRoot) {
        return new RunnerSettings(
                repoRoot,
                4000,
                Optional.empty(),
                false,
                Optional.empty(),
                4100,
                5,
                ApiAuth.API_KEY,
                Duration.ofSeconds(30),
                Optional.empty(),
                def -> List.of(def.code()),
                System.out::println,
                name -> line -> System.out.println("[" + name + "] " + line));
    }

    public RunnerSettings withPort(int p) {
        return with(s -> s.port = p);
    }

    public RunnerSettings withPersistDir(Optional<Path> dir) {
        return with(s -> s.persistDir = dir);
    }

    public RunnerSettings withDirect(boolean d) {
        return with(s -> s.direct = d);
    }

    public RunnerSettings withSchedulePeriod(Optional<Duration> period) {
        return with(s -> s.schedulePeriod = period);
    }

    public RunnerSettings withSandbox(int portBase, int waitSeconds) {
        return with(s -> {
            s.sandboxPortBase = portBase;
            s.sandboxWaitSeconds = waitSeconds;
        });
    }

    public RunnerSettings withApiAuth(ApiAuth auth) {
        return with(s -> s.apiAuth = auth);
    }

    public RunnerSettings withVisibilityTimeout(Duration timeout) {
        return with(s -> s.visibilityTimeout = timeout);
    }

    /** Runs against these real wallets; no wallet sandbox is started. */
    public RunnerSettings withExternalWallets(ExternalWallets wallets) {
        return with(s -> s.externalWallets = Optional.of(wallets));
    }

    public RunnerSettings withCode(Function<FunctionDefinition, List<Path>> locator) {
        return with(s -> s.code = locator);
    }

    public RunnerSettings withOutput(Consumer<String> runnerLog, Function<String, Consumer<String>> functions) {
        return with(s -> {
            s.log = runnerLog;
            s.functionOutput = functions;
        });
    }

    /** A copy of these settings with {@code change} applied to a draft of them. */
    private RunnerSettings with(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.settings();
    }

    /**
     * The withers' mutable copy, one field per component: a wither assigns only the fields it changes, by
     * name, and {@link #settings} builds the record through its canonical constructor.
     */
    private static final class Draft {
        Path repoRoot;
        int port;
        Optional<Path> persistDir;
        boolean direct;
        Optional<Duration> schedulePeriod;
        int sandboxPortBase;
        int sandboxWaitSeconds;
        ApiAuth apiAuth;
        Duration visibilityTimeout;
        Optional<ExternalWallets> externalWallets;
        Function<FunctionDefinition, List<Path>> code;
        Consumer<String> log;
        Function<String, Consumer<String>> functionOutput;

        Draft(RunnerSettings from) {
            repoRoot = from.repoRoot;
            port = from.port;
            persistDir = from.persistDir;
            direct = from.direct;
            schedulePeriod = from.schedulePeriod;
            sandboxPortBase = from.sandboxPortBase;
            sandboxWaitSeconds = from.sandboxWaitSeconds;
            apiAuth = from.apiAuth;
            visibilityTimeout = from.visibilityTimeout;
            externalWallets = from.externalWallets;
            code = from.code;
            log = from.log;
            functionOutput = from.functionOutput;
        }

        RunnerSettings settings() {
            return new RunnerSettings(
                    repoRoot,
                    port,
                    persistDir,
                    direct,
                    schedulePeriod,
                    sandboxPortBase,
                    sandboxWaitSeconds,
                    apiAuth,
                    visibilityTimeout,
                    externalWallets,
                    code,
                    log,
                    functionOutput);
        }
    }
}

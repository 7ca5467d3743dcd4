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
        return new RunnerSettings(
                repoRoot,
                p,
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

    public RunnerSettings withPersistDir(Optional<Path> dir) {
        return new RunnerSettings(
                repoRoot,
                port,
                dir,
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

    public RunnerSettings withDirect(boolean d) {
        return new RunnerSettings(
                repoRoot,
                port,
                persistDir,
                d,
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

    public RunnerSettings withSchedulePeriod(Optional<Duration> period) {
        return new RunnerSettings(
                repoRoot,
                port,
                persistDir,
                direct,
                period,
                sandboxPortBase,
                sandboxWaitSeconds,
                apiAuth,
                visibilityTimeout,
                externalWallets,
                code,
                log,
                functionOutput);
    }

    public RunnerSettings withSandbox(int portBase, int waitSeconds) {
        return new RunnerSettings(
                repoRoot,
                port,
                persistDir,
                direct,
                schedulePeriod,
                portBase,
                waitSeconds,
                apiAuth,
                visibilityTimeout,
                externalWallets,
                code,
                log,
                functionOutput);
    }

    public RunnerSettings withApiAuth(ApiAuth auth) {
        return new RunnerSettings(
                repoRoot,
                port,
                persistDir,
                direct,
                schedulePeriod,
                sandboxPortBase,
                sandboxWaitSeconds,
                auth,
                visibilityTimeout,
                externalWallets,
                code,
                log,
                functionOutput);
    }

    public RunnerSettings withVisibilityTimeout(Duration timeout) {
        return new RunnerSettings(
                repoRoot,
                port,
                persistDir,
                direct,
                schedulePeriod,
                sandboxPortBase,
                sandboxWaitSeconds,
                apiAuth,
                timeout,
                externalWallets,
                code,
                log,
                functionOutput);
    }

    /** Runs against these real wallets; no wallet sandbox is started. */
    public RunnerSettings withExternalWallets(ExternalWallets wallets) {
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
                Optional.of(wallets),
                code,
                log,
                functionOutput);
    }

    public RunnerSettings withCode(Function<FunctionDefinition, List<Path>> locator) {
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
                locator,
                log,
                functionOutput);
    }

    public RunnerSettings withOutput(Consumer<String> runnerLog, Function<String, Consumer<String>> functions) {
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
                runnerLog,
                functions);
    }
}

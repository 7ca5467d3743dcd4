package dev.opfunctions.local;

import dev.opfunctions.aws.local.InvocationResult;
import dev.opfunctions.aws.local.LambdaRuntimeApi;
import dev.opfunctions.aws.local.RicProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A function run the way {@code sam local invoke} runs it, minus Docker: the real AWS Lambda runtime
 * interface client in a child JVM, loading the handler from the function's shaded jar, talking to a
 * loopback Runtime API.
 *
 * <p>Execution environments are replaced as Lambda replaces them: a child that runs past the
 * function's timeout is stopped and a fresh one started, and a child that exits (a crash, an
 * out-of-memory kill, {@code kill -9}) is seen the moment it exits: the invocation it was running
 * fails at once with {@code Runtime.ExitError}, and the next one runs in a fresh child.
 */
public final class RicFunction implements LocalFunction {
    /** JVM options close to the managed java21 runtime's (serial GC, CDS, IPv4 first). */
    static final List<String> JVM_OPTIONS =
            List.of("-XX:+UseSerialGC", "-Xshare:auto", "-Djava.net.preferIPv4Stack=true");

    /** One execution environment: a Runtime API and the child JVM polling it. */
    private record Environment(LambdaRuntimeApi api, RicProcess process) {
        void close() {
            process.close();
            api.close();
        }
    }

    private final FunctionDefinition definition;
    private final List<Path> classpath;
    private final Map<String, String> environment;
    private final Consumer<String> output;
    private final ReentrantLock oneAtATime = new ReentrantLock(true);
    private final Object lifecycle = new Object();
    private volatile Environment current;
    private volatile boolean closed;
    private volatile int replacements;

    private RicFunction(
            FunctionDefinition definition,
            List<Path> classpath,
            Map<String, String> environment,
            Consumer<String> output) {
        this.definition = definition;
        this.classpath = List.copyOf(classpath);
        this.environment = Map.copyOf(environment);
        this.output = output;
    }

    /**
     * Starts the child JVM. It initializes in the background; {@link #awaitInitialized} waits for it.
     *
     * @param classpath the function's code (its shaded jar), before the runtime's own jars
     * @param environment the function's environment variables
     * @param output receives each line the function prints
     */
    public static RicFunction start(
            FunctionDefinition definition,
            List<Path> classpath,
            Map<String, String> environment,
            Consumer<String> output) {
        RicFunction function = new RicFunction(definition, classpath, environment, output);
        synchronized (function.lifecycle) {
            function.current = function.newEnvironment();
        }
        return function;
    }

    private Environment newEnvironment() {
        LambdaRuntimeApi api = LambdaRuntimeApi.start(definition.name(), definition.timeout());
        RicProcess process = RicProcess.start(
                new RicProcess.Spec(
                        definition.name(),
                        definition.handler(),
                        classpath,
                        environment,
                        definition.memoryMb(),
                        new ArrayList<>(JVM_OPTIONS),
                        output),
                api);
        Environment env = new Environment(api, process);
        // Replace a child that dies while idle too, so the next invocation does not pay for noticing it.
        process.onExit().thenRun(() -> replaceAfterExit(env));
        return env;
    }

    /**
     * Waits until the runtime asks for its first event (its init phase is over), reports an init
     * error, or exits. Returns a description of the problem, or null when it is ready.
     */
    public String awaitInitialized(Duration timeout) throws InterruptedException {
        Environment env = current;
        CompletableFuture<Object> any = CompletableFuture.anyOf(
                env.api().firstPoll(), env.api().initError(), env.process().onExit());
        try {
            any.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return "did not initialize within " + timeout.toSeconds() + " s";
        } catch (ExecutionException e) {
            return "failed to start: " + e.getCause();
        }
        if (env.api().initError().isDone()) {
            return "init error: " + env.api().initError().getNow("");
        }
        if (!env.process().isAlive()) {
            return "runtime exited with code " + env.process().onExit().getNow(-1);
        }
        return null;
    }

    @Override
    public FunctionDefinition definition() {
        return definition;
    }

    @Override
    public InvocationResult invoke(String eventJson) throws InterruptedException {
        oneAtATime.lockInterruptibly();
        try {
            Instant start = Instant.now();
            Environment env = liveEnvironment();
            CompletableFuture<InvocationResult> result = env.api().submit(eventJson);
            CompletableFuture<Integer> exit = env.process().onExit();
            try {
                // A cold start's init is not part of Lambda's timeout; allow for it on top.
                CompletableFuture.anyOf(result, exit)
                        .get(definition.timeout().plusSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                output.accept("Task timed out after "
                        + Duration.between(start, Instant.now()).toSeconds()
                        + " seconds; replacing the execution environment");
                replace(env);
                return new InvocationResult.Failure(
                        "timed-out",
                        "Sandbox.Timedout",
                        "{\"errorMessage\":\"Task timed out\",\"errorType\":\"Sandbox.Timedout\"}",
                        Duration.between(start, Instant.now()));
            } catch (ExecutionException e) {
                return new InvocationResult.Failure(
                        "failed",
                        "Runtime.Unknown",
                        "{\"errorMessage\":\"the Runtime API failed\",\"errorType\":\"Runtime.Unknown\"}",
                        Duration.between(start, Instant.now()));
            }
            if (result.isDone()) {
                return result.join();
            }
            // The child exited before answering: Lambda reports the invocation as Runtime.ExitError.
            replace(env);
            return exitError(exit.join(), Duration.between(start, Instant.now()));
        } finally {
            oneAtATime.unlock();
        }
    }

    /** Lambda's error for an invocation whose runtime exited, e.g. "Runtime exited with error: signal: killed". */
    static InvocationResult.Failure exitError(int exitCode, Duration elapsed) {
        // A JVM killed by a signal reports 128 + the signal's number.
        String how = exitCode > 128
                ? "signal: " + (exitCode - 128 == 9 ? "killed" : Integer.toString(exitCode - 128))
                : "exit status " + exitCode;
        return new InvocationResult.Failure(
                "exited",
                "Runtime.ExitError",
                "{\"errorMessage\":\"Runtime exited with error: " + how + "\",\"errorType\":\"Runtime.ExitError\"}",
                elapsed);
    }

    /** The current environment, replaced first if its child has exited and the exit hook has not run yet. */
    private Environment liveEnvironment() {
        synchronized (lifecycle) {
            if (!closed && !current.process().isAlive()) {
                replaceLocked(current, "its runtime had exited");
            }
            return current;
        }
    }

    private void replaceAfterExit(Environment env) {
        synchronized (lifecycle) {
            if (!closed && current == env) {
                replaceLocked(
                        env,
                        "its runtime exited with code " + env.process().onExit().getNow(-1));
            }
        }
    }

    private void replace(Environment env) {
        synchronized (lifecycle) {
            if (!closed && current == env) {
                replaceLocked(env, "it was discarded");
            }
        }
    }

    private void replaceLocked(Environment old, String why) {
        // The new environment becomes current before the old one is stopped, so the old one's exit hook finds nothing
        // to do.
        current = newEnvironment();
        replacements++;
        output.accept("Execution environment replaced (" + why + "); new runtime pid "
                + current.process().pid());
        old.close();
    }

    /** How many times an execution environment has been replaced (crashes and timeouts). */
    public int replacements() {
        return replacements;
    }

    /** The child JVM's process id (it changes when the environment is replaced). */
    public long pid() {
        return current.process().pid();
    }

    @Override
    public String describe() {
        return "runtime interface client, pid " + pid();
    }

    @Override
    public void close() {
        Environment env;
        synchronized (lifecycle) {
            closed = true;
            env = current;
        }
        env.close();
    }
}

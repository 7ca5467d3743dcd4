package dev.opfunctions.local;

import dev.opfunctions.aws.local.InvocationResult;
import dev.opfunctions.aws.local.LambdaRuntimeApi;
import dev.opfunctions.aws.local.RicProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * loopback Runtime API. A child that runs past the function's timeout is replaced by a fresh one,
 * as Lambda discards a timed-out execution environment.
 */
public final class RicFunction implements LocalFunction {
  /** JVM options close to the managed java21 runtime's (serial GC, CDS, IPv4 first). */
  static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xshare:auto", "-Djava.net.preferIPv4Stack=true");

  private final FunctionDefinition definition;
  private final List<Path> classpath;
  private final Map<String, String> environment;
  private final Consumer<String> output;
  private final ReentrantLock oneAtATime = new ReentrantLock(true);
  private volatile LambdaRuntimeApi api;
  private volatile RicProcess process;

  private RicFunction(FunctionDefinition definition, List<Path> classpath, Map<String, String> environment, Consumer<String> output) {
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
  public static RicFunction start(FunctionDefinition definition, List<Path> classpath, Map<String, String> environment,
      Consumer<String> output) {
    RicFunction function = new RicFunction(definition, classpath, environment, output);
    function.launch();
    return function;
  }

  private void launch() {
    List<String> options = new java.util.ArrayList<>(JVM_OPTIONS);
    api = LambdaRuntimeApi.start(definition.name(), definition.timeout());
    process = RicProcess.start(new RicProcess.Spec(definition.name(), definition.handler(), classpath, environment,
        definition.memoryMb(), options, output), api);
  }

  /**
   * Waits until the runtime asks for its first event (its init phase is over), reports an init
   * error, or exits. Returns a description of the problem, or null when it is ready.
   */
  public String awaitInitialized(Duration timeout) throws InterruptedException {
    CompletableFuture<Object> any = CompletableFuture.anyOf(api.firstPoll(), api.initError(), process.onExit());
    try {
      any.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return "did not initialize within " + timeout.toSeconds() + " s";
    } catch (ExecutionException e) {
      return "failed to start: " + e.getCause();
    }
    if (api.initError().isDone()) {
      return "init error: " + api.initError().getNow("");
    }
    if (!process.isAlive()) {
      return "runtime exited with code " + process.onExit().getNow(-1);
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
      CompletableFuture<InvocationResult> result = api.submit(eventJson);
      try {
        // A cold start's init is not part of Lambda's timeout; allow for it on top.
        return result.get(definition.timeout().plusSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        output.accept("Task timed out after " + Duration.between(start, Instant.now()).toSeconds()
            + " seconds; replacing the execution environment");
        restart();
        return new InvocationResult.Failure("timed-out", "Sandbox.Timedout",
            "{\"errorMessage\":\"Task timed out\",\"errorType\":\"Sandbox.Timedout\"}", Duration.between(start, Instant.now()));
      } catch (ExecutionException e) {
        return new InvocationResult.Failure("failed", "Runtime.Unknown",
            "{\"errorMessage\":\"the Runtime API failed\",\"errorType\":\"Runtime.Unknown\"}", Duration.between(start, Instant.now()));
      }
    } finally {
      oneAtATime.unlock();
    }
  }

  @Override
  public String describe() {
    return "runtime interface client, pid " + process.pid();
  }

  private void restart() {
    closeChild();
    launch();
  }

  private void closeChild() {
    process.close();
    api.close();
  }

  @Override
  public void close() {
    closeChild();
  }
}

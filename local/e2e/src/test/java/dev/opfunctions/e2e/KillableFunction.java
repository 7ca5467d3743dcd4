package dev.opfunctions.e2e;

import dev.opfunctions.aws.local.InvocationResult;
import dev.opfunctions.local.FunctionDefinition;
import dev.opfunctions.local.LocalFunction;
import dev.opfunctions.local.RicFunction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * An execution environment (a child JVM run through the runtime interface client) that a test can kill
 * with SIGKILL, as Lambda loses one: at once ({@link #killNow()}), or while it runs the next invocation
 * whose event {@link #killDuring} names, a few milliseconds after handing it over, before it can answer.
 * The runner then reports that invocation as {@code Runtime.ExitError} and starts a new environment.
 */
final class KillableFunction implements LocalFunction {

    private final RicFunction delegate;
    private final Map<Predicate<String>, Boolean> armed = new ConcurrentHashMap<>();
    /** What the invocations the kill landed in came back as. */
    final List<InvocationResult> killedInvocations = new CopyOnWriteArrayList<>();

    KillableFunction(RicFunction delegate) {
        this.delegate = delegate;
    }

    /** Kills the next invocation whose event JSON {@code matches}, once. */
    void killDuring(Predicate<String> matches) {
        armed.put(matches, true);
    }

    /** SIGKILLs the child JVM now. */
    void killNow() {
        ProcessHandle.of(delegate.pid()).ifPresent(ProcessHandle::destroyForcibly);
    }

    @Override
    public InvocationResult invoke(String eventJson) throws InterruptedException {
        Predicate<String> hit = armed.keySet().stream()
                .filter(p -> p.test(eventJson))
                .findFirst()
                .orElse(null);
        if (hit == null || armed.remove(hit) == null) return delegate.invoke(eventJson);
        long pid = delegate.pid();
        Thread.ofVirtual().start(() -> {
            try {
                // Long enough for the event to be handed to the runtime, far too short for it to be handled.
                Thread.sleep(Duration.ofMillis(5));
            } catch (InterruptedException e) {
                return;
            }
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        });
        InvocationResult result = delegate.invoke(eventJson);
        killedInvocations.add(result);
        return result;
    }

    @Override
    public FunctionDefinition definition() {
        return delegate.definition();
    }

    @Override
    public String describe() {
        return delegate.describe() + " (killable by the test)";
    }

    @Override
    public void close() {
        delegate.close();
    }
}

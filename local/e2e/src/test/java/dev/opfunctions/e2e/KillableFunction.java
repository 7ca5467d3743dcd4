package dev.opfunctions.e2e;

import dev.opfunctions.aws.local.InvocationResult;
import dev.opfunctions.local.FunctionDefinition;
import dev.opfunctions.local.LocalFunction;
import dev.opfunctions.local.RicFunction;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An execution environment (a child JVM run through the runtime interface client) that a test can kill
 * with SIGKILL ({@link #killNow()}), as Lambda loses one; the runner then reports the invocation it was
 * running as {@code Runtime.ExitError} and starts a new environment. Keeps what failed invocations came
 * back as, so a test can tell that its kill landed mid-invocation.
 */
final class KillableFunction implements LocalFunction {

    private final RicFunction delegate;
    /** The invocations that came back failed, in order. */
    final List<InvocationResult.Failure> failures = new CopyOnWriteArrayList<>();

    KillableFunction(RicFunction delegate) {
        this.delegate = delegate;
    }

    /** SIGKILLs the child JVM now. */
    void killNow() {
        ProcessHandle.of(delegate.pid()).ifPresent(ProcessHandle::destroyForcibly);
    }

    @Override
    public InvocationResult invoke(String eventJson) throws InterruptedException {
        InvocationResult result = delegate.invoke(eventJson);
        if (result instanceof InvocationResult.Failure f) failures.add(f);
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

package dev.opfunctions.local;

import dev.opfunctions.aws.local.InvocationResult;
import java.util.List;

/**
 * A function the runner can invoke with an event in Lambda's JSON form, getting back the JSON its
 * handler returned (or Lambda's error document). Both ways of running a function, the runtime
 * interface client in a child JVM and a direct call inside the runner, take and give the same JSON,
 * so everything in front of them (gateway, SQS poller, schedule) is the same in both modes.
 */
public interface LocalFunction extends AutoCloseable {

    /** The function as the template defines it. */
    FunctionDefinition definition();

    /**
     * Invokes the function once and waits for the result. Invocations of one execution environment run
     * one at a time, as in Lambda (a {@link FunctionPool} of N runs up to N at once); a call that runs past
     * the function's timeout comes back as a {@code Sandbox.Timedout} failure.
     */
    InvocationResult invoke(String eventJson) throws InterruptedException;

    /** How the function runs, for the start-up summary (e.g. "runtime interface client, pid 1234"). */
    String describe();

    /** The execution environments behind this function: itself, or a {@link FunctionPool}'s. */
    default List<LocalFunction> environments() {
        return List.of(this);
    }

    @Override
    void close();
}

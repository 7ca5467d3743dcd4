package dev.opfunctions.aws.local;

import java.time.Duration;

/** What a function run through {@link LambdaRuntimeApi} answered to one invocation. */
public sealed interface InvocationResult {
    /** The request id the Runtime API gave this invocation. */
    String requestId();

    /** Time from submitting the event to receiving the answer (includes queueing behind a cold start). */
    Duration elapsed();

    /** The handler returned; {@code payload} is the serialized response JSON. */
    record Success(String requestId, String payload, Duration elapsed) implements InvocationResult {}

    /**
     * The handler threw, or the runtime could not start ({@code errorType} from the
     * {@code Lambda-Runtime-Function-Error-Type} header; {@code errorDocument} is the runtime's JSON,
     * e.g. {@code {"errorMessage":…,"errorType":…,"stackTrace":[…]}}).
     */
    record Failure(String requestId, String errorType, String errorDocument, Duration elapsed)
            implements InvocationResult {}
}

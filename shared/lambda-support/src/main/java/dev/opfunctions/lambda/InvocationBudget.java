package dev.opfunctions.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.opfunctions.client.Deadline;
import java.time.Duration;

/**
 * The time budgets the functions' wallet calls live within (see {@link Deadline}): an invocation's
 * is what Lambda says is left of its timeout minus {@link #LAMBDA_MARGIN}; a request through the
 * HTTP API is also held to the API's integration timeout minus {@link #HTTP_API_MARGIN}. Where both
 * apply the earlier wins.
 */
public final class InvocationBudget {

    /** Left at the end of every invocation for recording the last wallet answer and returning. */
    public static final Duration LAMBDA_MARGIN = Duration.ofSeconds(2);

    /** The HTTP API's integration timeout (template.yaml, {@code TimeoutInMillis: 30000}; 30 s is API Gateway's maximum). */
    public static final Duration HTTP_API_TIMEOUT = Duration.ofSeconds(30);

    /** Left of the integration timeout for API Gateway's own hops and a cold start's extra latency. */
    public static final Duration HTTP_API_MARGIN = Duration.ofSeconds(2);

    private InvocationBudget() {}

    /** What is left of this invocation, as Lambda reports it, minus the margin. */
    public static Deadline of(Context context) {
        return Deadline.after(
                Duration.ofMillis(context.getRemainingTimeInMillis()).minus(LAMBDA_MARGIN));
    }

    /** A request that arrived through the HTTP API just now. */
    public static Deadline httpApiRequest() {
        return httpApiRequest(0, System.currentTimeMillis());
    }

    /**
     * A request API Gateway received at {@code receivedEpochMillis} (the event's
     * {@code requestContext.timeEpoch}), so that a cold start or a wait before the handler ran is
     * counted too. A time that is unknown (0), in the future, or older than the integration timeout
     * cannot be live API Gateway traffic (a replayed sample event, a skewed clock): the budget then
     * counts from {@code nowEpochMillis}.
     */
    public static Deadline httpApiRequest(long receivedEpochMillis, long nowEpochMillis) {
        long waited = nowEpochMillis - receivedEpochMillis;
        boolean plausible = receivedEpochMillis > 0 && waited >= 0 && waited < HTTP_API_TIMEOUT.toMillis();
        return Deadline.after(HTTP_API_TIMEOUT.minus(HTTP_API_MARGIN).minusMillis(plausible ? waited : 0));
    }
}

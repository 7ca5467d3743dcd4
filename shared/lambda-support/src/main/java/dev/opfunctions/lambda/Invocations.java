package dev.opfunctions.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.opfunctions.checkout.command.CommandCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Wraps each invocation in Powertools' logging context (request id, cold start, function name and
 * service on every line; log level and sampling from the Powertools variables) and names the
 * checkout it is about in the logging context as soon as it is known: from the route path for HTTP
 * requests, from each message's command for SQS batches. The context is cleared when the
 * invocation ends, so nothing carries over to the next one on a warm container.
 */
public final class Invocations {

    private static final Pattern CHECKOUT_PATH =
            Pattern.compile(".*/(?:checkouts|finish)/([A-Za-z0-9-]{1,64})(?:/.*)?");

    private Invocations() {}

    /**
     * Runs {@code body} as one invocation, under the time budget {@code context} reports
     * ({@link InvocationBudget#of}); {@code context} may be null (tests call handlers without one).
     */
    public static <T> T run(Context context, Supplier<T> body) {
        if (context == null) {
            try {
                return body.get();
            } finally {
                MDC.clear();
            }
        }
        // Every wallet call of the invocation is held to what is left of it (InvocationBudget).
        return PowertoolsLogging.withLogging(
                context, () -> InvocationBudget.of(context).run(body));
    }

    /** An HTTP API request; a path naming a checkout ({@code /checkouts/{id}…}, {@code /finish/{id}}) sets the log's checkout id. */
    public static APIGatewayV2HTTPResponse http(
            APIGatewayV2HTTPEvent event,
            Context context,
            Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        return run(context, () -> {
            LogContext.checkout(checkoutIdInPath(event == null ? null : event.getRawPath()));
            return handler.apply(event);
        });
    }

    /**
     * An SQS batch, handed to {@code batch} one message at a time so that each message's lines carry
     * its own checkout id; the failures of all messages are reported together.
     */
    public static SQSBatchResponse sqs(SQSEvent event, Context context, Function<SQSEvent, SQSBatchResponse> batch) {
        return run(context, () -> {
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            List<SQSEvent.SQSMessage> records =
                    event == null || event.getRecords() == null ? List.of() : event.getRecords();
            for (SQSEvent.SQSMessage message : records) {
                try {
                    LogContext.checkout(checkoutIdInBody(message.getBody()));
                    SQSEvent single = new SQSEvent();
                    single.setRecords(List.of(message));
                    SQSBatchResponse response = batch.apply(single);
                    if (response != null && response.getBatchItemFailures() != null)
                        failures.addAll(response.getBatchItemFailures());
                } finally {
                    LogContext.clearCheckout();
                }
            }
            return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
        });
    }

    static String checkoutIdInPath(String rawPath) {
        if (rawPath == null) return null;
        Matcher m = CHECKOUT_PATH.matcher(rawPath);
        return m.matches() ? m.group(1) : null;
    }

    private static String checkoutIdInBody(String body) {
        try {
            return CommandCodec.decode(body).checkoutId();
        } catch (RuntimeException e) {
            return null; // the batch logs and reports an unreadable message itself
        }
    }
}

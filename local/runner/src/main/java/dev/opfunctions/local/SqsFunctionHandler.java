package dev.opfunctions.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.aws.local.InvocationResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets {@link dev.opfunctions.aws.local.SqsLambdaPoller} (the local SQS event source mapping) drive
 * a {@link LocalFunction}: the batch goes out as the JSON Lambda sends ({@code Records},
 * {@code eventSourceARN}, ...), and the function's {@code batchItemFailures} come back. A function
 * error is thrown, so the poller fails the whole batch as Lambda does.
 */
public final class SqsFunctionHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PojoSerializer<SQSEvent> EVENTS =
            LambdaEventSerializers.serializerFor(SQSEvent.class, SqsFunctionHandler.class.getClassLoader());

    private final LocalFunction function;
    private final boolean reportBatchItemFailures;

    /**
     * @param reportBatchItemFailures the event source's {@code FunctionResponseTypes} names
     *     {@code ReportBatchItemFailures}; without it, a returned failure list is ignored as on AWS
     */
    public SqsFunctionHandler(LocalFunction function, boolean reportBatchItemFailures) {
        this.function = function;
        this.reportBatchItemFailures = reportBatchItemFailures;
    }

    /** The JSON Lambda's SQS event source mapping sends for {@code event}. */
    public static String toJson(SQSEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EVENTS.toJson(event, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        InvocationResult result;
        try {
            result = function.invoke(toJson(event));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while " + function.definition().name() + " ran", e);
        }
        return switch (result) {
            case InvocationResult.Failure f ->
                throw new FunctionFailedException(function.definition().name(), f);
            case InvocationResult.Success s ->
                reportBatchItemFailures ? batchResponse(s.payload()) : new SQSBatchResponse(List.of());
        };
    }

    static SQSBatchResponse batchResponse(String payload) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        try {
            JsonNode root = JSON.readTree(payload == null ? "" : payload);
            JsonNode items = root == null ? null : root.get("batchItemFailures");
            if (items != null && items.isArray()) {
                // A null or blank identifier is kept: the poller then fails the whole batch, as Lambda does.
                items.forEach(i -> failures.add(new SQSBatchResponse.BatchItemFailure(
                        i.hasNonNull("itemIdentifier") ? i.get("itemIdentifier").asText() : null)));
            }
        } catch (IOException e) {
            throw new IllegalStateException("the function's batch response is not JSON", e);
        }
        return new SQSBatchResponse(failures);
    }

    /** A function invocation that ended in an error; its message is the runtime's error type and message. */
    public static final class FunctionFailedException extends RuntimeException {
        FunctionFailedException(String function, InvocationResult.Failure failure) {
            super(function + " failed (" + failure.errorType() + "): " + abbreviate(failure.errorDocument()));
        }

        private static String abbreviate(String s) {
            return s.length() > 500 ? s.substring(0, 500) + "…" : s;
        }
    }
}

package dev.opfunctions.local;

import dev.opfunctions.aws.local.EventFilter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code AWS::Serverless::Function} of the template, with {@code Globals} applied and its
 * environment resolved for the local stack.
 *
 * @param logicalId the resource's logical id, e.g. {@code StartCheckoutFunction}
 * @param name a short name for logs and the Runtime API: the code artifact's base name, e.g. {@code start-checkout}
 * @param handler {@code package.Class::method}
 * @param code the {@code CodeUri} artifact, resolved against the repository root
 * @param memoryMb {@code MemorySize}
 * @param timeout {@code Timeout}
 * @param environment the resolved {@code Environment.Variables}
 * @param events the function's event sources
 */
public record FunctionDefinition(
        String logicalId,
        String name,
        String handler,
        Path code,
        int memoryMb,
        Duration timeout,
        Map<String, String> environment,
        List<EventSource> events) {

    public FunctionDefinition {
        environment = Map.copyOf(environment);
        events = List.copyOf(events);
    }

    /** An event source of a function, as far as the local runner drives it. */
    public sealed interface EventSource {
        /** The event's name in the template's {@code Events} map. */
        String name();
    }

    /**
     * An SQS event source mapping.
     *
     * @param maximumConcurrency its {@code ScalingConfig.MaximumConcurrency}: the most invocations it starts at
     *     once; empty when the template sets none (Lambda then scales out up to the function's concurrency)
     */
    public record SqsSource(
            String name,
            String queueLogicalId,
            int batchSize,
            boolean reportBatchItemFailures,
            OptionalInt maximumConcurrency)
            implements EventSource {}

    /**
     * A DynamoDB stream event source mapping.
     *
     * @param streamArn the local stream's ARN ({@code !GetAtt Table.StreamArn} resolved)
     * @param startingPosition {@code TRIM_HORIZON} or {@code LATEST}
     * @param maximumRetryAttempts -1 when the template sets none (Lambda retries until the record expires)
     * @param onFailureQueueArn {@code DestinationConfig.OnFailure.Destination}, an SQS queue's ARN
     * @param filter its {@code FilterCriteria}; empty when the template sets none (every record passes)
     */
    public record DynamoDbSource(
            String name,
            String streamArn,
            String startingPosition,
            int batchSize,
            int maximumRetryAttempts,
            boolean bisectBatchOnFunctionError,
            boolean reportBatchItemFailures,
            Optional<String> onFailureQueueArn,
            Optional<EventFilter> filter)
            implements EventSource {}

    /** An EventBridge schedule, e.g. {@code rate(1 minute)}. */
    public record ScheduleSource(String name, String expression) implements EventSource {}

    /** The handler's class name (the part before {@code ::}). */
    public String handlerClass() {
        int sep = handler.indexOf("::");
        return sep < 0 ? handler : handler.substring(0, sep);
    }
}

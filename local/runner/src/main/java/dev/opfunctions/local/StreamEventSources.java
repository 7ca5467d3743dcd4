package dev.opfunctions.local;

import dev.opfunctions.aws.local.DynamoDbStreamPoller;
import dev.opfunctions.aws.local.LocalDynamoDb;
import dev.opfunctions.aws.local.TemplateResources;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Starts the local DynamoDB stream event source mapping of a function ({@code Type: DynamoDB} events)
 * against the local table's stream, with its on-failure destination among the template's queues.
 */
final class StreamEventSources {
    /** Lambda polls a shard about four times a second when it finds nothing; 100 ms keeps local runs snappy. */
    static final Duration IDLE_POLL = Duration.ofMillis(100);

    private StreamEventSources() {}

    static DynamoDbStreamPoller start(
            FunctionDefinition definition,
            FunctionDefinition.DynamoDbSource source,
            LocalFunction function,
            LocalDynamoDb dynamoDb,
            SqsClient sqs,
            TemplateResources resources) {
        Optional<DynamoDbStreamPoller.OnFailure> onFailure = source.onFailureQueueArn()
                .map(arn -> new DynamoDbStreamPoller.OnFailure(
                        sqs, queueByArn(resources, arn).url()));
        DynamoDbStreamPoller poller = new DynamoDbStreamPoller(
                dynamoDb.streams(),
                source.streamArn(),
                function::invoke,
                new DynamoDbStreamPoller.Settings(
                        definition.name(),
                        source.startingPosition(),
                        source.batchSize(),
                        source.maximumRetryAttempts(),
                        source.bisectBatchOnFunctionError(),
                        source.reportBatchItemFailures(),
                        IDLE_POLL),
                onFailure,
                source.filter());
        poller.start();
        return poller;
    }

    /** The start-up summary's line, e.g. "DynamoDB stream of payments -> deliver-events (…)". */
    static String describe(
            FunctionDefinition definition, FunctionDefinition.DynamoDbSource source, TemplateResources resources) {
        String table = source.streamArn().replaceFirst(".*:table/([^/]+)/stream/.*", "$1");
        return "DynamoDB stream of " + table + " -> " + definition.name() + " (from " + source.startingPosition()
                + ", batches of up to " + source.batchSize() + ", one at a time, "
                + (source.maximumRetryAttempts() < 0
                        ? "retries until trimmed"
                        : source.maximumRetryAttempts() + " retries")
                + (source.bisectBatchOnFunctionError() ? ", bisect on error" : "")
                + (source.reportBatchItemFailures() ? ", partial batch failures" : "")
                + source.filter()
                        .map(f -> ", filtered by " + f.patterns().size()
                                + (f.patterns().size() == 1 ? " pattern" : " patterns"))
                        .orElse("")
                + source.onFailureQueueArn()
                        .map(arn -> ", given-up batches to "
                                + queueByArn(resources, arn).name())
                        .orElse(", given-up batches only logged")
                + "; the position is not kept across restarts)";
    }

    private static TemplateResources.LocalQueue queueByArn(TemplateResources resources, String arn) {
        return resources.queues().values().stream()
                .filter(q -> q.arn().equals(arn))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("OnFailure destination " + arn
                        + " is not a queue of the template (the local stack sends only to SQS)"));
    }
}

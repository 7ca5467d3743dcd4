package dev.opfunctions.aws.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * What {@link DynamoDbStreamPoller} does after the function answered a batch: nothing more, retry
 * (all of it, or from the lowest reported failure), split it in two, or give it up. Kept apart from
 * the loop so the rules read in one place.
 */
final class StreamBatches {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Records in stream order and the retries already spent on them. */
    record Batch(List<Record> records, int attempts) {
        Batch {
            records = List.copyOf(records);
        }
    }

    /**
     * @param retry batches to hand over next, in order (empty when the batch is done)
     * @param givenUp records reported to the on-failure destination (empty unless retries ran out)
     * @param condition the on-failure record's condition
     * @param invokeCount how many times the given-up records were handed over
     * @param functionError {@code Unhandled} after a function error, null after reported item failures
     */
    record Next(List<Batch> retry, List<Record> givenUp, String condition, int invokeCount, String functionError) {
        static final Next DONE = new Next(List.of(), List.of(), null, 0, null);
    }

    private final DynamoDbStreamPoller.Settings settings;

    StreamBatches(DynamoDbStreamPoller.Settings settings) {
        this.settings = settings;
    }

    Next after(Batch batch, InvocationResult result) {
        List<Record> remaining;
        String functionError = null;
        switch (result) {
            case InvocationResult.Failure ignored -> {
                remaining = batch.records();
                functionError = "Unhandled";
            }
            case InvocationResult.Success s -> {
                if (!settings.reportBatchItemFailures()) return Next.DONE;
                int from = firstFailed(batch.records(), s.payload());
                if (from < 0) return Next.DONE;
                remaining = batch.records().subList(from, batch.records().size());
            }
        }
        int attempts = batch.attempts() + 1;
        int maximum = settings.maximumRetryAttempts();
        if (maximum < 0 || attempts <= maximum) {
            return new Next(List.of(new Batch(remaining, attempts)), List.of(), null, 0, null);
        }
        if (settings.bisectBatchOnFunctionError() && remaining.size() > 1) {
            int half = remaining.size() / 2;
            return new Next(
                    List.of(
                            new Batch(remaining.subList(0, half), 0),
                            new Batch(remaining.subList(half, remaining.size()), 0)),
                    List.of(),
                    null,
                    0,
                    null);
        }
        return new Next(List.of(), remaining, "RetryAttemptsExhausted", attempts, functionError);
    }

    /**
     * The index of the lowest record the answer's {@code batchItemFailures} name, -1 when it names
     * none, 0 (the whole batch) when an identifier is missing, blank or not in the batch, or the answer
     * is not JSON: Lambda treats those as a failure of the whole batch.
     */
    static int firstFailed(List<Record> records, String payload) {
        JsonNode failures;
        try {
            JsonNode root = JSON.readTree(payload == null ? "" : payload);
            failures = root == null ? null : root.get("batchItemFailures");
        } catch (IOException notJson) {
            return 0;
        }
        if (failures == null || failures.isNull() || (failures.isArray() && failures.isEmpty())) return -1;
        if (!failures.isArray()) return 0;
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < records.size(); i++)
            index.putIfAbsent(records.get(i).dynamodb().sequenceNumber(), i);
        int lowest = Integer.MAX_VALUE;
        for (JsonNode failure : failures) {
            JsonNode id = failure.get("itemIdentifier");
            Integer at = id == null || !id.isTextual() ? null : index.get(id.asText());
            if (at == null) return 0;
            lowest = Math.min(lowest, at);
        }
        return lowest;
    }
}

package dev.opfunctions.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.opfunctions.checkout.command.CommandCodec;
import dev.opfunctions.client.Deadline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import org.slf4j.MDC;

/**
 * Runs the messages of one SQS batch, each on its own ({@link Invocations#sqs}): the messages about one
 * checkout one after another in the batch's order, as a single thread would, so they never race each
 * other; those about different checkouts at the same time, up to {@link #AT_ONCE}. A message spends its time
 * waiting on wallets and DynamoDB, not on the CPU, so a batch of ten different checkouts takes about as long
 * as its slowest message instead of the sum of all ten. Each message runs under the invocation's deadline
 * and logging context (request id, function) and logs its own checkout id.
 */
final class BatchMessages {

    /** At most this many checkouts of a batch at once: the template's batch size. */
    static final int AT_ONCE = 10;

    private BatchMessages() {}

    /** The failures of every message, in the batch's order. */
    static List<SQSBatchResponse.BatchItemFailure> run(
            List<SQSEvent.SQSMessage> records, Function<SQSEvent, SQSBatchResponse> batch) {
        Map<String, List<SQSEvent.SQSMessage>> byCheckout = new LinkedHashMap<>();
        for (SQSEvent.SQSMessage m : records) {
            String checkout = checkoutIdInBody(m.getBody());
            // An unreadable message names no checkout: it runs alone (it only fails).
            byCheckout
                    .computeIfAbsent(
                            checkout != null ? checkout : "message " + m.getMessageId(), k -> new ArrayList<>())
                    .add(m);
        }
        Map<String, List<SQSBatchResponse.BatchItemFailure>> failuresById = new LinkedHashMap<>();
        if (byCheckout.size() <= 1) {
            for (List<SQSEvent.SQSMessage> group : byCheckout.values()) failuresById.putAll(inOrder(group, batch));
        } else {
            Map<String, String> logContext = MDC.getCopyOfContextMap();
            List<FutureTask<Map<String, List<SQSBatchResponse.BatchItemFailure>>>> running = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(
                    Math.min(AT_ONCE, byCheckout.size()), Thread.ofVirtual().factory())) {
                var withDeadline = Deadline.propagating(pool);
                for (List<SQSEvent.SQSMessage> group : byCheckout.values()) {
                    FutureTask<Map<String, List<SQSBatchResponse.BatchItemFailure>>> task = new FutureTask<>(() -> {
                        if (logContext != null) MDC.setContextMap(logContext);
                        try {
                            return inOrder(group, batch);
                        } finally {
                            MDC.clear();
                        }
                    });
                    withDeadline.execute(task);
                    running.add(task);
                }
                for (FutureTask<Map<String, List<SQSBatchResponse.BatchItemFailure>>> task : running)
                    failuresById.putAll(outcome(task));
            }
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage m : records) failures.addAll(failuresById.getOrDefault(m.getMessageId(), List.of()));
        return failures;
    }

    /** One checkout's messages, one at a time; the failures each reported, by message id. */
    private static Map<String, List<SQSBatchResponse.BatchItemFailure>> inOrder(
            List<SQSEvent.SQSMessage> group, Function<SQSEvent, SQSBatchResponse> batch) {
        Map<String, List<SQSBatchResponse.BatchItemFailure>> out = new LinkedHashMap<>();
        for (SQSEvent.SQSMessage message : group) {
            try {
                LogContext.checkout(checkoutIdInBody(message.getBody()));
                SQSEvent single = new SQSEvent();
                single.setRecords(List.of(message));
                SQSBatchResponse response = batch.apply(single);
                out.put(
                        message.getMessageId(),
                        response == null || response.getBatchItemFailures() == null
                                ? List.of()
                                : response.getBatchItemFailures());
            } finally {
                LogContext.clearCheckout();
            }
        }
        return out;
    }

    private static <T> T outcome(FutureTask<T> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a batch's messages ran", e);
        } catch (ExecutionException e) {
            // As on one thread: what the batch function itself throws fails the invocation.
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    static String checkoutIdInBody(String body) {
        try {
            return CommandCodec.decode(body).checkoutId();
        } catch (RuntimeException e) {
            return null; // the batch logs and reports an unreadable message itself
        }
    }
}

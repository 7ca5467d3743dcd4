package dev.opfunctions.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Waits until an SQS queue is drained: no visible and no in-flight message. A poller holds the
 * message it is handling in flight until it deletes it (or its visibility lapses and it is visible
 * again), so a drained queue also means no handler is still at work on a command, and a test can then
 * assert that nothing else happened without guessing how long "long enough" is.
 *
 * <p>Delayed messages do not count: the functions delay commands until a deadline or due date on the
 * shared test clock (a consent's expiry, the next installment), which tests jump forward while SQS
 * delays run on the wall clock, so those messages would only become visible minutes after a test has
 * finished. Their number is still reported when the wait times out.
 */
final class QueueIdle {

    private static final List<QueueAttributeName> COUNTS = List.of(
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);

    private QueueIdle() {}

    /** Returns once the queue is drained; fails with the last counts seen if it is not within {@code timeout}. */
    static void await(SqsClient sqs, String queueUrl, Duration timeout) {
        Awaitility.await("queue " + queueUrl + " has no visible and no in-flight message")
                .atMost(timeout)
                .pollInSameThread()
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> counts(sqs, queueUrl), QueueIdle::drained);
    }

    private static boolean drained(Map<QueueAttributeName, String> counts) {
        return "0".equals(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                && "0".equals(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static Map<QueueAttributeName, String> counts(SqsClient sqs, String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(COUNTS))
                .attributes();
    }
}

package dev.opfunctions.aws.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code LocalSqs.start(Optional.of(dir))}: ElasticMQ's H2 message storage brings back, after a stop,
 * the queue with its redrive policy, a visible message, a message still in flight (returning when its
 * visibility timeout ends, with its receive count), a delayed one (still delayed), and the DLQ's.
 */
class PersistentSqsTest {

    @TempDir
    Path dir;

    @Test
    void queuesAndEveryKindOfMessageComeBackAfterAStop() throws Exception {
        try (LocalSqs sqs = LocalSqs.start(Optional.of(dir))) {
            SqsClient c = sqs.client();
            String dlq = c.createQueue(b -> b.queueName("commands-dlq")).queueUrl();
            String redrive =
                    "{\"deadLetterTargetArn\":\"" + LocalSqs.queueArn("commands-dlq") + "\",\"maxReceiveCount\":\"5\"}";
            String queue = c.createQueue(b -> b.queueName("commands")
                            .attributes(Map.of(
                                    QueueAttributeName.VISIBILITY_TIMEOUT,
                                    "2",
                                    QueueAttributeName.REDRIVE_POLICY,
                                    redrive)))
                    .queueUrl();
            c.sendMessage(b -> b.queueUrl(queue).messageBody("in-flight"));
            assertEquals("in-flight", receive(c, queue).body());
            c.sendMessage(b -> b.queueUrl(queue).messageBody("visible"));
            c.sendMessage(b -> b.queueUrl(queue).messageBody("delayed").delaySeconds(600));
            c.sendMessage(b -> b.queueUrl(dlq).messageBody("dead"));
        }

        try (LocalSqs sqs = LocalSqs.start(Optional.of(dir))) {
            SqsClient c = sqs.client();
            String queue = c.getQueueUrl(b -> b.queueName("commands")).queueUrl();
            String dlq = c.getQueueUrl(b -> b.queueName("commands-dlq")).queueUrl();
            var policy = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(c.getQueueAttributes(
                                    b -> b.queueUrl(queue).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                            .attributes()
                            .get(QueueAttributeName.REDRIVE_POLICY));
            assertEquals(
                    LocalSqs.queueArn("commands-dlq"),
                    policy.path("deadLetterTargetArn").asText());
            assertEquals(5, policy.path("maxReceiveCount").asInt());
            assertEquals(
                    "1",
                    c.getQueueAttributes(b -> b.queueUrl(queue)
                                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                            .attributes()
                            .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED),
                    "the delayed message is kept and still delayed");

            Message visible = receive(c, queue);
            Message inFlightAgain = receive(c, queue);
            assertEquals("visible", visible.body());
            assertEquals("in-flight", inFlightAgain.body());
            assertEquals(
                    "2",
                    inFlightAgain.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT),
                    "its first receive, before the stop, still counts");
            assertEquals("dead", receive(c, dlq).body());
        }
    }

    @Test
    void aSecondPersistentServerInTheSameJvmIsRefusedWhileTheFirstRuns() {
        try (LocalSqs first = LocalSqs.start(Optional.of(dir))) {
            assertTrue(first.client().listQueues().queueUrls().isEmpty());
            IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalStateException.class, () -> LocalSqs.start(Optional.of(dir.resolve("other"))));
            assertTrue(refused.getMessage().contains("one persistent ElasticMQ per JVM"), refused.getMessage());
        }
    }

    /** One message, waiting up to 5 s (the in-flight one is back after its 2 s visibility timeout). */
    private static Message receive(SqsClient c, String queue) {
        List<Message> got = c.receiveMessage(b -> b.queueUrl(queue)
                        .waitTimeSeconds(5)
                        .maxNumberOfMessages(1)
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .messages();
        if (got.isEmpty()) throw new AssertionError("no message in " + queue);
        return got.get(0);
    }
}

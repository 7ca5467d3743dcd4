package dev.opfunctions.aws.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * What the product relies on from SQS, checked against the queue emulator the project uses
 * (ElasticMQ): redrive to the dead-letter queue after {@code maxReceiveCount}, the visibility timeout
 * and {@code ChangeMessageVisibility}, {@code DelaySeconds}, batch receive, and partial batch failures
 * as {@link SqsLambdaPoller} reports them.
 *
 * <p>{@code -Dsqs.fidelity.emulators=elasticmq,moto} also runs it against SQS on moto (as
 * {@link MotoServer} runs it), the alternative this choice was measured against; each emulator's
 * start-up time (to a created queue) is printed.
 */
class SqsFidelityTest {
    private static final AtomicInteger QUEUES = new AtomicInteger();
    private static final List<Emulator> STARTED = Collections.synchronizedList(new ArrayList<>());

    /** One running SQS emulator. */
    record Emulator(String name, SqsClient client, AutoCloseable server) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Emulator> emulators() {
        String wanted = System.getProperty("sqs.fidelity.emulators", "elasticmq");
        return Arrays.stream(wanted.split(",")).map(String::trim).map(SqsFidelityTest::start);
    }

    private static Emulator start(String name) {
        long begin = System.nanoTime();
        Emulator emulator = switch (name) {
            case "elasticmq" -> {
                LocalSqs sqs = LocalSqs.start();
                yield new Emulator(name, sqs.client(), sqs);
            }
            case "moto" -> {
                MotoServer moto = MotoServer.start();
                yield new Emulator(name, LocalAws.build(SqsClient.builder(), moto.endpoint()), moto);
            }
            default -> throw new IllegalArgumentException("unknown SQS emulator " + name + " (elasticmq, moto)");
        };
        emulator.client().createQueue(b -> b.queueName("warm-up"));
        System.out.printf(
                "SQS emulator %s: started and created a queue in %d ms%n",
                name, (System.nanoTime() - begin) / 1_000_000);
        STARTED.add(emulator);
        return emulator;
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (Emulator e : STARTED) {
            e.client().close();
            e.server().close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emulators")
    void reportedFailuresComeBackAfterTheVisibilityTimeoutThenGoToTheDeadLetterQueue(Emulator emulator) {
        SqsClient sqs = emulator.client();
        String dlq = queue(sqs, Map.of());
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        String work = queue(
                sqs,
                Map.of(
                        QueueAttributeName.VISIBILITY_TIMEOUT,
                        "1",
                        QueueAttributeName.REDRIVE_POLICY,
                        "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"2\"}"));
        sqs.sendMessage(b -> b.queueUrl(work).messageBody("good"));
        sqs.sendMessage(b -> b.queueUrl(work).messageBody("poison"));
        List<String> poisonReceiveCounts = Collections.synchronizedList(new ArrayList<>());
        List<String> goodDeliveries = Collections.synchronizedList(new ArrayList<>());
        SqsLambdaPoller poller = new SqsLambdaPoller(
                sqs,
                work,
                "arn:aws:sqs:us-east-1:000000000000:work",
                (event, context) -> {
                    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
                    for (SQSEvent.SQSMessage m : event.getRecords()) {
                        if (m.getBody().equals("poison")) {
                            poisonReceiveCounts.add(m.getAttributes().get("ApproximateReceiveCount"));
                            failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
                        } else {
                            goodDeliveries.add(m.getBody());
                        }
                    }
                    return new SQSBatchResponse(failures);
                },
                new SqsLambdaPoller.Settings("fidelity", 10, 1, Duration.ofSeconds(5)));

        assertTrue(poller.drainUntilIdle(Duration.ofSeconds(20)), "the poller never went idle");

        assertEquals(List.of("1", "2"), poisonReceiveCounts);
        assertEquals(List.of("good"), goodDeliveries, "a success was redelivered: it was not deleted");
        List<String> dead =
                sqs.receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(1)).messages().stream()
                        .map(Message::body)
                        .toList();
        assertEquals(List.of("poison"), dead);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emulators")
    void receivedMessageStaysHiddenUntilChangeMessageVisibilityReleasesIt(Emulator emulator) {
        SqsClient sqs = emulator.client();
        String url = queue(sqs, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("m"));
        Message first = receiveOne(sqs, url, 1);

        assertEquals(
                List.of(),
                sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages(),
                "visible during its timeout");
        sqs.changeMessageVisibility(
                b -> b.queueUrl(url).receiptHandle(first.receiptHandle()).visibilityTimeout(0));
        Message again = receiveOne(sqs, url, 1);

        assertEquals(first.messageId(), again.messageId());
        assertEquals("2", again.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emulators")
    void delayedMessageIsInvisibleForItsDelaySeconds(Emulator emulator) {
        SqsClient sqs = emulator.client();
        String url = queue(sqs, Map.of());
        long sentAt = System.nanoTime();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("later").delaySeconds(2));

        assertEquals(List.of(), sqs.receiveMessage(b -> b.queueUrl(url)).messages(), "delivered before its delay");
        Message delivered = receiveOne(sqs, url, 5);

        assertEquals("later", delivered.body());
        assertTrue(System.nanoTime() - sentAt >= Duration.ofMillis(1900).toNanos(), "delivered before its delay");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emulators")
    void batchReceiveReturnsUpToTenMessagesEachOnce(Emulator emulator) {
        SqsClient sqs = emulator.client();
        String url = queue(sqs, Map.of());
        sqs.sendMessageBatch(b -> b.queueUrl(url)
                .entries(IntStream.range(0, 10)
                        .mapToObj(i -> SendMessageBatchRequestEntry.builder()
                                .id("e" + i)
                                .messageBody("m" + i)
                                .build())
                        .toList()));

        Set<String> bodies = new HashSet<>();
        int firstBatch = -1;
        for (int attempt = 0; attempt < 5 && bodies.size() < 10; attempt++) {
            List<Message> batch = sqs.receiveMessage(
                            b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            if (firstBatch < 0) firstBatch = batch.size();
            assertTrue(batch.size() <= 10);
            batch.forEach(m -> assertTrue(bodies.add(m.body()), "received twice: " + m.body()));
        }

        assertEquals(10, bodies.size());
        assertTrue(firstBatch > 1, "one receive should return several messages, got " + firstBatch);
    }

    private static String queue(SqsClient sqs, Map<QueueAttributeName, String> attributes) {
        String name = "fidelity-" + QUEUES.incrementAndGet();
        return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    }

    private static Message receiveOne(SqsClient sqs, String url, int waitSeconds) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url)
                        .waitTimeSeconds(waitSeconds)
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .messages();
        assertEquals(1, messages.size(), "expected one message");
        return messages.get(0);
    }
}

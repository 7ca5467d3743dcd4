package dev.opfunctions.aws.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.aws.local.testing.LocalServersExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@ExtendWith(LocalServersExtension.class)
class SqsLambdaPollerTest {
    private LocalSqs sqs;
    private TemplateResources.LocalQueue work;
    private TemplateResources.LocalQueue dlq;
    private final List<SQSEvent.SQSMessage> seen = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void createQueuesFromTheFixtureTemplate(LocalServers servers) {
        sqs = servers.sqs();
        // Fresh queues for each test (the stage names them); maxReceiveCount 2 and a 1 s visibility
        // timeout keep the redrive path to about two seconds.
        String stage = servers.uniqueName("poller");
        TemplateResources resources = TemplateResources.create(
                Fixtures.fixtureTemplate(),
                servers.dynamo().client(),
                sqs.client(),
                Map.of("MaxReceiveCount", "2", "Stage", stage, "AWS::StackName", stage),
                Map.of("Work", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1")));
        work = resources.queue("Work");
        dlq = resources.queue("WorkDLQ");
    }

    private void send(String body) {
        sqs.client()
                .sendMessage(b -> b.queueUrl(work.url())
                        .messageBody(body)
                        .messageAttributes(Map.of(
                                "kind",
                                MessageAttributeValue.builder()
                                        .dataType("String")
                                        .stringValue("test")
                                        .build())));
    }

    private SqsLambdaPoller poller(RequestHandler<SQSEvent, SQSBatchResponse> handler) {
        return new SqsLambdaPoller(
                sqs.client(),
                work.url(),
                work.arn(),
                handler,
                new SqsLambdaPoller.Settings("create-outgoing", 10, 1, Duration.ofSeconds(5)));
    }

    private List<String> dlqBodies() {
        return sqs
                .client()
                .receiveMessage(
                        b -> b.queueUrl(dlq.url()).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages()
                .stream()
                .map(m -> m.body())
                .sorted()
                .toList();
    }

    @Test
    void withAConcurrencyOfNThePollersHandOverUpToNBatchesAtOnce() throws Exception {
        for (int i = 0; i < 6; i++) send("{\"n\":" + i + "}");
        java.util.concurrent.atomic.AtomicInteger now = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        RequestHandler<SQSEvent, SQSBatchResponse> slow = (event, context) -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                now.decrementAndGet();
            }
            seen.addAll(event.getRecords());
            return new SQSBatchResponse(List.of());
        };
        // Batches of one, so that six messages make six invocations for three pollers.
        try (SqsLambdaPoller poller = new SqsLambdaPoller(
                sqs.client(),
                work.url(),
                work.arn(),
                slow,
                new SqsLambdaPoller.Settings("create-outgoing", 1, 1, Duration.ofSeconds(5)).withConcurrency(3))) {
            poller.start();

            assertTrue(poller.drainUntilIdle(Duration.ofSeconds(20)));
        }

        assertEquals(6, seen.size());
        assertEquals(3, most.get(), "three batches in the handler at once, never more");
    }

    @Test
    void deliversRecordsShapedLikeTheEventSourceMappingAndDeletesSuccesses() {
        send("{\"n\":1}");
        send("{\"n\":2}");
        SqsLambdaPoller poller = poller((event, context) -> {
            seen.addAll(event.getRecords());
            return new SQSBatchResponse(List.of());
        });

        assertTrue(poller.drainUntilIdle(Duration.ofSeconds(10)));

        assertEquals(2, seen.size());
        SQSEvent.SQSMessage first = seen.get(0);
        assertEquals("aws:sqs", first.getEventSource());
        assertEquals(work.arn(), first.getEventSourceArn());
        assertEquals("us-east-1", first.getAwsRegion());
        assertEquals("1", first.getAttributes().get("ApproximateReceiveCount"));
        assertTrue(first.getAttributes().containsKey("SentTimestamp"));
        assertEquals("test", first.getMessageAttributes().get("kind").getStringValue());
        assertTrue(!first.getMessageId().isBlank() && !first.getReceiptHandle().isBlank());
        assertEquals(List.of(), dlqBodies());
    }

    @Test
    void reportedFailuresAreRetriedAndRedrivenToTheDeadLetterQueueAfterMaxReceiveCount() {
        send("good");
        send("poison");
        List<String> receiveCountsOfPoison = Collections.synchronizedList(new ArrayList<>());
        SqsLambdaPoller poller = poller((event, context) -> {
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            for (SQSEvent.SQSMessage m : event.getRecords()) {
                if (m.getBody().equals("poison")) {
                    receiveCountsOfPoison.add(m.getAttributes().get("ApproximateReceiveCount"));
                    failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
                }
            }
            return new SQSBatchResponse(failures);
        });

        assertTrue(poller.drainUntilIdle(Duration.ofSeconds(20)));

        assertEquals(List.of("1", "2"), receiveCountsOfPoison);
        assertEquals(List.of("poison"), dlqBodies());
    }

    @Test
    void aHandlerThatThrowsFailsTheWholeBatch() {
        send("a");
        send("b");
        SqsLambdaPoller poller = poller((event, context) -> {
            throw new IllegalStateException("boom");
        });

        assertTrue(poller.drainUntilIdle(Duration.ofSeconds(20)));

        assertEquals(List.of("a", "b"), dlqBodies());
    }

    @Test
    void backgroundLoopProcessesMessagesUntilStopped() {
        try (SqsLambdaPoller poller = poller((event, context) -> {
            seen.addAll(event.getRecords());
            return null;
        })) {
            poller.start();
            send("x");

            assertTrue(poller.drainUntilIdle(Duration.ofSeconds(10)));
            assertEquals(1, seen.size());
        }
    }
}

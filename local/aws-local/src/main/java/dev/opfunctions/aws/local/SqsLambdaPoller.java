package dev.opfunctions.aws.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Emulates Lambda's SQS event source mapping with {@code ReportBatchItemFailures}: long-polls a
 * queue, hands each batch to a handler as an {@link SQSEvent}, deletes the messages that succeeded
 * and leaves the reported failures in the queue. They come back after the visibility timeout, and
 * the queue's redrive policy moves them to the dead-letter queue after {@code maxReceiveCount}
 * receives, as on AWS.
 *
 * <p>As on AWS, a handler that throws, or a response naming a message id that is blank or not in the
 * batch, fails the whole batch. With a concurrency of 1 (the default) batches are processed one at a
 * time, which keeps local runs deterministic; with N, N pollers each receive and hand over their own
 * batch, so up to N invocations run at once, as the event source mapping scales out up to its
 * {@code ScalingConfig.MaximumConcurrency}.
 */
public final class SqsLambdaPoller implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SqsLambdaPoller.class.getName());

    /**
     * @param functionName name reported in the handler's Context
     * @param batchSize at most this many messages per invocation (1..10)
     * @param waitTimeSeconds long-poll wait of the background loop (0..20); small values stop faster
     * @param functionTimeout the Context's deadline
     * @param concurrency how many batches are handed over at once (1..1000): the background loop runs this
     *     many pollers
     */
    public record Settings(
            String functionName, int batchSize, int waitTimeSeconds, Duration functionTimeout, int concurrency) {
        public Settings {
            if (batchSize < 1 || batchSize > 10) {
                throw new IllegalArgumentException("batchSize must be 1..10 for a standard queue receive");
            }
            if (waitTimeSeconds < 0 || waitTimeSeconds > 20) {
                throw new IllegalArgumentException("waitTimeSeconds must be 0..20");
            }
            if (concurrency < 1 || concurrency > 1000) {
                throw new IllegalArgumentException("concurrency must be 1..1000");
            }
        }

        /** One batch at a time. */
        public Settings(String functionName, int batchSize, int waitTimeSeconds, Duration functionTimeout) {
            this(functionName, batchSize, waitTimeSeconds, functionTimeout, 1);
        }

        /** The same with {@code n} batches at once. */
        public Settings withConcurrency(int n) {
            return new Settings(functionName, batchSize, waitTimeSeconds, functionTimeout, n);
        }

        /** Batch size 10 (the template's), 1 s polls, 30 s timeout. */
        public static Settings defaults(String functionName) {
            return new Settings(functionName, 10, 1, Duration.ofSeconds(30));
        }
    }

    /** What one poll did. */
    public record BatchOutcome(int received, int deleted, int failed) {}

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
    private final Settings settings;
    private final AtomicLong invocations = new AtomicLong();
    private volatile boolean running;
    private final List<Thread> loops = new java.util.ArrayList<>();

    public SqsLambdaPoller(
            SqsClient sqs,
            String queueUrl,
            String queueArn,
            RequestHandler<SQSEvent, SQSBatchResponse> handler,
            Settings settings) {
        this.sqs = Objects.requireNonNull(sqs);
        this.queueUrl = Objects.requireNonNull(queueUrl);
        this.queueArn = Objects.requireNonNull(queueArn);
        this.handler = Objects.requireNonNull(handler);
        this.settings = Objects.requireNonNull(settings);
    }

    /** Starts polling on {@code concurrency} background daemon threads; a second call does nothing. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < settings.concurrency(); i++) {
            loops.add(Thread.ofPlatform()
                    .daemon()
                    .name("sqs-poller-" + settings.functionName() + (settings.concurrency() > 1 ? "-" + (i + 1) : ""))
                    .start(this::pollLoop));
        }
    }

    /** Stops the background loops, waiting for the batches in hand to finish. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        long bound = System.nanoTime()
                + Duration.ofSeconds(settings.waitTimeSeconds())
                        .plus(settings.functionTimeout())
                        .plusSeconds(1)
                        .toNanos();
        try {
            for (Thread loop : loops) {
                loop.join(Duration.ofNanos(Math.max(1, bound - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loops.clear();
    }

    @Override
    public void close() {
        stop();
    }

    /** How many times the handler has been invoked. */
    public long invocations() {
        return invocations.get();
    }

    /** Receives one batch (waiting up to {@code waitSeconds}), invokes the handler, deletes successes. */
    public BatchOutcome pollOnce(int waitSeconds) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                        .maxNumberOfMessages(settings.batchSize())
                        .waitTimeSeconds(waitSeconds)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All"))
                .messages();
        if (messages.isEmpty()) {
            return new BatchOutcome(0, 0, 0);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream()
                .map(m -> SqsEventMapping.toRecord(m, queueArn))
                .toList());
        Set<String> failed = invoke(event, messages);
        List<Message> succeeded =
                messages.stream().filter(m -> !failed.contains(m.messageId())).toList();
        for (Message m : succeeded) {
            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
        }
        return new BatchOutcome(messages.size(), succeeded.size(), messages.size() - succeeded.size());
    }

    /**
     * Waits until the queue has no visible, in-flight or delayed messages, polling itself unless the
     * background loop is running. Returns false if that did not happen within {@code timeout}.
     */
    public boolean drainUntilIdle(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!running) {
                pollOnce(1);
            }
            if (queueIsEmpty()) {
                return true;
            }
            if (running) {
                sleep(Duration.ofMillis(100));
            }
        }
        return queueIsEmpty();
    }

    private boolean queueIsEmpty() {
        Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes();
        return counts.values().stream().allMatch("0"::equals);
    }

    private Set<String> invoke(SQSEvent event, List<Message> messages) {
        Set<String> all = messages.stream().map(Message::messageId).collect(Collectors.toSet());
        invocations.incrementAndGet();
        SQSBatchResponse response;
        try {
            response = handler.handleRequest(
                    event, LocalContext.forInvocation(settings.functionName(), settings.functionTimeout()));
        } catch (RuntimeException | Error e) {
            LOG.log(
                    Level.WARNING,
                    "handler " + settings.functionName() + " threw; the whole batch stays in the queue",
                    e);
            return all;
        }
        if (response == null || response.getBatchItemFailures() == null) {
            return Set.of();
        }
        Set<String> failed = response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .collect(Collectors.toSet());
        if (failed.stream().anyMatch(id -> id == null || id.isBlank() || !all.contains(id))) {
            LOG.log(
                    Level.WARNING,
                    "handler " + settings.functionName()
                            + " reported an unknown item identifier; the whole batch fails");
            return all;
        }
        return failed;
    }

    private void pollLoop() {
        while (running) {
            try {
                pollOnce(settings.waitTimeSeconds());
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "poll of " + queueUrl + " failed; retrying", e);
                    sleep(Duration.ofMillis(500));
                }
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.opfunctions.aws.local;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Emulates Lambda's DynamoDB stream event source mapping: one loop per shard reads up to
 * {@code BatchSize} records (again at once when the batch was full, after {@link Settings#idlePoll()}
 * when there was nothing) and hands them to the function in stream order, one batch at a time.
 *
 * <p>Errors, as {@link StreamBatches} decides them: a function error retries the whole batch; with
 * {@code ReportBatchItemFailures} a reported sequence number retries from the lowest one reported (an
 * identifier that is blank or not in the batch fails the whole batch, as on AWS). After
 * {@code MaximumRetryAttempts} retries the batch is split in two when {@code BisectBatchOnFunctionError}
 * is on (each half starting its retries afresh), and a batch that cannot be split further is reported to
 * the {@code OnFailure} queue (where, not what: shard and sequence numbers) and skipped.
 *
 * <p>With a {@code FilterCriteria} ({@link EventFilter}), records that match none of its patterns are
 * dropped from each read before the batch is formed, as Lambda does: they are never handed over, a read
 * none of whose records match invokes nothing, and the position moves past them. Retries and bisection
 * work on the records that passed.
 *
 * <p>The position lives in this object only: a new poller (a restarted runner) starts at its
 * {@code StartingPosition} again. With {@code --persist} a restored table's stream starts empty (see
 * moto_streams.py), so nothing is delivered twice across a restart; writes made while no poller ran
 * are read from {@code TRIM_HORIZON} as long as they are kept.
 */
public final class DynamoDbStreamPoller implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DynamoDbStreamPoller.class.getName());

    /** Invokes the function with an event's JSON (a {@code LocalFunction}'s {@code invoke}). */
    @FunctionalInterface
    public interface Invoker {
        InvocationResult invoke(String eventJson) throws InterruptedException;
    }

    /** Where given-up batches are reported: an SQS queue of the local stack. */
    public record OnFailure(SqsClient sqs, String queueUrl) {}

    /**
     * @param functionName for logs and the function ARN in on-failure records
     * @param startingPosition {@code TRIM_HORIZON} or {@code LATEST}
     * @param batchSize 1..10000
     * @param maximumRetryAttempts -1 (until the record expires) or 0..10000
     * @param idlePoll the pause after a read that found nothing (Lambda polls about 4 times a second)
     */
    public record Settings(
            String functionName,
            String startingPosition,
            int batchSize,
            int maximumRetryAttempts,
            boolean bisectBatchOnFunctionError,
            boolean reportBatchItemFailures,
            Duration idlePoll) {
        public Settings {
            if (batchSize < 1 || batchSize > 10_000) throw new IllegalArgumentException("BatchSize must be 1..10000");
            if (maximumRetryAttempts < -1 || maximumRetryAttempts > 10_000) {
                throw new IllegalArgumentException("MaximumRetryAttempts must be -1..10000");
            }
            if (!startingPosition.equals("TRIM_HORIZON") && !startingPosition.equals("LATEST")) {
                throw new IllegalArgumentException("StartingPosition must be TRIM_HORIZON or LATEST");
            }
        }
    }

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final Invoker function;
    private final Settings settings;
    private final Optional<OnFailure> onFailure;
    private final Optional<EventFilter> filter;
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong filteredOut = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();
    private final List<Thread> loops = new ArrayList<>();
    private volatile boolean running;

    /** A mapping without {@code FilterCriteria}: every record reaches the function. */
    public DynamoDbStreamPoller(
            DynamoDbStreamsClient streams,
            String streamArn,
            Invoker function,
            Settings settings,
            Optional<OnFailure> onFailure) {
        this(streams, streamArn, function, settings, onFailure, Optional.empty());
    }

    /** A mapping with a {@code FilterCriteria}: only records it lets through reach the function. */
    public DynamoDbStreamPoller(
            DynamoDbStreamsClient streams,
            String streamArn,
            Invoker function,
            Settings settings,
            Optional<OnFailure> onFailure,
            Optional<EventFilter> filter) {
        this.streams = Objects.requireNonNull(streams);
        this.streamArn = Objects.requireNonNull(streamArn);
        this.function = Objects.requireNonNull(function);
        this.settings = Objects.requireNonNull(settings);
        this.onFailure = Objects.requireNonNull(onFailure);
        this.filter = Objects.requireNonNull(filter);
    }

    /** Starts one daemon loop per shard of the stream; a second call does nothing. */
    public synchronized void start() {
        if (running) return;
        running = true;
        List<Shard> shards = streams.describeStream(b -> b.streamArn(streamArn))
                .streamDescription()
                .shards();
        // Iterators are taken now, so LATEST means "from the start of the runner", not from the first read.
        for (Shard shard : shards) {
            String iterator = streams.getShardIterator(b -> b.streamArn(streamArn)
                            .shardId(shard.shardId())
                            .shardIteratorType(settings.startingPosition()))
                    .shardIterator();
            loops.add(Thread.ofPlatform()
                    .daemon()
                    .name("ddb-stream-" + settings.functionName() + "-" + loops.size())
                    .start(() -> loop(shard.shardId(), iterator)));
        }
    }

    /** Stops the loops, letting a batch in hand finish (bounded by a few seconds). */
    public synchronized void stop() {
        if (!running) return;
        running = false;
        for (Thread loop : loops) {
            try {
                loop.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        loops.clear();
    }

    @Override
    public void close() {
        stop();
    }

    /** The stream this mapping reads. */
    public String streamArn() {
        return streamArn;
    }

    /** How many times the function has been invoked. */
    public long invocations() {
        return invocations.get();
    }

    /** How many records the filter dropped (never handed to the function). */
    public long filteredOut() {
        return filteredOut.get();
    }

    /** How many batches were given up (reported to the on-failure destination, or only logged). */
    public long batchesGivenUp() {
        return givenUp.get();
    }

    private void loop(String shardId, String firstIterator) {
        String iterator = firstIterator;
        StreamBatches batches = new StreamBatches(settings);
        Deque<StreamBatches.Batch> pending = new ArrayDeque<>();
        while (running) {
            try {
                if (pending.isEmpty()) {
                    String from = iterator;
                    var page = streams.getRecords(b -> b.shardIterator(from).limit(settings.batchSize()));
                    iterator = page.nextShardIterator();
                    if (page.records().isEmpty()) {
                        sleep(settings.idlePoll());
                        continue;
                    }
                    List<Record> passed = passing(page.records());
                    // A read whose records all fail the filter invokes nothing; the iterator has moved past them.
                    if (passed.isEmpty()) continue;
                    pending.add(new StreamBatches.Batch(passed, 0));
                }
                StreamBatches.Batch batch = pending.removeFirst();
                invocations.incrementAndGet();
                InvocationResult result = invoke(batch);
                StreamBatches.Next next = batches.after(batch, result);
                next.retry().reversed().forEach(pending::addFirst);
                if (!next.givenUp().isEmpty()) giveUp(shardId, next);
                if (!next.retry().isEmpty()) sleep(backoff(next.retry().get(0).attempts()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "stream " + streamArn + " read failed; retrying", e);
                    sleep(Duration.ofMillis(500));
                }
            }
        }
    }

    /** The records the filter lets through, in stream order (all of them without a filter). */
    private List<Record> passing(List<Record> records) {
        if (filter.isEmpty()) return records;
        List<Record> passed = records.stream()
                .filter(r -> filter.get().test(DynamoDbEventMapping.toRecord(r, streamArn)))
                .toList();
        filteredOut.addAndGet(records.size() - passed.size());
        return passed;
    }

    /** Hands a batch over; a runner-side failure to invoke counts as a function error, so the batch is retried. */
    private InvocationResult invoke(StreamBatches.Batch batch) throws InterruptedException {
        try {
            return function.invoke(DynamoDbEventMapping.toEventJson(batch.records(), streamArn));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "invoking " + settings.functionName() + " failed in the runner", e);
            return new InvocationResult.Failure(
                    "local", e.getClass().getSimpleName(), "{\"errorMessage\":\"invocation failed\"}", Duration.ZERO);
        }
    }

    private void giveUp(String shardId, StreamBatches.Next next) {
        givenUp.incrementAndGet();
        List<Record> records = next.givenUp();
        LOG.log(
                Level.WARNING,
                settings.functionName() + " gave up " + records.size() + " stream records from "
                        + records.get(0).dynamodb().sequenceNumber() + " (" + next.condition() + ")");
        String functionArn = "arn:aws:lambda:" + LocalAws.REGION.id() + ":" + LocalAws.ACCOUNT_ID + ":function:"
                + settings.functionName();
        onFailure.ifPresent(destination -> destination
                .sqs()
                .sendMessage(b -> b.queueUrl(destination.queueUrl())
                        .messageBody(DynamoDbEventMapping.onFailureRecord(
                                records,
                                streamArn,
                                shardId,
                                functionArn,
                                next.condition(),
                                next.invokeCount(),
                                next.functionError()))));
    }

    /** A short pause before a retry, growing with the attempts, so a failing function does not spin. */
    private static Duration backoff(int attempts) {
        return Duration.ofMillis(Math.min(1000, 50L * attempts));
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}

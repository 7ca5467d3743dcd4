package dev.opfunctions.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.opfunctions.aws.DynamoCheckoutStore;
import dev.opfunctions.aws.DynamoWalletCache;
import dev.opfunctions.aws.LocalAws;
import dev.opfunctions.aws.SqsCommandQueue;
import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.aws.local.testing.LocalServersExtension;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.FakeWallets;
import dev.opfunctions.checkout.fakes.FakeWallets.Fault;
import dev.opfunctions.checkout.fakes.Sha256FinishHash;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.LegStatus;
import dev.opfunctions.checkout.port.CommandQueue;
import dev.opfunctions.checkout.port.WalletGateway.OutgoingPayment;
import dev.opfunctions.checkout.service.CheckoutDependencies;
import dev.opfunctions.checkout.service.ConsentFinish;
import dev.opfunctions.checkout.service.PaymentWorker;
import dev.opfunctions.functions.createoutgoing.CommandBatch;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The payment flow driven through real servers: DynamoDB on moto for state, ElasticMQ for the commands
 * queue with a redrive policy to a DLQ. Every command is sent twice and two pollers (two "Lambda
 * instances") consume the queue concurrently. Wallets are in-memory fakes here; the wallet sandbox
 * runs the same flow in the end-to-end tests.
 */
@ExtendWith(LocalServersExtension.class)
class QueueDrivenFlowTest {

    private static LocalAws aws;
    private final CheckoutFixture f = new CheckoutFixture();
    private final Clock clock = Clock.systemUTC();
    private final FakeWallets wallets = new FakeWallets(clock);
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeAll
    static void up(LocalServers servers) {
        aws = new LocalAws(servers);
    }

    private int visibleMessages(String queueUrl) {
        return Integer.parseInt(aws.sqs
                .getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("ApproximateNumberOfMessages"))
                .attributesAsStrings()
                .get("ApproximateNumberOfMessages"));
    }

    private String[] queues(String name, int maxReceive) {
        String dlq = aws.createQueue(name + "-dlq", Map.of());
        String arn = aws.sqs
                .getQueueAttributes(b -> b.queueUrl(dlq).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings()
                .get("QueueArn");
        // 3 s: a slow invocation on a loaded machine must not be redelivered mid-flight (that inflates receive counts).
        String q = aws.createQueue(
                name,
                Map.of(
                        "VisibilityTimeout",
                        "3",
                        "RedrivePolicy",
                        "{\"deadLetterTargetArn\":\"" + arn + "\",\"maxReceiveCount\":\"" + maxReceive + "\"}"));
        return new String[] {q, dlq};
    }

    private String secretOf(Checkout c) {
        String uri = wallets.finishUri(c.consent().continueUri());
        return uri.substring(uri.indexOf("?s=") + 3);
    }

    private Checkout consented(DynamoCheckoutStore store, CommandQueue queue, String order) {
        wallets.addWallet(CheckoutFixture.CUSTOMER, "MXN", 2);
        wallets.addWallet(CheckoutFixture.MERCHANT, "MXN", 2);
        wallets.addWallet(CheckoutFixture.MARKETPLACE, "MXN", 2);
        wallets.grantWait(1);
        var settings = f.settings;
        var dir = new dev.opfunctions.checkout.service.WalletDirectory(
                wallets,
                new DynamoWalletCache(aws.ddb, aws.table),
                f.urls,
                clock,
                Duration.ofHours(1),
                Duration.ofSeconds(30));
        var deps = new CheckoutDependencies(store, queue, wallets, dir, clock, settings);
        Checkout c = new dev.opfunctions.checkout.service.StartCheckout(deps, pool)
                .start(f.order(CheckoutFixture.split(order, "140000")))
                .orElseThrow()
                .checkout();
        wallets.approve(c.consent().continueUri());
        String hash = Sha256FinishHash.compute(
                c.consent().clientNonce(),
                c.consent().interactNonce(),
                "ref",
                c.consent().grantRequestUri());
        new ConsentFinish(deps, new Sha256FinishHash())
                .finish(c.id(), Map.of("hash", hash, "interact_ref", "ref", "s", secretOf(c)))
                .orElseThrow();
        return c;
    }

    /** One "Lambda instance": polls, hands batches to the handler's batch logic, deletes what succeeded. */
    private void poll(String queueUrl, CommandBatch batch, AtomicBoolean stop) {
        while (!stop.get()) {
            List<Message> msgs = aws.sqs
                    .receiveMessage(b -> b.queueUrl(queueUrl)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .messages();
            if (msgs.isEmpty()) continue;
            SQSEvent event = new SQSEvent();
            event.setRecords(msgs.stream()
                    .map(m -> {
                        SQSEvent.SQSMessage s = new SQSEvent.SQSMessage();
                        s.setMessageId(m.messageId());
                        s.setBody(m.body());
                        s.setAttributes(Map.of(
                                "ApproximateReceiveCount",
                                m.attributesAsStrings().getOrDefault("ApproximateReceiveCount", "1")));
                        return s;
                    })
                    .toList());
            SQSBatchResponse r = batch.handle(event);
            Set<String> failed = r.getBatchItemFailures().stream()
                    .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                    .collect(Collectors.toSet());
            for (Message m : msgs)
                if (!failed.contains(m.messageId()))
                    aws.sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
        }
    }

    private Checkout runUntilTerminal(
            DynamoCheckoutStore store,
            String queueUrl,
            CommandQueue queue,
            Checkout c,
            int maxAttempts,
            Duration timeout)
            throws Exception {
        return runUntilTerminal(store, queueUrl, queue, c, maxAttempts, timeout, () -> true);
    }

    /**
     * Runs two pollers until the checkout is terminal and then, like a real event source mapping that
     * keeps polling, until {@code alsoDone} holds (the queue moves a message to its DLQ only on a later
     * receive, so a DLQ check needs the pollers still running).
     */
    private Checkout runUntilTerminal(
            DynamoCheckoutStore store,
            String queueUrl,
            CommandQueue queue,
            Checkout c,
            int maxAttempts,
            Duration timeout,
            java.util.function.BooleanSupplier alsoDone)
            throws Exception {
        var settings = f.settings.withMaxAttempts(maxAttempts).withCreateLease(Duration.ofSeconds(3));
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<?>> pollers = List.of(0, 1).stream()
                .map(i -> pool.submit(() -> {
                    var dir = new dev.opfunctions.checkout.service.WalletDirectory(
                            wallets,
                            new DynamoWalletCache(aws.ddb, aws.table),
                            f.urls,
                            clock,
                            Duration.ofHours(1),
                            Duration.ofSeconds(30));
                    poll(
                            queueUrl,
                            new CommandBatch(new PaymentWorker(
                                    new CheckoutDependencies(store, queue, wallets, dir, clock, settings))),
                            stop);
                }))
                .collect(Collectors.toList());
        try {
            return Awaitility.await("checkout " + c.id() + " is terminal and the extra condition holds")
                    .atMost(timeout)
                    .pollInSameThread()
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> store.find(c.id()).orElseThrow(),
                            now -> now.status().isTerminal() && alsoDone.getAsBoolean());
        } finally {
            stop.set(true);
            for (Future<?> p : pollers) p.get();
        }
    }

    @Test
    void everyMessageTwiceAndTwoWorkersStillPayEachQuoteExactlyOnce() throws Exception {
        String[] q = queues("flow-ok", 5);
        DynamoCheckoutStore store = new DynamoCheckoutStore(aws.ddb, aws.table, Duration.ofDays(90));
        CommandQueue queue = new TwiceQueue(new SqsCommandQueue(aws.sqs, q[0]));
        wallets.latency(Duration.ofMillis(15));
        Checkout c = consented(store, queue, "flow-ok");

        Checkout done = runUntilTerminal(store, q[0], queue, c, 5, Duration.ofSeconds(40));

        assertEquals(CheckoutStatus.COMPLETED, done.status());
        Map<String, Long> perQuote = wallets.outgoingPayments().stream()
                .collect(Collectors.groupingBy(OutgoingPayment::quoteId, Collectors.counting()));
        assertEquals(Map.of(c.legs().get(0).quoteId(), 1L, c.legs().get(1).quoteId(), 1L), perQuote);
        // Re-read: the worker that completed the checkout revokes its grant right after (one more version).
        Checkout last = store.find(c.id()).orElseThrow();
        assertEquals(last.version(), store.history(c.id()).size(), "one history event per stored version");
    }

    @Test
    void aWalletThatNeverRecoversFailsTheCheckoutAndLeavesNothingForTheDlq() throws Exception {
        String[] q = queues("flow-down", 3);
        DynamoCheckoutStore store = new DynamoCheckoutStore(aws.ddb, aws.table, Duration.ofDays(90));
        CommandQueue queue = new TwiceQueue(new SqsCommandQueue(aws.sqs, q[0]));
        Checkout c = consented(store, queue, "flow-down");
        Fault[] always = new Fault[50];
        java.util.Arrays.fill(always, Fault.UNAVAILABLE_BEFORE);
        wallets.fault("continueGrant", always);

        Checkout failed =
                runUntilTerminal(store, q[0], queue, c, 3, Duration.ofSeconds(40), () -> visibleMessages(q[0]) == 0);

        assertEquals(CheckoutStatus.FAILED, failed.status());
        assertEquals("WALLET_UNAVAILABLE", failed.failure().code());
        assertTrue(failed.legs().stream().allMatch(l -> l.status() == LegStatus.PENDING), "no leg half-recorded");
        assertTrue(wallets.outgoingPayments().isEmpty());
        var dead = aws.sqs
                .receiveMessage(b -> b.queueUrl(q[1]).maxNumberOfMessages(10).waitTimeSeconds(2))
                .messages();
        // The last delivery ended the checkout and its message: the DLQ is only for what no code handles.
        assertTrue(dead.isEmpty(), "nothing in the DLQ: " + dead);
    }
}

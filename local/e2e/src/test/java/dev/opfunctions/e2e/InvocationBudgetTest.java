package dev.opfunctions.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.opfunctions.aws.local.LocalContext;
import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.command.CommandCodec;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.Sha256FinishHash;
import dev.opfunctions.client.Deadline;
import dev.opfunctions.functions.createoutgoing.CommandBatch;
import dev.opfunctions.lambda.FunctionConfig;
import dev.opfunctions.lambda.InvocationBudget;
import dev.opfunctions.lambda.Invocations;
import dev.opfunctions.lambda.Ports;
import dev.opfunctions.lambda.Services;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where the functions' time budgets come from, and what the adapters do when little is left. */
class InvocationBudgetTest {

    private final CheckoutFixture f = new CheckoutFixture();
    private final CommandBatch batch = CommandBatch.from(new Services(
            FunctionConfig.from(Map.of(
                    "TABLE_NAME",
                    "payments",
                    "COMMANDS_QUEUE_URL",
                    "https://sqs.local/q",
                    "PUBLIC_BASE_URL",
                    "https://api.shop.example")),
            new Ports(f.store, f.queue, f.wallets, f.cache, new Sha256FinishHash(), f.resolver, f.clock)));

    private static SQSEvent oneMessage(String id, Command command) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setBody(CommandCodec.encode(command));
        SQSEvent e = new SQSEvent();
        e.setRecords(List.of(m));
        return e;
    }

    @Test
    void anInvocationsWalletCallsLiveWithinLambdasRemainingTimeLessTheMargin() {
        long started = System.nanoTime();
        LocalContext context = LocalContext.forInvocation("create-outgoing", Duration.ofSeconds(10));

        Duration inside =
                Invocations.run(context, () -> Deadline.current().orElseThrow().remaining());

        Duration spent = Duration.ofNanos(System.nanoTime() - started);
        assertBetween(Duration.ofSeconds(8).minus(spent).minusMillis(50), Duration.ofSeconds(8), inside);
        assertEquals(Optional.empty(), Deadline.current(), "nothing carries over to the next invocation");
    }

    @Test
    void anHttpApiRequestIsHeldToTheIntegrationTimeoutEvenWhenLambdaAllowsMore() {
        LocalContext context = LocalContext.forInvocation("start-checkout", Duration.ofSeconds(900));

        Duration inside = Invocations.run(
                context,
                () -> InvocationBudget.httpApiRequest()
                        .run(() -> Deadline.current().orElseThrow().remaining()));

        assertTrue(
                inside.compareTo(InvocationBudget.HTTP_API_TIMEOUT.minus(InvocationBudget.HTTP_API_MARGIN)) <= 0,
                inside.toString());
    }

    @Test
    void anHttpApiRequestsBudgetCountsFromWhenApiGatewayReceivedIt() {
        long now = 1_795_256_130_000L;

        Duration afterColdStart =
                InvocationBudget.httpApiRequest(now - 5_000, now).remaining();
        Duration unknown = InvocationBudget.httpApiRequest(0, now).remaining();
        Duration replayedSample = InvocationBudget.httpApiRequest(
                        now - Duration.ofDays(400).toMillis(), now)
                .remaining();
        Duration skewedClock = InvocationBudget.httpApiRequest(now + 2_000, now).remaining();

        assertBetween(Duration.ofSeconds(22), Duration.ofSeconds(23), afterColdStart);
        for (Duration fromNow : List.of(unknown, replayedSample, skewedClock))
            assertBetween(Duration.ofSeconds(27), Duration.ofSeconds(28), fromNow);
    }

    private static void assertBetween(Duration low, Duration high, Duration actual) {
        assertTrue(
                actual.compareTo(low) > 0 && actual.compareTo(high) <= 0,
                actual + " is not in (" + low + ", " + high + "]");
    }

    @Test
    void aMessageIsLeftForRedeliveryWhenTooLittleOfTheInvocationIsLeft() {
        SQSEvent event = oneMessage("m-1", new Command.ContinueGrant("no-such-checkout"));

        SQSBatchResponse late =
                Deadline.after(CommandBatch.MIN_PER_MESSAGE.minusSeconds(1)).run(() -> batch.handle(event));
        SQSBatchResponse inTime =
                Deadline.after(CommandBatch.MIN_PER_MESSAGE.plusSeconds(5)).run(() -> batch.handle(event));

        assertEquals(
                List.of("m-1"),
                late.getBatchItemFailures().stream()
                        .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                        .toList());
        assertEquals(List.of(), inTime.getBatchItemFailures(), "with time left the worker ran and found nothing to do");
    }
}

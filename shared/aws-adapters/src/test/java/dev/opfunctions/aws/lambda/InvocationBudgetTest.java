package dev.opfunctions.aws.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.opfunctions.aws.FunctionConfig;
import dev.opfunctions.aws.Ports;
import dev.opfunctions.aws.Wiring;
import dev.opfunctions.aws.local.LocalContext;
import dev.opfunctions.aws.observability.Invocations;
import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.command.CommandCodec;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.Sha256FinishHash;
import dev.opfunctions.client.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where the functions' time budgets come from, and what the adapters do when little is left. */
class InvocationBudgetTest {

    private final CheckoutFixture f = new CheckoutFixture();
    private final CommandBatch batch = new Wiring(FunctionConfig.from(Map.of(
            "TABLE_NAME", "payments", "COMMANDS_QUEUE_URL", "https://sqs.local/q", "PUBLIC_BASE_URL", "https://api.shop.example")),
            new Ports(f.store, f.queue, f.wallets, f.cache, new Sha256FinishHash(), f.resolver, f.clock)).commandBatch();

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
        LocalContext context = LocalContext.forInvocation("create-outgoing", Duration.ofSeconds(10));

        Duration inside = Invocations.run(context, () -> Deadline.current().orElseThrow().remaining());

        assertTrue(inside.compareTo(Duration.ofSeconds(8)) <= 0 && inside.compareTo(Duration.ofMillis(7_500)) > 0, inside.toString());
        assertEquals(Optional.empty(), Deadline.current(), "nothing carries over to the next invocation");
    }

    @Test
    void anHttpApiRequestIsHeldToTheIntegrationTimeoutEvenWhenLambdaAllowsMore() {
        LocalContext context = LocalContext.forInvocation("start-checkout", Duration.ofSeconds(900));

        Duration inside = Invocations.run(context, () -> InvocationBudget.httpApiRequest().run(() -> Deadline.current().orElseThrow().remaining()));

        assertTrue(inside.compareTo(InvocationBudget.HTTP_API_TIMEOUT.minus(InvocationBudget.HTTP_API_MARGIN)) <= 0, inside.toString());
    }

    @Test
    void aMessageIsLeftForRedeliveryWhenTooLittleOfTheInvocationIsLeft() {
        SQSEvent event = oneMessage("m-1", new Command.ContinueGrant("no-such-checkout"));

        SQSBatchResponse late = Deadline.after(CommandBatch.MIN_PER_MESSAGE.minusSeconds(1)).run(() -> batch.handle(event));
        SQSBatchResponse inTime = Deadline.after(CommandBatch.MIN_PER_MESSAGE.plusSeconds(5)).run(() -> batch.handle(event));

        assertEquals(List.of("m-1"), late.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        assertEquals(List.of(), inTime.getBatchItemFailures(), "with time left the worker ran and found nothing to do");
    }

    @Test
    void theScheduledRunStartsNoPlanThatWouldNotLeaveTimeToFinishIt() {
        assertEquals(InstallmentRun.BUDGET, InstallmentRun.startBudget(), "no deadline: the fixed budget");
        assertEquals(InstallmentRun.BUDGET, Deadline.after(Duration.ofSeconds(58)).run(InstallmentRun::startBudget));
        Duration short30 = Deadline.after(Duration.ofSeconds(30)).run(InstallmentRun::startBudget);
        assertTrue(short30.compareTo(Duration.ofSeconds(15)) <= 0 && short30.compareTo(Duration.ofSeconds(14)) > 0, short30.toString());
        assertEquals(Duration.ZERO, Deadline.after(Duration.ofSeconds(10)).run(InstallmentRun::startBudget));
    }
}

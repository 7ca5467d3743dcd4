package dev.opfunctions.functions.createoutgoing;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.command.CommandCodec;
import dev.opfunctions.checkout.service.PaymentWorker;
import dev.opfunctions.client.Deadline;
import dev.opfunctions.lambda.Log;
import dev.opfunctions.lambda.Services;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * create-outgoing's batch: each message is handled on its own and only the ones that must be
 * redelivered are reported as failures (ReportBatchItemFailures), so one bad checkout does not
 * hold back the others. A malformed body fails every time and so ends in the DLQ. Messages the
 * invocation has too little time left for are not started but left for redelivery.
 */
public final class CommandBatch {

    /** No message is started with less than this left of the invocation: a few wallet round trips and their writes. */
    public static final Duration MIN_PER_MESSAGE = Duration.ofSeconds(10);

    private final PaymentWorker worker;

    /** The batch handler over this function's service. */
    public static CommandBatch from(Services services) {
        return new CommandBatch(services.paymentWorker());
    }

    public CommandBatch(PaymentWorker worker) {
        this.worker = worker;
    }

    public SQSBatchResponse handle(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            if (!handleOne(m))
                failures.add(SQSBatchResponse.BatchItemFailure.builder()
                        .withItemIdentifier(m.getMessageId())
                        .build());
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private boolean handleOne(SQSEvent.SQSMessage m) {
        Optional<Deadline> budget = Deadline.current();
        if (budget.isPresent() && !budget.get().allows(MIN_PER_MESSAGE)) {
            // Started now, it could only run out of time mid-way: the queue redelivers it to an invocation with time.
            Log.info(
                    "left for redelivery: " + budget.get().remaining().toMillis() + " ms left of this invocation",
                    "messageId",
                    m.getMessageId());
            return false;
        }
        Command command;
        try {
            command = CommandCodec.decode(m.getBody());
        } catch (IllegalArgumentException e) {
            Log.error("unreadable command", e, "messageId", m.getMessageId());
            return false;
        }
        int receiveCount = receiveCount(m);
        try {
            PaymentWorker.Outcome outcome = worker.handle(command, receiveCount);
            switch (outcome) {
                case PaymentWorker.Outcome.Done d ->
                    Log.info(d.what(), "checkoutId", command.checkoutId(), "command", command.type());
                case PaymentWorker.Outcome.Retry r ->
                    Log.info(
                            "will retry: " + r.reason(),
                            "checkoutId",
                            command.checkoutId(),
                            "command",
                            command.type(),
                            "receiveCount",
                            Integer.toString(receiveCount));
            }
            return outcome instanceof PaymentWorker.Outcome.Done;
        } catch (RuntimeException e) {
            Log.error("command failed", e, "checkoutId", command.checkoutId(), "command", command.type());
            return false;
        }
    }

    private static int receiveCount(SQSEvent.SQSMessage m) {
        try {
            return m.getAttributes() == null
                    ? 1
                    : Integer.parseInt(m.getAttributes().getOrDefault("ApproximateReceiveCount", "1"));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}

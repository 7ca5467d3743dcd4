package dev.opfunctions.aws;

import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.command.CommandCodec;
import dev.opfunctions.checkout.port.CommandQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * {@link CommandQueue} on the commands queue. Delays use SendMessage's DelaySeconds (at most 900 s,
 * rounded up to whole seconds so a re-check never comes early). Batches are one SendMessageBatch
 * (which IAM authorises as sqs:SendMessage).
 */
public final class SqsCommandQueue implements CommandQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsCommandQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(Command command, Duration delay) {
        long seconds = (delay.toMillis() + 999) / 1000;
        int delaySeconds = (int) Math.max(0, Math.min(900, seconds));
        sqs.sendMessage(b ->
                b.queueUrl(queueUrl).messageBody(CommandCodec.encode(command)).delaySeconds(delaySeconds));
    }

    /** One SendMessageBatch; a batch SQS answers with failed entries throws, naming how many and why. */
    @Override
    public void sendBatch(List<Command> commands) {
        if (commands.isEmpty()) return;
        if (commands.size() > MAX_BATCH)
            throw new IllegalArgumentException("a batch holds at most " + MAX_BATCH + " commands");
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++)
            entries.add(SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .messageBody(CommandCodec.encode(commands.get(i)))
                    .build());
        var answer = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        if (answer.hasFailed() && !answer.failed().isEmpty())
            throw new IllegalStateException(answer.failed().size() + " of " + commands.size()
                    + " commands not sent: " + answer.failed().get(0).code() + " "
                    + answer.failed().get(0).message());
    }
}

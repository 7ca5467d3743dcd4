package dev.opfunctions.aws;

import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.command.CommandCodec;
import dev.opfunctions.checkout.port.CommandQueue;
import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@link CommandQueue} on the commands queue. Delays use SendMessage's DelaySeconds (at most 900 s,
 * rounded up to whole seconds so a re-check never comes early).
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
}

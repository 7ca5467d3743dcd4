package dev.opfunctions.aws;

import dev.opfunctions.checkout.events.Delivery;
import dev.opfunctions.checkout.events.DeliveryCommand;
import dev.opfunctions.checkout.events.DeliveryQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * {@link DeliveryQueue} on EventDeliveryQueue, and EventDeliveryDLQ for the events given up on (their
 * message is the row without its body: id, type, checkout, sequence, status, attempts and the last answer,
 * which is what a person needs; the body is in the table).
 */
public final class SqsDeliveryQueue implements DeliveryQueue {

    private final SqsClient sqs;
    private final String queueUrl;
    private final String dlqUrl;

    public SqsDeliveryQueue(SqsClient sqs, String queueUrl, String dlqUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.dlqUrl = dlqUrl;
    }

    @Override
    public void send(DeliveryCommand command, Duration delay) {
        // Rounded up so a retry never comes early; SQS takes at most 900 s.
        long seconds = (delay.toMillis() + 999) / 1000;
        int delaySeconds = (int) Math.max(0, Math.min(900, seconds));
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(command.encode()).delaySeconds(delaySeconds));
    }

    @Override
    public void sendBatch(List<DeliveryCommand> commands) {
        if (commands.isEmpty()) return;
        if (commands.size() > MAX_BATCH) throw new IllegalArgumentException("a batch holds at most " + MAX_BATCH);
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++)
            entries.add(SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .messageBody(commands.get(i).encode())
                    .build());
        var answer = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        if (answer.hasFailed() && !answer.failed().isEmpty())
            throw new IllegalStateException(answer.failed().size() + " of " + commands.size()
                    + " delivery commands not sent: " + answer.failed().get(0).code());
    }

    @Override
    public void deadLetter(Delivery given) {
        String body = CheckoutJson.MAPPER
                .createObjectNode()
                .put("eventId", given.eventId())
                .put("type", given.type())
                .put("checkoutId", given.checkoutId())
                .put("sequence", given.sequence())
                .put("status", given.status().wireName())
                .put("attempts", given.attempts())
                .put("lastStatus", given.lastStatus())
                .toString();
        sqs.sendMessage(b -> b.queueUrl(dlqUrl).messageBody(body));
    }
}

package dev.opfunctions.checkout.events;

import java.time.Duration;
import java.util.List;

/** EventDeliveryQueue (the delivery commands) and EventDeliveryDLQ (the events given up on). */
public interface DeliveryQueue {

    /** SendMessageBatch's limit. */
    int MAX_BATCH = 10;

    /** Longest delay a message can carry (SQS: 900 s); a longer wait is re-sent when the message comes back. */
    Duration MAX_DELAY = Duration.ofMinutes(15);

    void send(DeliveryCommand command, Duration delay);

    /** At most {@link #MAX_BATCH}, all due now; throws if any was not sent. */
    void sendBatch(List<DeliveryCommand> commands);

    /** The event of a row given up on ({@code failed} or {@code refused}), for the DLQ and its alarm. */
    void deadLetter(Delivery given);
}

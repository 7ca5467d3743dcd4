package dev.opfunctions.checkout.port;

import dev.opfunctions.checkout.command.Command;
import java.time.Duration;
import java.util.List;

/** The queue that links the functions. Delivery is at-least-once; consumers are idempotent by state. */
public interface CommandQueue {

    /** Sends {@code command}, visible to consumers after {@code delay} (0 to 15 minutes). */
    void send(Command command, Duration delay);

    /** The most commands one {@link #sendBatch} takes: SQS's SendMessageBatch limit. */
    int MAX_BATCH = 10;

    /**
     * Sends up to {@link #MAX_BATCH} {@code commands}, visible at once, in one request where the queue
     * has a batch call (SQS SendMessageBatch). Throws when any of them may not have been sent; those that were stay sent
     * (a duplicate is harmless, consumers decide by the stored state), so callers must not depend on
     * a send for anything a lost message would not also cost.
     */
    default void sendBatch(List<Command> commands) {
        if (commands.size() > MAX_BATCH)
            throw new IllegalArgumentException("a batch holds at most " + MAX_BATCH + " commands");
        for (Command c : commands) send(c, Duration.ZERO);
    }
}

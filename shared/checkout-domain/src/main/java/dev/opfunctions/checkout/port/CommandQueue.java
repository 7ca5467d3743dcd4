package dev.opfunctions.checkout.port;

import dev.opfunctions.checkout.command.Command;
import java.time.Duration;

/** The queue that links the functions. Delivery is at-least-once; consumers are idempotent by state. */
public interface CommandQueue {

    /** Sends {@code command}, visible to consumers after {@code delay} (0 to 15 minutes). */
    void send(Command command, Duration delay);
}

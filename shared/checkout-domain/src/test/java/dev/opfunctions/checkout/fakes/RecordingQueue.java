package dev.opfunctions.checkout.fakes;

import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.port.CommandQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link CommandQueue} that keeps what was sent, for tests to deliver by hand. */
public final class RecordingQueue implements CommandQueue {

    public record Sent(Command command, Duration delay) {}

    private final List<Sent> sent = new ArrayList<>();

    @Override
    public synchronized void send(Command command, Duration delay) {
        if (delay.isNegative() || delay.compareTo(Duration.ofMinutes(15)) > 0)
            throw new IllegalArgumentException("SQS delay out of range: " + delay);
        sent.add(new Sent(command, delay));
    }

    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** Removes and returns everything sent so far. */
    public synchronized List<Sent> drain() {
        List<Sent> out = List.copyOf(sent);
        sent.clear();
        return out;
    }
}

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
    private final List<Integer> batches = new ArrayList<>();
    private int failBatches;

    @Override
    public synchronized void send(Command command, Duration delay) {
        if (delay.isNegative() || delay.compareTo(Duration.ofMinutes(15)) > 0)
            throw new IllegalArgumentException("SQS delay out of range: " + delay);
        sent.add(new Sent(command, delay));
    }

    /** As SQS's SendMessageBatch: at most ten a request; recorded as one batch. */
    @Override
    public synchronized void sendBatch(List<Command> commands) {
        if (commands.isEmpty() || commands.size() > MAX_BATCH)
            throw new IllegalArgumentException("SQS batch of " + commands.size() + " messages");
        if (failBatches > 0) {
            failBatches--;
            throw new IllegalStateException("queue unavailable (simulated)");
        }
        batches.add(commands.size());
        for (Command c : commands) sent.add(new Sent(c, Duration.ZERO));
    }

    /** The next {@code n} batches fail without sending anything. */
    public synchronized void failNextBatches(int n) {
        failBatches = n;
    }

    /** The sizes of the batches sent so far. */
    public synchronized List<Integer> batches() {
        return List.copyOf(batches);
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

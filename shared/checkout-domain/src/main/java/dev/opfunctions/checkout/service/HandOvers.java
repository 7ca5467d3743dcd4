package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.port.CommandQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@link Command.PrepareInstallment}s of one scheduled run, sent in batches of {@link
 * CommandQueue#MAX_BATCH}. Each was written as a claim before it was added; a batch that fails leaves
 * its claims to run out, after which the next run finds the installments due again, so a failed send
 * is recorded as the outcome and never thrown.
 */
final class HandOvers {

    private final CommandQueue queue;
    private final Map<String, String> outcomes;
    private final List<Command.PrepareInstallment> pending = new ArrayList<>();
    private int sent;

    /** @param outcomes the run's outcomes, by checkout id: a failed batch overwrites its checkouts' */
    HandOvers(CommandQueue queue, Map<String, String> outcomes) {
        this.queue = queue;
        this.outcomes = outcomes;
    }

    synchronized void add(Command.PrepareInstallment command) {
        pending.add(command);
    }

    /** Sends the pending commands once they fill a batch. */
    synchronized void sendIfFull() {
        if (pending.size() >= CommandQueue.MAX_BATCH) send();
    }

    /** Sends whatever is pending. */
    synchronized void send() {
        if (pending.isEmpty()) return;
        List<Command> batch = List.copyOf(pending);
        pending.clear();
        try {
            queue.sendBatch(batch);
            sent += batch.size();
        } catch (RuntimeException e) {
            for (Command c : batch)
                outcomes.put(
                        c.checkoutId(),
                        "claimed, but the hand-over may not have been sent (" + e.getMessage()
                                + "); due again when the claim runs out");
        }
    }

    /** How many commands the queue took. */
    synchronized int sent() {
        return sent;
    }
}

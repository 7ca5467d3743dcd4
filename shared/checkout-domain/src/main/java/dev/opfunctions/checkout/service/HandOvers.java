package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.port.CommandQueue;
import java.util.ArrayList;
import java.util.HashMap;
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
    private final Map<String, String> failed = new HashMap<>();
    private final List<Command.PrepareInstallment> pending = new ArrayList<>();
    private int sent;

    HandOvers(CommandQueue queue) {
        this.queue = queue;
    }

    /**
     * Adds a claimed installment's command and sends the batch once it is full, in one step: the run's
     * parallel looks add at once, and a batch may never hold more than SQS takes.
     */
    synchronized void add(Command.PrepareInstallment command) {
        pending.add(command);
        if (pending.size() >= CommandQueue.MAX_BATCH) send();
    }

    /** Sends whatever is pending. */
    synchronized void send() {
        while (pending.size() > CommandQueue.MAX_BATCH) sendBatch(CommandQueue.MAX_BATCH);
        if (!pending.isEmpty()) sendBatch(pending.size());
    }

    private void sendBatch(int size) {
        List<Command> batch = List.copyOf(pending.subList(0, size));
        pending.subList(0, size).clear();
        try {
            queue.sendBatch(batch);
            sent += batch.size();
        } catch (RuntimeException e) {
            for (Command c : batch)
                failed.put(
                        c.checkoutId(),
                        "claimed, but the hand-over may not have been sent (" + e.getMessage()
                                + "); due again when the claim runs out");
        }
    }

    /**
     * What happened to {@code checkoutId}'s hand-over if its batch failed, else null: the run's outcome for
     * it, in place of the claim's (the batch may be sent while the look that claimed is still finishing).
     */
    synchronized String failure(String checkoutId) {
        return failed.get(checkoutId);
    }

    /** How many commands the queue took. */
    synchronized int sent() {
        return sent;
    }
}

package dev.opfunctions.local.chaos;

import dev.opfunctions.aws.local.ProcessMemory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the DynamoDB emulator's (moto's) resident memory during a chaos run, so the table shows
 * whether it stayed flat: moto's own transactions copied the whole table per write and a 300-checkout
 * run once grew it past 20 GB. Sampled every half second on a daemon thread; the peak can miss a
 * spike shorter than that, which a table that grows with its data does not have.
 */
final class EmulatorMemory implements AutoCloseable {
    private static final long PERIOD_MILLIS = 500;

    /** Resident bytes at the first sample and the highest sample; -1 where /proc could not be read. */
    record Figures(long startBytes, long peakBytes) {}

    private final long pid;
    private final AtomicLong start = new AtomicLong(-1);
    private final AtomicLong peak = new AtomicLong(-1);
    private final Thread sampler;

    private EmulatorMemory(long pid) {
        this.pid = pid;
        sample();
        sampler = Thread.ofPlatform().daemon().name("emulator-memory").start(this::run);
    }

    static EmulatorMemory watch(long pid) {
        return new EmulatorMemory(pid);
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(PERIOD_MILLIS);
                sample();
            }
        } catch (InterruptedException stopped) {
            // close(): the figures are final
        }
    }

    private void sample() {
        ProcessMemory.residentBytes(pid).ifPresent(bytes -> {
            start.compareAndSet(-1, bytes);
            peak.accumulateAndGet(bytes, Math::max);
        });
    }

    /** The figures so far, including a sample taken now. */
    Figures figures() {
        sample();
        return new Figures(start.get(), peak.get());
    }

    @Override
    public void close() {
        sampler.interrupt();
    }
}

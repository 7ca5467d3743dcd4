package dev.opfunctions.client.http;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Ends one exchange at its time budget by closing its socket from a timer thread. Socket read timeouts
 * alone cannot: they bound each read, and a server that sends one byte a second (of its TLS handshake or
 * of its body) never lets one expire. Closing the socket makes whatever blocks on it (connect, handshake,
 * write, read) fail at once; {@link #fired()} then tells a timeout from a real connection failure.
 */
final class ExchangeTimer implements AutoCloseable {

    /** One daemon thread for all exchanges, started on first use: the timer only ever closes sockets. */
    private static final class Shared {
        static final ScheduledThreadPoolExecutor TIMER = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "openpayments-http-timer");
                t.setDaemon(true);
                return t;
            });
            // Almost every exchange ends before its budget: cancelled tasks must not pile up in the queue.
            timer.setRemoveOnCancelPolicy(true);
            return timer;
        }
    }

    private final long endNanos;
    private final ScheduledFuture<?> task;
    private volatile Socket socket;
    private volatile boolean fired;

    ExchangeTimer(Duration budget) {
        long nanos = budget.toNanos();
        this.endNanos = System.nanoTime() + nanos;
        this.task = Shared.TIMER.schedule(this::fire, nanos, TimeUnit.NANOSECONDS);
    }

    /** The socket to close when the budget runs out (the plain one under TLS: closing it cannot block). */
    void guard(Socket s) {
        socket = s;
        if (fired) closeQuietly(s);
    }

    /** Whether the budget ran out (and the guarded socket was closed). */
    boolean fired() {
        return fired || System.nanoTime() - endNanos >= 0;
    }

    /** What is left of the budget in milliseconds, at least 1 (a socket timeout of 0 would mean "forever"). */
    int remainingMillis() {
        long left = Math.ceilDiv(endNanos - System.nanoTime(), 1_000_000L);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
    }

    private void fire() {
        fired = true;
        Socket s = socket;
        if (s != null) closeQuietly(s);
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing is all that was wanted; a socket that will not close cleanly is closed anyway
        }
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}

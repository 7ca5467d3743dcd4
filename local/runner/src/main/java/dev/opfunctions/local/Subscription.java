package dev.opfunctions.local;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One order page listening to one checkout's webhooks (see {@link StorefrontWebhooks#subscribe}): what
 * was received before it started, then each new event. A listener that falls {@link #CAPACITY} events
 * behind is {@linkplain #overflowed() overflowed}: its stream should end so the page reconnects and
 * catches up from the record with {@code Last-Event-ID}.
 */
final class Subscription implements AutoCloseable {
    static final int CAPACITY = 256;

    private final StorefrontWebhooks webhooks;
    private final String checkoutId;
    private final List<ReceivedWebhook> past;
    private final LinkedBlockingQueue<ReceivedWebhook> next = new LinkedBlockingQueue<>(CAPACITY);
    private volatile boolean overflowed;

    Subscription(StorefrontWebhooks webhooks, String checkoutId, List<ReceivedWebhook> past) {
        this.webhooks = webhooks;
        this.checkoutId = checkoutId;
        this.past = past;
    }

    String checkoutId() {
        return checkoutId;
    }

    /** What was received before this subscription started, in sequence order. */
    List<ReceivedWebhook> past() {
        return past;
    }

    /** The next new event, waiting at most {@code wait}; null when none came. */
    ReceivedWebhook next(Duration wait) throws InterruptedException {
        return next.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next new event if one is already here, else null. */
    ReceivedWebhook nextNow() {
        return next.poll();
    }

    boolean overflowed() {
        return overflowed;
    }

    void offer(ReceivedWebhook event) {
        if (!next.offer(event)) {
            overflowed = true;
        }
    }

    @Override
    public void close() {
        webhooks.unsubscribe(this);
    }
}

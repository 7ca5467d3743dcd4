package dev.opfunctions.local.chaos;

import dev.opfunctions.local.StorefrontWebhooks;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The chaos agent at the storefront's webhook receiver: while on, it refuses a seeded random share of the
 * verified deliveries with 500 or 503, as a receiver that is down or overloaded would. Never 410: that tells
 * deliver-events to stop attempting the event, which is a decision, not a fault. It also counts, per event
 * id, the deliveries it refused and those it let through (the receiver records an id once, so a second
 * acknowledged delivery of one id is only visible here).
 */
final class WebhookRefusals implements StorefrontWebhooks.Refusals {
    private static final int[] STATUSES = {500, 503};

    private final Random random;
    private final int percent;
    private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private volatile boolean refusing = true;

    /** @param percent the share refused while on, 0 to 100 */
    WebhookRefusals(long seed, int percent) {
        this.random = new Random(seed);
        this.percent = percent;
    }

    @Override
    public OptionalInt statusFor(String webhookId, String type) {
        if (refusing && percent > 0) {
            int draw;
            int status;
            synchronized (random) {
                draw = random.nextInt(100);
                status = STATUSES[random.nextInt(STATUSES.length)];
            }
            if (draw < percent) {
                refused.computeIfAbsent(webhookId, k -> new AtomicInteger()).incrementAndGet();
                return OptionalInt.of(status);
            }
        }
        accepted.computeIfAbsent(webhookId, k -> new AtomicInteger()).incrementAndGet();
        return OptionalInt.empty();
    }

    /** From now on every delivery is let through (the checkouts are driven; the audit follows). */
    void stop() {
        refusing = false;
    }

    /** How many deliveries of the event were refused. */
    int refusals(String eventId) {
        AtomicInteger n = refused.get(eventId);
        return n == null ? 0 : n.get();
    }

    /** How many deliveries of the event were let through to the receiver. */
    int acceptedDeliveries(String eventId) {
        AtomicInteger n = accepted.get(eventId);
        return n == null ? 0 : n.get();
    }

    /** All deliveries refused. */
    int refusedInAll() {
        return refused.values().stream().mapToInt(AtomicInteger::get).sum();
    }
}

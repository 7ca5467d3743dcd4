package dev.opfunctions.checkout.events;

import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.Result;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The storefront's view of its events (GET /checkouts/{id}/events) and its way to ask for one again (POST
 * /checkouts/{id}/events/{sequence}/redeliver). A redelivery puts the row back to pending with a fresh
 * schedule: {@code attempts} starts again from 0 and {@code redeliveries} counts the requests, so the full
 * three days of attempts follow. It is for the webhook only; the event bus is not sent the event again.
 */
public final class EventReplay {

    private final DeliveryStore store;
    private final DeliveryQueue queue;
    private final Clock clock;

    /** @param queue null when webhooks are off (redelivery is then refused) */
    public EventReplay(DeliveryStore store, DeliveryQueue queue, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.clock = clock;
    }

    /** The checkout's events by sequence; only those not delivered when {@code undeliveredOnly}. */
    public List<Delivery> list(String checkoutId, boolean undeliveredOnly) {
        return store.list(checkoutId).stream()
                .filter(d -> !undeliveredOnly || d.status() != DeliveryStatus.DELIVERED)
                .toList();
    }

    public Result<Delivery> redeliver(String checkoutId, long sequence) {
        if (queue == null)
            return Result.err(
                    ErrorCode.WEBHOOKS_DISABLED,
                    "no webhook URL is configured (WebhookUrl), so nothing can be redelivered");
        for (int race = 0; race < 3; race++) {
            var found = store.find(checkoutId, sequence);
            if (found.isEmpty())
                return Result.err(
                        ErrorCode.EVENT_NOT_FOUND,
                        "checkout " + checkoutId + " has no event with sequence " + sequence + " (events are kept "
                                + Delivery.RETENTION.toDays() + " days)");
            Delivery next = found.get().redelivered(clock.instant());
            try {
                store.update(next);
            } catch (DeliveryStore.ConflictException e) {
                continue;
            }
            queue.send(next.command(), Duration.ZERO);
            return Result.ok(next);
        }
        return Result.err(ErrorCode.EVENT_BUSY, "the event is being attempted right now; try again in a minute");
    }
}

package dev.opfunctions.checkout.events;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a batch of stored state transitions (the payments table's stream) into storefront events: for each,
 * creates its delivery row, puts it on the event bus (when one is configured) and asks for its webhook
 * (when one is configured) on the delivery queue. Bus entries and queue messages go in batches of ten.
 *
 * <p>Nothing is lost: the stream keeps every landed write for 24 hours and hands it again until the batch
 * reports it handled, and {@link #handle} reports the first transition whose events were not all handed on.
 * Nothing is invented: events come only from writes that landed. A replayed transition finds its rows: one
 * still pending with no attempt is handed on again (the first try may have died before the queue), any other
 * is left alone. So the bus may see an event twice (receivers deduplicate on its id), the webhook is attempted
 * by one claim at a time.
 */
public final class EventFanOut {

    private final DeliveryStore store;
    private final DeliveryQueue queue;
    private final EventBus bus;
    private final Clock clock;

    /**
     * @param queue null when webhooks are off (rows are still kept, so the storefront can list and redeliver)
     * @param bus   null when no event bus is configured
     */
    public EventFanOut(DeliveryStore store, DeliveryQueue queue, EventBus bus, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.bus = bus;
        this.clock = clock;
    }

    /** What a batch came to: how many events were handed on, and the first transition to hand again, if any. */
    public record Outcome(int handedOn, Optional<String> firstFailed, RuntimeException cause) {}

    private record Pending(String sequenceNumber, StorefrontEvent event, DeliveryCommand command) {}

    public Outcome handle(List<StateTransition> batch) {
        List<Pending> pending = new ArrayList<>();
        int handed = 0;
        String current = null;
        try {
            for (StateTransition t : batch) {
                current = t.sequenceNumber();
                for (StorefrontEvent e : t.storefrontEvents()) {
                    Delivery row = Delivery.pending(e, clock.instant());
                    if (store.create(row) || unsent(e)) pending.add(new Pending(current, e, row.command()));
                }
                if (pending.size() >= Math.min(EventBus.MAX_BATCH, DeliveryQueue.MAX_BATCH)) {
                    handed += flush(pending);
                    pending.clear();
                }
            }
            handed += flush(pending);
            return new Outcome(handed, Optional.empty(), null);
        } catch (RuntimeException e) {
            String first = pending.isEmpty() ? current : pending.get(0).sequenceNumber();
            return new Outcome(handed, Optional.ofNullable(first), e);
        }
    }

    /** A row a replayed transition finds: handed on again only if no attempt was ever claimed. */
    private boolean unsent(StorefrontEvent e) {
        return store.find(e.checkoutId(), e.sequence())
                .map(d -> d.status() == DeliveryStatus.PENDING && d.attempts() == 0)
                .orElse(false);
    }

    private int flush(List<Pending> pending) {
        for (int from = 0; from < pending.size(); from += EventBus.MAX_BATCH) {
            List<Pending> part = pending.subList(from, Math.min(pending.size(), from + EventBus.MAX_BATCH));
            // The bus first: once the webhook command is queued, a replay no longer repeats either.
            if (bus != null) bus.publish(part.stream().map(Pending::event).toList());
            if (queue != null)
                queue.sendBatch(part.stream().map(Pending::command).toList());
        }
        return pending.size();
    }
}

package dev.opfunctions.checkout.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a batch of stored state transitions (the payments table's stream) into storefront events: puts them
 * on the event bus (when one is configured), then gives each to the webhook (when one is configured). Bus
 * entries and queue messages go in batches of ten.
 *
 * <p>The webhook's first attempt is made here, in the stream's invocation ({@link WebhookDelivery#first}): one
 * row write per delivered event, no queue message, no second invocation, and the storefront hears of the
 * event without a queue's hop. Only while the invocation has {@link #ATTEMPT_ROOM} left, for at most
 * {@link #ATTEMPTS_FOR} of it, and only until an attempt fails: a stream shard is read one batch at a time,
 * so a slow or failing endpoint, or a burst of events, must not hold it. The rest of the batch gets pending
 * rows and delivery commands on the queue, whose consumers scale out and whose backoff spares a failing
 * endpoint. With webhooks off, each event still gets a row (the storefront lists them).
 *
 * <p>Nothing is lost: the stream keeps every landed write for 24 hours and hands it again until the batch
 * reports it handled, and {@link #handle} reports the first transition whose events were not all handed on.
 * Nothing is invented: events come only from writes that landed. A replayed transition finds its rows: one
 * still pending is handed to the queue again when the crash may have come before its command was queued, any
 * other is left alone. So the bus may see an event twice, and the webhook too after a crash (receivers
 * deduplicate on the event's id); a row is attempted by one claim at a time.
 */
public final class EventFanOut {

    /** Room an attempt needs in the invocation: the endpoint's connect and answer timeouts, and a margin. */
    public static final Duration ATTEMPT_ROOM = Duration.ofSeconds(25);

    /** How long a batch makes first attempts itself before queueing the rest (a busy shard keeps moving). */
    public static final Duration ATTEMPTS_FOR = Duration.ofSeconds(2);

    private final DeliveryStore store;
    private final DeliveryQueue queue;
    private final EventBus bus;
    private final WebhookDelivery webhook;
    private final Clock clock;

    /**
     * Every webhook through the queue (the first attempt in a later invocation).
     *
     * @param queue null when webhooks are off (rows are still kept, so the storefront can list and redeliver)
     * @param bus   null when no event bus is configured
     */
    public EventFanOut(DeliveryStore store, DeliveryQueue queue, EventBus bus, Clock clock) {
        this(store, queue, bus, null, clock);
    }

    /** @param webhook makes first attempts here; null to queue every event (as when webhooks are off) */
    public EventFanOut(DeliveryStore store, DeliveryQueue queue, EventBus bus, WebhookDelivery webhook, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.bus = bus;
        this.webhook = webhook;
        this.clock = clock;
    }

    /** An attempt made here, for the logs. */
    public record Attempt(StorefrontEvent event, WebhookDelivery.Outcome outcome) {}

    /**
     * What a batch came to: how many events were handed on, the attempts made here, and the first transition
     * to hand again, if any.
     */
    public record Outcome(int handedOn, List<Attempt> attempts, Optional<String> firstFailed, RuntimeException cause) {}

    private record Found(String sequenceNumber, StorefrontEvent event) {}

    /** A batch with no first attempts made here (tests, and callers without an invocation deadline). */
    public Outcome handle(List<StateTransition> batch) {
        return handle(batch, Duration.ZERO);
    }

    /** @param left what remains of the invocation: first attempts only while {@link #ATTEMPT_ROOM} is left */
    public Outcome handle(List<StateTransition> batch, Duration left) {
        Run run = new Run(clock.instant().plus(left));
        List<Found> chunk = new ArrayList<>();
        String current = null;
        try {
            for (StateTransition t : batch) {
                current = t.sequenceNumber();
                for (StorefrontEvent e : t.storefrontEvents()) chunk.add(new Found(current, e));
                if (chunk.size() >= EventBus.MAX_BATCH) {
                    run.hand(chunk);
                    chunk.clear();
                }
            }
            run.hand(chunk);
            return new Outcome(run.handed, run.attempts, Optional.empty(), null);
        } catch (RuntimeException e) {
            String first = chunk.isEmpty() ? current : chunk.get(0).sequenceNumber();
            return new Outcome(run.handed, run.attempts, Optional.ofNullable(first), e);
        }
    }

    /** One batch's progress. */
    private final class Run {
        /** No first attempt starts after this: the earlier of the attempts' time and the room they need. */
        private final Instant attemptsUntil;

        private final List<Attempt> attempts = new ArrayList<>();
        private boolean attemptHere;
        private int handed;

        Run(Instant deadline) {
            Instant attemptsEnd = clock.instant().plus(ATTEMPTS_FOR);
            Instant roomEnd = deadline.minus(ATTEMPT_ROOM);
            this.attemptsUntil = roomEnd.isBefore(attemptsEnd) ? roomEnd : attemptsEnd;
            this.attemptHere = webhook != null;
        }

        void hand(List<Found> chunk) {
            List<StorefrontEvent> tell = new ArrayList<>();
            List<StorefrontEvent> fresh = new ArrayList<>();
            List<DeliveryCommand> commands = new ArrayList<>();
            for (Found f : chunk) {
                StorefrontEvent e = f.event();
                if (webhook == null) {
                    // The row first: a replay finds it, and tells again only what was never queued.
                    Delivery row = Delivery.pending(e, clock.instant());
                    if (!store.create(row) && !unsent(e)) continue;
                    tell.add(e);
                    if (queue != null) commands.add(row.command());
                    continue;
                }
                // Here the row comes after the bus and the attempt, so a row found means both were done; its
                // next attempt is queued again if pending, as a crash may have come first.
                var row = store.find(e.checkoutId(), e.sequence());
                if (row.isPresent()) {
                    if (row.get().status() == DeliveryStatus.PENDING)
                        commands.add(row.get().command());
                    continue;
                }
                tell.add(e);
                fresh.add(e);
            }
            // The bus first: it is told whatever becomes of the webhook.
            for (int from = 0; bus != null && from < tell.size(); from += EventBus.MAX_BATCH)
                bus.publish(tell.subList(from, Math.min(tell.size(), from + EventBus.MAX_BATCH)));
            for (StorefrontEvent e : fresh) {
                if (attemptHere && clock.instant().isBefore(attemptsUntil)) {
                    WebhookDelivery.Outcome o = webhook.first(e);
                    attempts.add(new Attempt(e, o));
                    if (o instanceof WebhookDelivery.Outcome.Retrying || o instanceof WebhookDelivery.Outcome.GivenUp)
                        attemptHere = false;
                    continue;
                }
                Delivery row = Delivery.pending(e, clock.instant());
                if (store.create(row)) commands.add(row.command());
            }
            for (int from = 0; from < commands.size(); from += DeliveryQueue.MAX_BATCH)
                queue.sendBatch(commands.subList(from, Math.min(commands.size(), from + DeliveryQueue.MAX_BATCH)));
            handed += tell.size();
        }
    }

    /** A row a replayed transition finds: handed to the queue again only if no attempt was ever claimed. */
    private boolean unsent(StorefrontEvent e) {
        return store.find(e.checkoutId(), e.sequence())
                .map(d -> d.status() == DeliveryStatus.PENDING && d.attempts() == 0)
                .orElse(false);
    }
}

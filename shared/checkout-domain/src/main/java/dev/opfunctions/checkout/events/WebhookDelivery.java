package dev.opfunctions.checkout.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * One webhook attempt: the first one of a new event ({@link #first}, from the stream's invocation), or one per
 * delivery command, if the event is still pending and due. A command's attempt is claimed first (a conditional
 * write counting it), so duplicate messages never make two attempts at once; the outcome is recorded after.
 * 2xx delivers; 410 Gone refuses the event (no more attempts of it, DLQ, an ERROR naming the endpoint; later
 * events are still attempted, nothing is disabled silently); anything else (other
 * statuses, redirects, timeouts) is retried on {@link DeliverySchedule}, and after the last attempt the event
 * is {@code failed} and sent to the DLQ, whose alarm fires. At least once overall: a crash between the
 * endpoint's 2xx and its record makes one more attempt.
 */
public final class WebhookDelivery {

    /** A claimed attempt holds the row this long (above the endpoint's timeouts), so a duplicate waits. */
    public static final Duration LEASE = Duration.ofSeconds(60);

    private final DeliveryStore store;
    private final DeliveryQueue queue;
    private final WebhookEndpoint endpoint;
    private final Clock clock;

    /** @param endpoint null when webhooks are off (commands are then dropped: none is sent) */
    public WebhookDelivery(DeliveryStore store, DeliveryQueue queue, WebhookEndpoint endpoint, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /** What came of a command. */
    public sealed interface Outcome {
        record Skipped(String why) implements Outcome {}

        record Delivered(int attempt, int status) implements Outcome {}

        record Retrying(int attempt, String last, Instant nextAttemptAt) implements Outcome {}

        /** Given up: {@code failed} after the last attempt, or {@code refused} (410). Logged at ERROR. */
        record GivenUp(DeliveryStatus status, int attempts, String last, String endpoint) implements Outcome {}
    }

    public Outcome handle(DeliveryCommand command) {
        var found = store.find(command.checkoutId(), command.sequence());
        if (found.isEmpty()) return new Outcome.Skipped("no delivery row (expired, or never created)");
        Delivery row = found.get();
        if (row.status() != DeliveryStatus.PENDING)
            return new Outcome.Skipped("already " + row.status().wireName());
        if (endpoint == null) return new Outcome.Skipped("webhooks are off");
        Instant now = clock.instant();
        if (row.nextAttemptAt() != null && row.nextAttemptAt().isAfter(now)) {
            queue.send(command, cap(Duration.between(now, row.nextAttemptAt())));
            return new Outcome.Skipped("not due before " + row.nextAttemptAt());
        }
        if (row.attempts() >= DeliverySchedule.maxAttempts())
            // The last attempt's outcome was never recorded (a crash): it failed as far as anyone knows.
            return giveUp(row, DeliveryStatus.FAILED, row.lastStatus(), this::record);
        Delivery claimed = row.claimed(now, now.plus(LEASE));
        try {
            store.update(claimed);
        } catch (DeliveryStore.ConflictException e) {
            return new Outcome.Skipped("another attempt claimed it");
        }
        return attempt(claimed, now, this::record);
    }

    /**
     * The first attempt of a new event, made where it was found (the stream's invocation) before it has a row:
     * the row is then created once, with the outcome, instead of written three times (created, claimed,
     * recorded), and the queue is used only for retries. Nothing else can attempt an event that has no row, so
     * no claim is needed; a crash before the row exists makes the stream hand the record again, which attempts
     * again (at least once, as everywhere). The caller has found no row for {@code e} (a replay that finds one
     * attempts nothing); should one appear meanwhile, it is left as it is and, if pending, its next attempt is
     * queued again.
     */
    public Outcome first(StorefrontEvent e) {
        if (endpoint == null) return new Outcome.Skipped("webhooks are off");
        Instant now = clock.instant();
        return attempt(Delivery.pending(e, now).claimed(now, now.plus(LEASE)), now, this::createOrRequeue);
    }

    /** Posts the claimed attempt and stores its outcome with {@code save} (false: someone else's row won). */
    private Outcome attempt(Delivery claimed, Instant now, Predicate<Delivery> save) {
        WebhookEndpoint.Answer answer = endpoint.post(claimed.eventId(), now, claimed.body());
        String last = switch (answer) {
            case WebhookEndpoint.Answer.Status s -> Integer.toString(s.code());
            case WebhookEndpoint.Answer.Unreachable u -> u.error();
        };
        if (answer instanceof WebhookEndpoint.Answer.Status s && s.code() >= 200 && s.code() < 300) {
            save.test(claimed.outcome(DeliveryStatus.DELIVERED, last, null));
            return new Outcome.Delivered(claimed.attempts(), s.code());
        }
        if (answer instanceof WebhookEndpoint.Answer.Status s && s.code() == 410)
            return giveUp(claimed, DeliveryStatus.REFUSED, last, save);
        var gap = DeliverySchedule.after(claimed.attempts());
        if (gap.isEmpty()) return giveUp(claimed, DeliveryStatus.FAILED, last, save);
        Instant next = now.plus(gap.get());
        if (!save.test(claimed.outcome(DeliveryStatus.PENDING, last, next)))
            return new Outcome.Skipped("changed while attempting (redelivered)");
        queue.send(claimed.command(), cap(gap.get()));
        return new Outcome.Retrying(claimed.attempts(), last, next);
    }

    /** The DLQ first, so a crash before the row's write repeats it rather than losing the alarm. */
    private Outcome giveUp(Delivery claimed, DeliveryStatus how, String last, Predicate<Delivery> save) {
        Delivery given = claimed.outcome(how, last, null);
        queue.deadLetter(given);
        save.test(given);
        return new Outcome.GivenUp(how, given.attempts(), last, endpoint.describe());
    }

    private boolean createOrRequeue(Delivery row) {
        if (store.create(row)) return true;
        store.find(row.checkoutId(), row.sequence())
                .filter(d -> d.status() == DeliveryStatus.PENDING)
                .ifPresent(d -> queue.send(d.command(), Duration.ZERO));
        return false;
    }

    private boolean record(Delivery next) {
        try {
            store.update(next);
            return true;
        } catch (DeliveryStore.ConflictException e) {
            // A redelivery reset the row meanwhile: its own command makes the next attempt.
            return false;
        }
    }

    private static Duration cap(Duration d) {
        return d.compareTo(DeliveryQueue.MAX_DELAY) > 0 ? DeliveryQueue.MAX_DELAY : d;
    }
}

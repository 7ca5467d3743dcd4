package dev.opfunctions.local.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.local.LocalEventBus;
import dev.opfunctions.local.ReceivedWebhook;
import dev.opfunctions.local.Storefront;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Lets the storefront events of a run arrive before they are audited. The refusals stop when the checkouts
 * have been driven; what is refused by then is either in its 5 s retry, which deliver-events makes on its
 * own, or (refused twice or more) scheduled 5 minutes or hours ahead. The run does not wait for those: after
 * a grace period that covers the stream's lag and the 5 s retry, every event still undelivered whose next
 * attempt is further away than that (or that was given up) is redelivered through {@code POST
 * /checkouts/{id}/events/{sequence}/redeliver}, as a storefront does once its endpoint is back. So the wait
 * is bounded by seconds whatever the refusals did, and the redelivery route is exercised under load too.
 * Waiting only for the 5 s retry would need at most one refusal per event, which a receiver that fails at
 * random does not promise.
 */
final class EventSettling {
    /** Stream lag, the first attempt, a 5 s retry and a queue message's visibility after a killed function. */
    static final Duration GRACE = Duration.ofSeconds(20);
    /** How long the run waits in all for the events to arrive. */
    static final Duration BOUND = Duration.ofSeconds(120);
    /** An event is not asked for again sooner than this (its redelivery is queued and attempted at once). */
    private static final Duration ASK_AGAIN_AFTER = Duration.ofSeconds(20);

    private static final Duration POLL = Duration.ofSeconds(2);

    private final ShopClient shop;
    private final Storefront storefront;
    private final LocalEventBus bus;
    private final Consumer<String> log;
    private final Set<String> redelivered = new HashSet<>();
    private final Map<String, Instant> askedAt = new HashMap<>();

    EventSettling(ShopClient shop, Storefront storefront, LocalEventBus bus, Consumer<String> log) {
        this.shop = shop;
        this.storefront = storefront;
        this.bus = bus;
        this.log = log;
    }

    /**
     * Waits until every expected event reached the receiver and the bus, redelivering as described, or until
     * {@link #BOUND}; returns the ids of the events it asked to redeliver.
     *
     * @param expected by checkout id, event id to type ({@link EventsAudit#expected})
     */
    Set<String> await(Map<String, Map<String, String>> expected) throws InterruptedException {
        Instant start = Instant.now();
        Instant end = start.plus(BOUND);
        while (true) {
            Map<String, Set<String>> undelivered = undelivered(expected);
            boolean busComplete = onBus().containsAll(ids(expected));
            if (undelivered.isEmpty() && busComplete) return Set.copyOf(redelivered);
            if (Instant.now().isAfter(end)) {
                log.accept("events: still undelivered after " + BOUND.toSeconds() + " s: " + undelivered.size()
                        + " checkouts" + (busComplete ? "" : ", and some events never reached the bus"));
                return Set.copyOf(redelivered);
            }
            if (Instant.now().isAfter(start.plus(GRACE))) {
                for (Map.Entry<String, Set<String>> c : undelivered.entrySet()) redeliverLate(c.getKey(), c.getValue());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private Map<String, Set<String>> undelivered(Map<String, Map<String, String>> expected) {
        Map<String, Set<String>> out = new HashMap<>();
        expected.forEach((checkout, want) -> {
            Set<String> got = new HashSet<>();
            for (ReceivedWebhook w : storefront.received(checkout)) got.add(w.id());
            Set<String> left = new HashSet<>(want.keySet());
            left.removeAll(got);
            if (!left.isEmpty()) out.put(checkout, left);
        });
        return out;
    }

    private static Set<String> ids(Map<String, Map<String, String>> expected) {
        Set<String> all = new HashSet<>();
        expected.values().forEach(m -> all.addAll(m.keySet()));
        return all;
    }

    private Set<String> onBus() {
        Set<String> ids = new HashSet<>();
        bus.events().forEach(b -> ids.add(EventsAudit.idOf(b)));
        return ids;
    }

    /** Redelivers the checkout's missing events whose next attempt is not due within the grace period. */
    private void redeliverLate(String checkoutId, Set<String> missing) throws InterruptedException {
        ShopClient.Reply listed = shop.undeliveredEvents(checkoutId);
        if (listed.status() != 200 || listed.body() == null) return;
        Instant now = Instant.now();
        for (JsonNode e : listed.body().path("events")) {
            String id = e.path("id").asText();
            JsonNode delivery = e.path("delivery");
            String status = delivery.path("status").asText();
            boolean late = !status.equals("pending")
                    || delivery.hasNonNull("nextAttemptAt")
                            && Instant.parse(delivery.get("nextAttemptAt").asText())
                                    .isAfter(now.plus(GRACE));
            Instant asked = askedAt.get(id);
            if (!missing.contains(id)
                    || !late
                    || asked != null && asked.plus(ASK_AGAIN_AFTER).isAfter(now)) continue;
            askedAt.put(id, now);
            ShopClient.Reply r = shop.redeliver(checkoutId, e.path("sequence").asLong());
            if (r.status() == 202) {
                redelivered.add(id);
            } else {
                log.accept("events: redelivery of " + id + " answered " + r.status() + " " + r.body());
            }
        }
    }

    /** What the event bus stand-in holds. */
    List<LocalEventBus.BusEvent> busEvents() {
        return bus.events();
    }

    /** The events the receiver recorded for each checkout. */
    Map<String, List<ReceivedWebhook>> received(Set<String> checkoutIds) {
        Map<String, List<ReceivedWebhook>> out = new HashMap<>();
        checkoutIds.forEach(c -> out.put(c, storefront.received(c)));
        return out;
    }
}

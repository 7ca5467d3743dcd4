package dev.opfunctions.local.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.checkout.events.EventMapping;
import dev.opfunctions.checkout.events.StorefrontEvent;
import dev.opfunctions.checkout.model.CheckoutEvent;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.local.LocalEventBus;
import dev.opfunctions.local.ReceivedWebhook;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the storefront events of a run against the checkouts' full stored histories: the events a history
 * implies (each history event mapped by {@link EventMapping} with the status before it, as deliver-events
 * maps the stream's transitions) must be exactly what the storefront's receiver recorded for the checkout,
 * each once with its type, nothing missing, nothing extra; and the EventBridge stand-in must hold every
 * expected event at least once (it is at least once: a replayed stream batch puts an event again) and no
 * other.
 */
final class EventsAudit {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the audit found.
     *
     * @param refusedThenRetried events refused at least once and then delivered by deliver-events' own retry
     * @param redelivered events the run asked to redeliver (POST .../redeliver) before they were delivered
     * @param deliveredAgain events the receiver acknowledged more than once (at least once: allowed, counted)
     * @param missing expected events the receiver did not record, as {@code checkoutId id type}
     * @param unexpected recorded events no history implies (or of another type), likewise
     * @param busMissing expected events the event bus never got
     * @param busUnexpected events on the bus no history implies
     * @param busDuplicates entries on the bus repeating an event id already there
     */
    record Result(
            int expected,
            int delivered,
            int refused,
            int refusedThenRetried,
            int redelivered,
            int deliveredAgain,
            List<String> missing,
            List<String> unexpected,
            List<String> busMissing,
            List<String> busUnexpected,
            int busDuplicates) {

        boolean passed() {
            return missing.isEmpty() && unexpected.isEmpty() && busMissing.isEmpty() && busUnexpected.isEmpty();
        }
    }

    private EventsAudit() {}

    /**
     * Once the checkouts are driven: waits (bounded) for their storefront events, redelivering those retried
     * far ahead ({@link EventSettling}), then audits them against the histories as they are then.
     */
    static Result afterTheRun(
            List<String> orderIds, CheckoutStore store, EventSettling settling, WebhookRefusals refusals)
            throws InterruptedException {
        Set<String> redelivered = settling.await(expected(orderIds, store));
        Map<String, Map<String, String>> expected = expected(orderIds, store);
        return audit(expected, settling.received(expected.keySet()), settling.busEvents(), refusals, redelivered);
    }

    /** For each of the orders' checkouts (by checkout id), the events its whole stored history implies. */
    static Map<String, Map<String, String>> expected(List<String> orderIds, CheckoutStore store) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (String order : orderIds)
            store.findByOrder(order)
                    .ifPresent(c -> out.put(c.id(), expected(c.id(), store.history(c.id()), c.hasPlan())));
        return out;
    }

    /** The storefront events a checkout's whole history implies, event id to type, in sequence order. */
    static Map<String, String> expected(String checkoutId, List<CheckoutEvent> history, boolean plan) {
        Map<String, String> out = new LinkedHashMap<>();
        CheckoutStatus before = null;
        for (CheckoutEvent e : history) {
            CheckoutStatus was = before;
            EventMapping.of(e, was, plan)
                    .ifPresent(t -> out.put(StorefrontEvent.idOf(checkoutId, e.version()), t.wireName()));
            before = e.status();
        }
        return out;
    }

    /**
     * @param expected by checkout id, what {@link #expected} gives
     * @param received by checkout id, what the receiver recorded
     * @param redelivered the event ids the run asked to redeliver
     */
    static Result audit(
            Map<String, Map<String, String>> expected,
            Map<String, List<ReceivedWebhook>> received,
            List<LocalEventBus.BusEvent> bus,
            WebhookRefusals refusals,
            Set<String> redelivered) {
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        Map<String, String> all = new HashMap<>();
        int count = 0;
        int delivered = 0;
        int refused = 0;
        int retried = 0;
        int asked = 0;
        int again = 0;
        for (Map.Entry<String, Map<String, String>> c : expected.entrySet()) {
            Map<String, String> want = c.getValue();
            all.putAll(want);
            count += want.size();
            Map<String, String> got = new LinkedHashMap<>();
            for (ReceivedWebhook w : received.getOrDefault(c.getKey(), List.of())) {
                got.put(w.id(), w.type());
                if (!w.type().equals(want.get(w.id()))) unexpected.add(c.getKey() + " " + w.id() + " " + w.type());
            }
            for (Map.Entry<String, String> e : want.entrySet()) {
                String id = e.getKey();
                if (refusals.refusals(id) > 0) refused++;
                if (refusals.acceptedDeliveries(id) > 1) again++;
                if (redelivered.contains(id)) asked++;
                if (!e.getValue().equals(got.get(id))) {
                    missing.add(c.getKey() + " " + id + " " + e.getValue());
                    continue;
                }
                delivered++;
                if (refusals.refusals(id) > 0 && !redelivered.contains(id)) retried++;
            }
        }
        List<String> busMissing = new ArrayList<>();
        List<String> busUnexpected = new ArrayList<>();
        Map<String, Integer> onBus = new HashMap<>();
        for (LocalEventBus.BusEvent b : bus) {
            String id = idOf(b);
            if (onBus.merge(id, 1, Integer::sum) > 1) continue;
            if (!b.detailType().equals(all.get(id))) busUnexpected.add(id + " " + b.detailType());
        }
        expected.forEach((checkout, want) -> want.forEach((id, type) -> {
            if (!onBus.containsKey(id)) busMissing.add(checkout + " " + id + " " + type);
        }));
        int busDuplicates = onBus.values().stream().mapToInt(n -> n - 1).sum();
        return new Result(
                count,
                delivered,
                refused,
                retried,
                asked,
                again,
                missing,
                unexpected,
                busMissing,
                busUnexpected,
                busDuplicates);
    }

    /** The event id a bus entry carries in its Detail ({@code data.id}), or a description when it has none. */
    static String idOf(LocalEventBus.BusEvent b) {
        try {
            JsonNode detail = JSON.readTree(b.detail());
            return detail != null && detail.path("id").isTextual()
                    ? detail.get("id").asText()
                    : "(no id) " + b.eventId();
        } catch (IOException e) {
            return "(detail not JSON) " + b.eventId();
        }
    }
}

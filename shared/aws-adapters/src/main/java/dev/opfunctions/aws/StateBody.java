package dev.opfunctions.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.checkout.model.CheckoutEvent;
import dev.opfunctions.checkout.model.CheckoutStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the state item's compressed {@code body} holds, one deflate stream so the parts share its matches:
 * {@code d} the stored document without the installment groups kept apart ({@link PlanParts}), {@code e} the
 * newest history events as {@code [version, at, type, status, detail?]}, {@code a} which installments are
 * stored apart as ranges {@code [from, to]} (so it stays a few bytes however long the plan), and {@code t} the
 * TTL their items carry.
 */
record StateBody(ObjectNode doc, List<CheckoutEvent> events, SortedSet<Integer> apart, long apartExpiresAtEpoch) {

    StateBody {
        events = List.copyOf(events);
        apart = new TreeSet<>(apart);
    }

    byte[] encode() {
        ObjectNode body = CheckoutJson.MAPPER.createObjectNode();
        body.set("d", doc);
        body.set("e", events(events));
        ArrayNode a = body.putArray("a");
        Integer from = null, to = null;
        for (int n : apart) {
            if (to != null && n == to + 1) {
                to = n;
                continue;
            }
            if (from != null) a.addArray().add(from).add(to);
            from = n;
            to = n;
        }
        if (from != null) a.addArray().add(from).add(to);
        if (!apart.isEmpty()) body.put("t", apartExpiresAtEpoch);
        return DocCodec.encode(body);
    }

    /** Events in their compact stored form (the window, and the event items spilled from it). */
    static ArrayNode events(List<CheckoutEvent> events) {
        ArrayNode e = CheckoutJson.MAPPER.createArrayNode();
        for (CheckoutEvent ev : events) {
            ArrayNode a = e.addArray()
                    .add(ev.version())
                    .add(ev.at().toString())
                    .add(ev.type())
                    .add(ev.status().name());
            if (ev.detail() != null && !ev.detail().isEmpty()) a.add(ev.detail());
        }
        return e;
    }

    static List<CheckoutEvent> events(String checkoutId, JsonNode stored) {
        List<CheckoutEvent> events = new ArrayList<>();
        for (JsonNode e : stored)
            events.add(new CheckoutEvent(
                    checkoutId,
                    e.get(0).asLong(),
                    Instant.parse(e.get(1).asText()),
                    e.get(2).asText(),
                    CheckoutStatus.valueOf(e.get(3).asText()),
                    e.size() > 4 ? e.get(4).asText() : ""));
        return events;
    }

    /**
     * The body of checkout {@code checkoutId}'s state item.
     *
     * @throws IllegalArgumentException when the bytes are not a body this code writes
     */
    static StateBody decode(String checkoutId, int encoding, byte[] bytes) {
        JsonNode body;
        try {
            body = CheckoutJson.STRICT.readTree(DocCodec.decode(encoding, bytes));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the state body is not JSON: " + e.getOriginalMessage(), e);
        }
        if (!body.path("d").isObject()) throw new IllegalArgumentException("the state body has no document");
        SortedSet<Integer> apart = new TreeSet<>();
        for (JsonNode range : body.path("a"))
            for (int n = range.get(0).asInt(); n <= range.get(1).asInt(); n++) apart.add(n);
        return new StateBody(
                (ObjectNode) body.get("d"),
                events(checkoutId, body.path("e")),
                apart,
                body.path("t").asLong());
    }
}

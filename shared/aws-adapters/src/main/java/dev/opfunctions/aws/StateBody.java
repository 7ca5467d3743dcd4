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
import java.util.Map;
import java.util.TreeMap;

/**
 * What the state item's compressed {@code body} holds, one deflate stream so the parts share its matches:
 * {@code d} the stored document without the installment groups kept apart ({@link PlanParts}), {@code e} the
 * newest history events as {@code [version, at, type, status, detail?]}, and {@code a} the groups kept apart
 * as {@code {"n": [hash, expiresAtEpoch]}} (the hash names the group's item; see {@link PlanParts#hash}).
 */
record StateBody(ObjectNode doc, List<CheckoutEvent> events, Map<Integer, Apart> apart) {

    /** An installment group stored apart: its content hash (part of its key) and the TTL its item carries. */
    record Apart(String hash, long expiresAtEpoch) {}

    StateBody {
        events = List.copyOf(events);
        apart = new TreeMap<>(apart);
    }

    byte[] encode() {
        ObjectNode body = CheckoutJson.MAPPER.createObjectNode();
        body.set("d", doc);
        ArrayNode e = body.putArray("e");
        for (CheckoutEvent ev : events) {
            ArrayNode a = e.addArray()
                    .add(ev.version())
                    .add(ev.at().toString())
                    .add(ev.type())
                    .add(ev.status().name());
            if (ev.detail() != null && !ev.detail().isEmpty()) a.add(ev.detail());
        }
        ObjectNode a = body.putObject("a");
        apart.forEach((n, p) -> a.putArray(Integer.toString(n)).add(p.hash()).add(p.expiresAtEpoch()));
        return DocCodec.encode(body);
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
        List<CheckoutEvent> events = new ArrayList<>();
        for (JsonNode e : body.path("e"))
            events.add(new CheckoutEvent(
                    checkoutId,
                    e.get(0).asLong(),
                    Instant.parse(e.get(1).asText()),
                    e.get(2).asText(),
                    CheckoutStatus.valueOf(e.get(3).asText()),
                    e.size() > 4 ? e.get(4).asText() : ""));
        Map<Integer, Apart> apart = new TreeMap<>();
        body.path("a")
                .properties()
                .forEach(p -> apart.put(
                        Integer.parseInt(p.getKey()),
                        new Apart(
                                p.getValue().get(0).asText(),
                                p.getValue().get(1).asLong())));
        return new StateBody((ObjectNode) body.get("d"), events, apart);
    }
}

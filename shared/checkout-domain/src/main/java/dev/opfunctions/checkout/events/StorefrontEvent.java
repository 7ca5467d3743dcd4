package dev.opfunctions.checkout.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One event for the storefront. {@code id} is {@code evt_{checkoutId}_{sequence}}, where {@code sequence} is
 * the checkout version the change produced: per checkout strictly increasing but not dense (internal steps
 * take versions too), and the same whoever produces the event again, so receivers deduplicate on it.
 *
 * @param at   when the transition was stored
 * @param data the webhook's {@code data} and EventBridge's {@code Detail}
 */
public record StorefrontEvent(
        String id, String checkoutId, long sequence, StorefrontEventType type, Instant at, ObjectNode data) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static String idOf(String checkoutId, long sequence) {
        return "evt_" + checkoutId + "_" + sequence;
    }

    /** The webhook body, compact: {@code {"type":…,"timestamp":…,"data":{…}}}. */
    public String body() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("type", type.wireName());
        n.put("timestamp", at.toString());
        n.set("data", data);
        return n.toString();
    }

    /** {@link #data} as compact JSON (EventBridge's Detail). */
    public String detail() {
        return data.toString();
    }
}

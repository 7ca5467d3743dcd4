package dev.opfunctions.functions.startcheckout;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.Result;
import dev.opfunctions.checkout.events.Delivery;
import dev.opfunctions.checkout.events.EventReplay;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.service.CheckoutQueries;
import dev.opfunctions.lambda.HttpResponses;
import dev.opfunctions.lambda.Log;
import dev.opfunctions.lambda.Ports;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The storefront's events of a checkout: {@code GET /checkouts/{id}/events} lists them with their webhook
 * delivery state ({@code ?undelivered=true}: those not delivered), each with the event as it is sent; {@code
 * POST /checkouts/{id}/events/{sequence}/redeliver} puts one back to pending with a fresh schedule and queues
 * its webhook (202).
 */
final class EventRoutes {

    private static final Pattern EVENTS =
            Pattern.compile("/checkouts/([A-Za-z0-9-]{1,64})/events(?:/([0-9]{1,18})/redeliver)?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventReplay replay;
    private final CheckoutQueries queries;

    /** @param replay null when the function has no event resources configured (DELIVERIES_TABLE_NAME unset) */
    EventRoutes(EventReplay replay, CheckoutQueries queries) {
        this.replay = replay;
        this.queries = queries;
    }

    /** The replay service on the ports' delivery rows, or null when the function has none (DELIVERIES_TABLE_NAME unset). */
    static EventReplay replay(Ports ports) {
        Ports.Deliveries d = ports.deliveries();
        return d == null ? null : new EventReplay(d.store(), d.queue(), ports.clock());
    }

    /** The answer, or empty when the request is not one of these routes. */
    Optional<APIGatewayV2HTTPResponse> route(String method, String path, Map<String, String> query) {
        Matcher m = EVENTS.matcher(path);
        if (!m.matches()) return Optional.empty();
        boolean redeliver = m.group(2) != null;
        if (!method.equals(redeliver ? "POST" : "GET")) return Optional.empty();
        if (replay == null)
            return Optional.of(HttpResponses.error(
                    ErrorCode.ROUTE_NOT_FOUND, "storefront events are not configured here (DELIVERIES_TABLE_NAME)"));
        String id = m.group(1);
        return Optional.of(redeliver ? redeliver(id, Long.parseLong(m.group(2))) : list(id, query.get("undelivered")));
    }

    private APIGatewayV2HTTPResponse list(String id, String undelivered) {
        if (undelivered != null && !undelivered.equals("true") && !undelivered.equals("false"))
            return HttpResponses.error(ErrorCode.INVALID_FIELD, "query parameter undelivered must be true or false");
        if (queries.get(id) instanceof Result.Err<Checkout> err) return HttpResponses.error(err.problem());
        ObjectNode out = JSON.createObjectNode();
        out.put("checkoutId", id);
        var events = out.putArray("events");
        replay.list(id, "true".equals(undelivered)).forEach(d -> events.add(view(d)));
        return HttpResponses.json(200, out.toString());
    }

    private APIGatewayV2HTTPResponse redeliver(String id, long sequence) {
        return switch (replay.redeliver(id, sequence)) {
            case Result.Err<Delivery> err -> HttpResponses.error(err.problem());
            case Result.Ok<Delivery> ok -> {
                Log.info("event redelivery asked", "checkoutId", id, "sequence", Long.toString(sequence));
                yield HttpResponses.json(202, view(ok.value()).toString());
            }
        };
    }

    /** One event: its delivery state and the event itself, exactly as the webhook carries it. */
    static ObjectNode view(Delivery d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", d.eventId());
        o.put("sequence", d.sequence());
        o.put("type", d.type());
        ObjectNode delivery = o.putObject("delivery");
        delivery.put("status", d.status().wireName());
        delivery.put("attempts", d.attempts());
        delivery.put("redeliveries", d.redeliveries());
        if (d.lastAttemptAt() != null)
            delivery.put("lastAttemptAt", d.lastAttemptAt().toString());
        if (d.lastStatus() != null) delivery.put("lastStatus", d.lastStatus());
        if (d.nextAttemptAt() != null && d.status() == dev.opfunctions.checkout.events.DeliveryStatus.PENDING)
            delivery.put("nextAttemptAt", d.nextAttemptAt().toString());
        try {
            o.set("event", JSON.readTree(d.body()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("delivery " + d.eventId() + " holds a body that is not JSON", e);
        }
        return o;
    }
}

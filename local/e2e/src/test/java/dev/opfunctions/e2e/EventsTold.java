package dev.opfunctions.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.local.LocalEventBus;
import dev.opfunctions.local.ReceivedWebhook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What the storefront was told about a checkout on an {@link EventsProduct}, judged from all sides: the
 * demo receiver's verified records, the delivery rows of {@code GET /checkouts/{id}/events}, the EventBridge
 * stand-in's entries, and EventDeliveryDLQ.
 */
final class EventsTold {

    static final String SOURCE = "opfunctions.checkout";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventsProduct p;

    EventsTold(EventsProduct p) {
        this.p = p;
    }

    /**
     * Waits until the receiver has {@code types}' count of events for the checkout, then holds that it has
     * exactly those, verified, in increasing sequence, each once with its own id, that the delivery rows are
     * exactly those and delivered, and that the EventBridge stand-in got the same events (by {@code data.id})
     * with Source {@value #SOURCE} and DetailType the type, each once. Returns what the receiver recorded.
     */
    List<ReceivedWebhook> exactly(String id, List<String> types, Duration timeout) throws Exception {
        return judged(id, types, timeout, true);
    }

    /**
     * As {@link #exactly}, but the bus may have got an event more than once: after a crash the stream hands
     * the write again, and an event already put on the bus before the crash is put again (EventFanOut's
     * contract: at least once on the bus; the webhook is still attempted by one claim at a time).
     */
    List<ReceivedWebhook> exactlyAfterACrash(String id, List<String> types, Duration timeout) throws Exception {
        return judged(id, types, timeout, false);
    }

    private List<ReceivedWebhook> judged(String id, List<String> types, Duration timeout, boolean busEachOnce)
            throws Exception {
        List<ReceivedWebhook> got = p.awaitReceived(id, types.size(), timeout);
        assertEquals(types, got.stream().map(ReceivedWebhook::type).toList(), got.toString());
        long previous = 0;
        List<String> ids = new ArrayList<>();
        for (ReceivedWebhook w : got) {
            assertTrue(w.sequence() > previous, "increasing sequence: " + got);
            previous = w.sequence();
            assertEquals("evt_" + id + "_" + w.sequence(), w.id());
            JsonNode body = body(w);
            assertEquals(w.id(), body.at("/data/id").asText(), w.body());
            assertEquals(id, body.at("/data/checkoutId").asText());
            ids.add(w.id());
        }
        JsonNode rows = p.events(id, false);
        List<String> rowIds = new ArrayList<>();
        for (JsonNode row : rows) {
            rowIds.add(row.get("id").asText());
            assertEquals("delivered", row.at("/delivery/status").asText(), row.toString());
        }
        assertEquals(ids, rowIds, "the delivery rows are exactly the events received");
        List<LocalEventBus.BusEvent> onBus = Awaitility.await("the bus got the events of " + id)
                .atMost(Duration.ofSeconds(10))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> busEvents(id), b -> b.size() >= types.size());
        List<String> busIds = new ArrayList<>();
        List<String> busTypes = new ArrayList<>();
        for (LocalEventBus.BusEvent e : onBus) {
            busIds.add(JSON.readTree(e.detail()).get("id").asText());
            busTypes.add(e.detailType());
        }
        if (!busEachOnce) {
            busIds = busIds.stream().distinct().toList();
            busTypes = onBus.stream()
                    .collect(java.util.stream.Collectors.toMap(
                            e -> detail(e).get("id").asText(),
                            LocalEventBus.BusEvent::detailType,
                            (a, b) -> a,
                            java.util.LinkedHashMap::new))
                    .values()
                    .stream()
                    .toList();
        }
        assertEquals(ids, busIds, "the bus got the same events" + (busEachOnce ? ", each once: " : ": ") + onBus);
        assertEquals(types, busTypes);
        return got;
    }

    /** The stand-in bus's events about the checkout, by {@code sequence}. */
    private List<LocalEventBus.BusEvent> busEvents(String id) {
        return p.product.eventBus().events().stream()
                .filter(e -> e.source().equals(SOURCE))
                .filter(e -> id.equals(detail(e).path("checkoutId").asText()))
                .sorted(java.util.Comparator.comparingLong(
                        e -> detail(e).path("sequence").asLong()))
                .toList();
    }

    private static JsonNode detail(LocalEventBus.BusEvent e) {
        try {
            return JSON.readTree(e.detail());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static JsonNode body(ReceivedWebhook w) {
        try {
            return JSON.readTree(w.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads EventDeliveryDLQ until a message naming {@code eventId} is there; returns those that do. */
    List<Message> awaitDeadLetters(String eventId, Duration timeout) {
        String dlq = p.product.resources().queue("EventDeliveryDLQ").url();
        Map<String, Message> seen = new ConcurrentHashMap<>();
        return Awaitility.await("EventDeliveryDLQ holds " + eventId)
                .atMost(timeout)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            p.product
                                    .sqs()
                                    .client()
                                    .receiveMessage(b -> b.queueUrl(dlq)
                                            .maxNumberOfMessages(10)
                                            .waitTimeSeconds(1))
                                    .messages()
                                    .forEach(m -> seen.put(m.messageId(), m));
                            return seen.values().stream()
                                    .filter(m -> m.body().contains(eventId))
                                    .toList();
                        },
                        found -> !found.isEmpty());
    }
}

package dev.opfunctions.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The storefront's end of the checkout webhooks ({@code POST /webhooks}): verifies each delivery with
 * the Standard Webhooks library (HMAC-SHA256 over {@code id.timestamp.body}, at most 5 minutes off),
 * records it per checkout, in memory and bounded, and hands it to the order pages listening
 * ({@link #subscribe}). Delivery is at least once and may be out of order: a repeated {@code webhook-id}
 * is acknowledged again and recorded once.
 */
public final class StorefrontWebhooks {
    /** The largest body accepted; a checkout event is a few hundred bytes. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** Events kept per checkout (the oldest sequences go first): a plan's life fits, a runaway does not. */
    static final int EVENTS_PER_CHECKOUT = 200;
    /** Checkouts kept (the least recently touched go first), so a long demo session stays small. */
    static final int CHECKOUTS = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, TreeMap<Long, ReceivedWebhook>> byCheckout = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Set<Subscription>> listeners = new LinkedHashMap<>();
    // Only the verifier, never the secret text, so nothing here can print it.
    private volatile Webhook verifier;
    private volatile Refusals refusals = (id, type) -> OptionalInt.empty();

    /**
     * Which verified deliveries the storefront refuses, as a failing receiver would (tests and the chaos run):
     * a status for a delivery to answer instead of recording it, or empty to record it.
     */
    @FunctionalInterface
    public interface Refusals {
        OptionalInt statusFor(String webhookId, String type);
    }

    StorefrontWebhooks(Clock clock) {
        this.clock = clock;
    }

    /**
     * From now on accepts webhooks signed with {@code whsecSecret} ({@code whsec_} and base64 key bytes).
     *
     * @throws IllegalArgumentException when the secret is not of that form (the message omits it)
     */
    void accept(String whsecSecret) {
        if (whsecSecret == null || !whsecSecret.startsWith("whsec_")) {
            throw new IllegalArgumentException("a webhook secret starts with whsec_");
        }
        try {
            verifier = new Webhook(whsecSecret);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret is whsec_ followed by base64");
        }
    }

    void refuse(Refusals which) {
        refusals = which;
    }

    /** Whether a secret was handed over. */
    boolean configured() {
        return verifier != null;
    }

    /** Answers a delivery: 204 once recorded or when already recorded, else an error and nothing recorded. */
    HttpReply receive(HttpRequestData request) {
        Webhook webhook = verifier;
        if (webhook == null) {
            return error(
                    503, "WEBHOOKS_NOT_CONFIGURED", "webhooks not configured: the storefront has no signing secret");
        }
        String length = request.header("content-length");
        if (request.body().length > MAX_BODY_BYTES || (length != null && tooLong(length))) {
            return error(413, "BODY_TOO_LARGE", "a webhook body is at most " + MAX_BODY_BYTES + " bytes");
        }
        String payload = new String(request.body(), StandardCharsets.UTF_8);
        try {
            webhook.verify(payload, headers(request));
        } catch (WebhookVerificationException e) {
            // The library's messages name what failed (signature, timestamp, headers), never the key.
            return error(400, "WEBHOOK_SIGNATURE_INVALID", "webhook not verified: " + e.getMessage());
        }
        JsonNode event;
        try {
            event = JSON.readTree(payload);
        } catch (IOException e) {
            return error(400, "MALFORMED_JSON", "a webhook body is a JSON object");
        }
        JsonNode data = event == null ? null : event.path("data");
        if (data == null
                || !event.path("type").isTextual()
                || !data.path("checkoutId").isTextual()
                || !data.path("sequence").canConvertToLong()) {
            return error(400, "MISSING_FIELD", "a checkout webhook has type, data.checkoutId and data.sequence");
        }
        OptionalInt refused = refusals.statusFor(
                request.header("webhook-id"), event.get("type").asText());
        if (refused.isPresent()) {
            return error(
                    refused.getAsInt(), "REFUSED_FOR_TEST", "this delivery is refused on purpose (a failing receiver)");
        }
        record(new ReceivedWebhook(
                request.header("webhook-id"),
                event.get("type").asText(),
                data.get("checkoutId").asText(),
                data.get("sequence").asLong(),
                payload,
                clock.instant()));
        return new HttpReply(204, List.of(), new byte[0]);
    }

    /** What was received for the checkout, in sequence order. */
    List<ReceivedWebhook> received(String checkoutId) {
        lock.lock();
        try {
            TreeMap<Long, ReceivedWebhook> events = byCheckout.get(checkoutId);
            return events == null ? List.of() : List.copyOf(events.values());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts listening to a checkout: what was received so far and, through {@link Subscription#next},
     * each new event, with nothing lost or doubled between the two. Close it when the page leaves.
     */
    Subscription subscribe(String checkoutId) {
        lock.lock();
        try {
            TreeMap<Long, ReceivedWebhook> events = byCheckout.get(checkoutId);
            Subscription s =
                    new Subscription(this, checkoutId, events == null ? List.of() : List.copyOf(events.values()));
            listeners.computeIfAbsent(checkoutId, k -> new HashSet<>()).add(s);
            return s;
        } finally {
            lock.unlock();
        }
    }

    void unsubscribe(Subscription s) {
        lock.lock();
        try {
            Set<Subscription> set = listeners.get(s.checkoutId());
            if (set != null && set.remove(s) && set.isEmpty()) {
                listeners.remove(s.checkoutId());
            }
        } finally {
            lock.unlock();
        }
    }

    private void record(ReceivedWebhook event) {
        List<Subscription> toTell;
        lock.lock();
        try {
            TreeMap<Long, ReceivedWebhook> events =
                    byCheckout.computeIfAbsent(event.checkoutId(), k -> new TreeMap<>());
            boolean seen = events.values().stream().anyMatch(e -> e.id().equals(event.id()));
            boolean forgotten = events.size() >= EVENTS_PER_CHECKOUT && event.sequence() < events.firstKey();
            if (seen || forgotten || events.containsKey(event.sequence())) {
                return; // a redelivery (or one older than what is kept): acknowledged, not pushed again
            }
            events.put(event.sequence(), event);
            if (events.size() > EVENTS_PER_CHECKOUT) {
                events.pollFirstEntry();
            }
            if (byCheckout.size() > CHECKOUTS) {
                byCheckout.remove(byCheckout.keySet().iterator().next());
            }
            toTell = new ArrayList<>(listeners.getOrDefault(event.checkoutId(), Set.of()));
        } finally {
            lock.unlock();
        }
        toTell.forEach(s -> s.offer(event));
    }

    private static boolean tooLong(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return false; // the body's real length was checked already
        }
    }

    private static Map<String, List<String>> headers(HttpRequestData request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers()
                .forEach(h -> headers.computeIfAbsent(
                                h.getKey().toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>())
                        .add(h.getValue()));
        return headers;
    }

    static HttpReply error(int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        return HttpReply.json(status, body);
    }
}

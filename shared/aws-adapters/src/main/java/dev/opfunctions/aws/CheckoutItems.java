package dev.opfunctions.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.checkout.events.StateTransition;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutEvent;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.Installment;
import dev.opfunctions.checkout.port.CheckoutStore.UnreadableCheckoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The payments table's checkout items to and from attribute maps (layout: {@link DynamoCheckoutStore}).
 * Item keys and names are short on purpose: every byte of an item is billed on every write of it.
 */
final class CheckoutItems {

    /** Events and order claims outlive a checkout's retention by this much, so history never disappears first. */
    static final Duration HISTORY_GRACE = Duration.ofDays(7);

    static final String BODY = "body";
    /**
     * Present ({@code "yes"}) on a state item whose write added an event a storefront is told of: the stream's
     * filter passes only these to deliver-events, so the many internal steps invoke nothing. The test is
     * {@link StateTransition#tellsTheStorefront} without the previous status, a superset of what the function
     * then finds (a repeated past-due passes the filter and is dropped there), so no event is filtered out.
     */
    static final String TELLS = "tells";

    static final String ENCODING = "enc";

    private static final DateTimeFormatter DUE_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Duration retention;

    CheckoutItems(Duration retention) {
        this.retention = retention;
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    static String pk(String checkoutId) {
        return "CHECKOUT#" + checkoutId;
    }

    static String apartSk(int installment) {
        return String.format("INSTALLMENT#%04d", installment);
    }

    static String dueAt(Instant at) {
        return DUE_AT.format(at);
    }

    /**
     * The state item. {@code statusAt} goes into {@code updatedAt}: the time of the last status change, so
     * CustomerIndex (which projects it) is written when the status changes, not on every write.
     *
     * @param previousVersion the version this write replaces (0 for the first)
     */
    Map<String, AttributeValue> state(Checkout c, StateBody body, Instant statusAt, long previousVersion) {
        Map<String, AttributeValue> item = new HashMap<>(key(pk(c.id()), "STATE"));
        item.put("version", n(c.version()));
        item.put("status", s(c.status().name()));
        item.put("orderId", s(c.orderId()));
        item.put("customerWallet", s(c.customer().id()));
        item.put("createdAt", s(c.createdAt().toString()));
        item.put("updatedAt", s(statusAt.toString()));
        item.put(
                "amount",
                AttributeValue.fromM(Map.of(
                        "value", s(c.amount().value().toString()),
                        "assetCode", s(c.amount().assetCode()),
                        "assetScale", n(c.amount().assetScale()))));
        item.put(ENCODING, n(DocCodec.ENCODING));
        item.put(BODY, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(body.encode())));
        if (c.expiresAtEpoch() != null) item.put("expiresAtEpoch", n(c.expiresAtEpoch()));
        if (StateTransition.tellsTheStorefront(body.events(), previousVersion, null)) item.put(TELLS, s("yes"));
        c.wakeAt().ifPresent(at -> {
            item.put("dueBucket", s(DynamoCheckoutStore.bucketOf(c.id())));
            item.put("dueAt", s(dueAt(at)));
        });
        return item;
    }

    /**
     * The events spilled from a state item's window, oldest first, as one item keyed by the first one's version:
     * one write unit for several events, and the same key and content whoever spills them again.
     */
    Map<String, AttributeValue> events(String checkoutId, List<CheckoutEvent> spilled) {
        Map<String, AttributeValue> item = new HashMap<>(key(
                pk(checkoutId), "EVENT#" + String.format("%010d", spilled.get(0).version())));
        item.put(ENCODING, n(DocCodec.ENCODING));
        item.put(BODY, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(DocCodec.encode(StateBody.events(spilled)))));
        Instant last = spilled.get(spilled.size() - 1).at();
        item.put("expiresAtEpoch", n(last.plus(retention).plus(HISTORY_GRACE).getEpochSecond()));
        return item;
    }

    /** The events of an {@code EVENT#} item: several in this layout, one in an item written before it. */
    static List<CheckoutEvent> events(String checkoutId, Map<String, AttributeValue> item) {
        if (compressed(item))
            return StateBody.events(
                    checkoutId,
                    tree(checkoutId, item, "event item " + item.get("sk").s()));
        return List.of(new CheckoutEvent(
                checkoutId,
                Long.parseLong(item.get("version").n()),
                Instant.parse(item.get("at").s()),
                item.get("type").s(),
                CheckoutStatus.valueOf(item.get("status").s()),
                item.containsKey("detail") ? item.get("detail").s() : ""));
    }

    Map<String, AttributeValue> apart(String checkoutId, int installment, long expiresAtEpoch, JsonNode group) {
        Map<String, AttributeValue> item = new HashMap<>(key(pk(checkoutId), apartSk(installment)));
        item.put(ENCODING, n(DocCodec.ENCODING));
        item.put(BODY, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(DocCodec.encode(group))));
        item.put("expiresAtEpoch", n(expiresAtEpoch));
        return item;
    }

    /**
     * The TTL of a plan's installment items: never before the state item's own, and while the plan runs,
     * the end of its last installment's window plus the retention (a running plan's state item has none).
     */
    long apartExpiry(Checkout c) {
        Instant end = c.plan().installments().stream()
                .map(Installment::windowEnd)
                .max(Instant::compareTo)
                .orElse(c.createdAt());
        long planned = end.plus(retention).getEpochSecond();
        long state = c.expiresAtEpoch() == null ? 0 : c.expiresAtEpoch();
        return Math.max(planned, state) + HISTORY_GRACE.toSeconds();
    }

    /** An apart item's group, as stored. */
    static JsonNode group(String checkoutId, Map<String, AttributeValue> item) {
        return tree(checkoutId, item, "installment item " + item.get("sk").s());
    }

    /** The body of a state item written in this layout. */
    static StateBody body(String checkoutId, Map<String, AttributeValue> item) {
        try {
            return StateBody.decode(
                    checkoutId,
                    Integer.parseInt(item.get(ENCODING).n()),
                    item.get(BODY).b().asByteArrayUnsafe());
        } catch (RuntimeException e) {
            throw new UnreadableCheckoutException(checkoutId, "its state item does not decode: " + e.getMessage(), e);
        }
    }

    private static JsonNode tree(String checkoutId, Map<String, AttributeValue> item, String what) {
        try {
            String json = DocCodec.decode(
                    Integer.parseInt(item.get(ENCODING).n()), item.get(BODY).b().asByteArrayUnsafe());
            return CheckoutJson.STRICT.readTree(json);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new UnreadableCheckoutException(checkoutId, "its " + what + " does not decode: " + e.getMessage(), e);
        }
    }

    /**
     * The state document without what the state item already carries as attributes (its id in the key, the
     * order id, version, status, creation time, amount and customer wallet): about a tenth of a compressed
     * document, which keeps a one-time checkout's state item within one kilobyte. {@link #withItemFields}
     * puts them back.
     */
    static ObjectNode withoutItemFields(ObjectNode doc) {
        ObjectNode out = doc.deepCopy();
        out.remove(List.of("id", "orderId", "version", "status", "createdAt", "amount"));
        if (out.get("customer") instanceof ObjectNode customer) customer.remove("id");
        return out;
    }

    static ObjectNode withItemFields(String checkoutId, ObjectNode stored, Map<String, AttributeValue> item) {
        ObjectNode doc = stored.deepCopy();
        doc.put("id", checkoutId);
        doc.put("orderId", item.get("orderId").s());
        doc.put("version", Long.parseLong(item.get("version").n()));
        doc.put("status", item.get("status").s());
        doc.put("createdAt", item.get("createdAt").s());
        Map<String, AttributeValue> amount = item.get("amount").m();
        doc.putObject("amount")
                .put("value", amount.get("value").s())
                .put("assetCode", amount.get("assetCode").s())
                .put("assetScale", Integer.parseInt(amount.get("assetScale").n()));
        if (doc.get("customer") instanceof ObjectNode customer)
            customer.put("id", item.get("customerWallet").s());
        return doc;
    }

    /** Whether a state item is in this layout (a compressed body) rather than the first one (a JSON {@code doc}). */
    static boolean compressed(Map<String, AttributeValue> item) {
        return item.containsKey(BODY);
    }
}

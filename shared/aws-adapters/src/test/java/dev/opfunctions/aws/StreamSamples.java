package dev.opfunctions.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.InMemoryCheckoutStore;
import dev.opfunctions.checkout.model.Checkout;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Stream events as Lambda hands them to deliver-events, built from a one-time purchase driven through the real
 * services and stored in the payments table's item layout: every write of its state item (an INSERT, then
 * MODIFYs with old and new images) and the order claim's INSERT, which is not a state item.
 */
final class StreamSamples {

    static final String CHECKOUT_ID = "4d2a7c10-6b1e-4f3a-9c5d-8e7f6a5b4c3d";
    static final String STREAM_ARN =
            "arn:aws:dynamodb:us-east-1:123456789012:table/opfunctions-PaymentsTable-1A2B3C4D5E6F/stream/2026-03-12T00:00:00.000";

    private StreamSamples() {}

    static ObjectNode purchaseStream() {
        CheckoutFixture f = new CheckoutFixture();
        Checkout c = f.startWithId(CHECKOUT_ID)
                .start(f.order(CheckoutFixture.b2c("order-1042")))
                .orElseThrow()
                .checkout();
        f.consent(c).orElseThrow();
        f.drain(f.worker(), 10);
        CheckoutItems items = new CheckoutItems(Duration.ofDays(90));
        ObjectNode event = CheckoutJson.MAPPER.createObjectNode();
        ArrayNode records = event.putArray("Records");
        long seq = 4_100_000_000_000_000_000L;
        Map<String, AttributeValue> order = Map.of(
                "pk", AttributeValue.fromS("ORDER#order-1042"),
                "sk", AttributeValue.fromS("ORDER"),
                "checkoutId", AttributeValue.fromS(CHECKOUT_ID));
        records.add(record("INSERT", ++seq, null, order, c.createdAt().getEpochSecond()));
        for (InMemoryCheckoutStore.Written w : f.store.written()) {
            var h = w.history();
            var window = h.subList(Math.max(0, h.size() - DynamoCheckoutStore.WINDOW), h.size());
            var before = w.before() == null
                    ? null
                    : state(items, w.before(), window.subList(0, window.size() - 1), prior(w.before()));
            records.add(record(
                    before == null ? "INSERT" : "MODIFY",
                    ++seq,
                    before,
                    state(
                            items,
                            w.after(),
                            window,
                            w.before() == null ? 0 : w.before().version()),
                    w.after().updatedAt().getEpochSecond()));
        }
        return event;
    }

    private static Map<String, AttributeValue> state(
            CheckoutItems items,
            Checkout c,
            java.util.List<dev.opfunctions.checkout.model.CheckoutEvent> window,
            long previousVersion) {
        var body =
                new StateBody(CheckoutItems.withoutItemFields(StoredCheckoutForm.tree(c)), window, new TreeSet<>(), 0);
        return items.state(c, body, c.updatedAt(), previousVersion);
    }

    /** The version an old image's own write replaced: only its {@code tells} marker depends on it. */
    private static long prior(Checkout c) {
        return c.version() - 1;
    }

    /** One SQS message asking for the webhook of {@code sequence}. */
    static ObjectNode deliveryMessage(long sequence) {
        ObjectNode event = CheckoutJson.MAPPER.createObjectNode();
        ObjectNode m = event.putArray("Records").addObject();
        m.put("messageId", "7b6f1c2e-3d4a-4b5c-8d9e-0f1a2b3c4d5e");
        m.put("receiptHandle", "AQEBexampleDeliveryHandle==");
        m.put("body", "{\"checkoutId\":\"" + CHECKOUT_ID + "\",\"sequence\":" + sequence + "}");
        m.putObject("attributes")
                .put("ApproximateReceiveCount", "1")
                .put("SentTimestamp", "1773357660000")
                .put("SenderId", "AROAEXAMPLEROLEID:opfunctions-DeliverEventsFunction-Abc")
                .put("ApproximateFirstReceiveTimestamp", "1773357660042");
        m.putObject("messageAttributes");
        m.put("md5OfBody", "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e");
        m.put("eventSource", "aws:sqs");
        m.put("eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:opfunctions-EventDeliveryQueue-Z9y8X7w6V5u4");
        m.put("awsRegion", "us-east-1");
        return event;
    }

    private static ObjectNode record(
            String name, long seq, Map<String, AttributeValue> old, Map<String, AttributeValue> now, long at) {
        ObjectNode r = CheckoutJson.MAPPER.createObjectNode();
        r.put("eventID", Long.toHexString(seq));
        r.put("eventName", name);
        r.put("eventVersion", "1.1");
        r.put("eventSource", "aws:dynamodb");
        r.put("awsRegion", "us-east-1");
        ObjectNode d = r.putObject("dynamodb");
        d.put("ApproximateCreationDateTime", at);
        d.putObject("Keys").set("pk", json(now.get("pk")));
        ((ObjectNode) d.get("Keys")).set("sk", json(now.get("sk")));
        d.set("NewImage", json(now));
        if (old != null) d.set("OldImage", json(old));
        d.put("SequenceNumber", Long.toString(seq));
        d.put("SizeBytes", 900);
        d.put("StreamViewType", "NEW_AND_OLD_IMAGES");
        r.put("eventSourceARN", STREAM_ARN);
        return r;
    }

    /** An item in DynamoDB's JSON (what stream images and the low-level API use). */
    static ObjectNode json(Map<String, AttributeValue> item) {
        ObjectNode o = CheckoutJson.MAPPER.createObjectNode();
        new java.util.TreeMap<>(item).forEach((k, v) -> o.set(k, json(v)));
        return o;
    }

    static ObjectNode json(AttributeValue v) {
        ObjectNode o = CheckoutJson.MAPPER.createObjectNode();
        if (v.s() != null) o.put("S", v.s());
        else if (v.n() != null) o.put("N", v.n());
        else if (v.b() != null) o.put("B", Base64.getEncoder().encodeToString(v.b().asByteArray()));
        else if (v.bool() != null) o.put("BOOL", v.bool());
        else if (v.hasM()) o.set("M", json(v.m()));
        else throw new IllegalArgumentException("no sample uses " + v);
        return o;
    }
}

package dev.opfunctions.aws;

import dev.opfunctions.checkout.events.Delivery;
import dev.opfunctions.checkout.events.DeliveryStatus;
import dev.opfunctions.checkout.events.DeliveryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link DeliveryStore} on EventDeliveriesTable: {@code pk} the checkout id, {@code sk} the event's sequence
 * zero-padded to 19 digits (so rows sort by sequence), the row's fields as attributes, {@code expiresAtEpoch}
 * the TTL. Every write is a conditional PutItem: {@code attribute_not_exists(pk)} to create, {@code version =
 * :expected} to change. Reads are strongly consistent (a claim must see the last outcome).
 */
public final class DynamoDeliveryStore implements DeliveryStore {

    private final DynamoDbClient ddb;
    private final String table;

    public DynamoDeliveryStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    static String sk(long sequence) {
        return String.format("%019d", sequence);
    }

    @Override
    public Optional<Delivery> find(String checkoutId, long sequence) {
        var item = ddb.getItem(b -> b.tableName(table)
                        .key(Map.of("pk", AttributeValue.fromS(checkoutId), "sk", AttributeValue.fromS(sk(sequence))))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(read(item));
    }

    @Override
    public boolean create(Delivery d) {
        try {
            ddb.putItem(b -> b.tableName(table).item(item(d)).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void update(Delivery next) {
        try {
            ddb.putItem(b -> b.tableName(table)
                    .item(item(next))
                    .conditionExpression("version = :expected")
                    .expressionAttributeValues(Map.of(":expected", n(next.version() - 1))));
        } catch (ConditionalCheckFailedException e) {
            throw new ConflictException(next.checkoutId(), next.sequence());
        }
    }

    @Override
    public List<Delivery> list(String checkoutId) {
        List<Delivery> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = ddb.query(b -> b.tableName(table)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(checkoutId)))
                    .consistentRead(true)
                    .exclusiveStartKey(from));
            page.items().forEach(i -> out.add(read(i)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    static Map<String, AttributeValue> item(Delivery d) {
        Map<String, AttributeValue> i = new HashMap<>();
        i.put("pk", AttributeValue.fromS(d.checkoutId()));
        i.put("sk", AttributeValue.fromS(sk(d.sequence())));
        i.put("sequence", n(d.sequence()));
        i.put("eventId", AttributeValue.fromS(d.eventId()));
        i.put("type", AttributeValue.fromS(d.type()));
        i.put("body", AttributeValue.fromS(d.body()));
        i.put("status", AttributeValue.fromS(d.status().name()));
        i.put("attempts", n(d.attempts()));
        if (d.nextAttemptAt() != null)
            i.put("nextAttemptAt", AttributeValue.fromS(d.nextAttemptAt().toString()));
        if (d.lastAttemptAt() != null)
            i.put("lastAttemptAt", AttributeValue.fromS(d.lastAttemptAt().toString()));
        if (d.lastStatus() != null) i.put("lastStatus", AttributeValue.fromS(d.lastStatus()));
        i.put("redeliveries", n(d.redeliveries()));
        i.put("version", n(d.version()));
        i.put("expiresAtEpoch", n(d.expiresAtEpoch()));
        return i;
    }

    static Delivery read(Map<String, AttributeValue> i) {
        return new Delivery(
                i.get("pk").s(),
                Long.parseLong(i.get("sequence").n()),
                i.get("eventId").s(),
                i.get("type").s(),
                i.get("body").s(),
                DeliveryStatus.valueOf(i.get("status").s()),
                Integer.parseInt(i.get("attempts").n()),
                time(i, "nextAttemptAt"),
                time(i, "lastAttemptAt"),
                i.containsKey("lastStatus") ? i.get("lastStatus").s() : null,
                Integer.parseInt(i.get("redeliveries").n()),
                Long.parseLong(i.get("version").n()),
                Long.parseLong(i.get("expiresAtEpoch").n()));
    }

    private static Instant time(Map<String, AttributeValue> i, String name) {
        return i.containsKey(name) ? Instant.parse(i.get(name).s()) : null;
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}

package dev.opfunctions.aws;

import dev.opfunctions.checkout.model.CheckoutEvent;
import dev.opfunctions.checkout.model.CheckoutStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a store instance last read or wrote of each checkout (the most recent {@code capacity} checkouts):
 * enough of the stored state item to write the next version without reading it again. Safe to trust for
 * exactly the version it names, since every version of a checkout is written once (the put is conditional on
 * the version before it); for any other version the store reads the item.
 */
final class KnownVersions {

    private final Map<String, Known> byCheckout;

    KnownVersions(int capacity) {
        byCheckout = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
                return size() > capacity;
            }
        };
    }

    /** What is known of checkout {@code checkoutId} at {@code version}, or null. */
    synchronized Known get(String checkoutId, long version) {
        Known k = byCheckout.get(checkoutId);
        return k != null && k.version() == version ? k : null;
    }

    synchronized void put(String checkoutId, Known known) {
        Known had = byCheckout.get(checkoutId);
        if (had == null || had.version() <= known.version()) byCheckout.put(checkoutId, known);
    }

    /**
     * A stored state item as the next write needs it: its version and status, when the status last changed
     * (the {@code updatedAt} CustomerIndex shows), its window of history events, and the installment groups
     * stored apart (index to content fingerprint, {@link PlanParts#hash}) with their items' TTL.
     */
    record Known(
            long version,
            CheckoutStatus status,
            Instant statusAt,
            List<CheckoutEvent> events,
            Map<Integer, String> apart,
            long apartExpiresAtEpoch) {

        static Known of(Map<String, AttributeValue> item, StateBody body, Map<Integer, String> apart) {
            return new Known(
                    Long.parseLong(item.get("version").n()),
                    CheckoutStatus.valueOf(item.get("status").s()),
                    Instant.parse(item.get("updatedAt").s()),
                    body.events(),
                    apart,
                    body.apartExpiresAtEpoch());
        }

        /** A state item written before events and installments moved into it: no window, nothing apart. */
        static Known of(Map<String, AttributeValue> legacy) {
            return new Known(
                    Long.parseLong(legacy.get("version").n()),
                    CheckoutStatus.valueOf(legacy.get("status").s()),
                    Instant.parse(legacy.get("updatedAt").s()),
                    List.of(),
                    Map.of(),
                    0);
        }
    }
}

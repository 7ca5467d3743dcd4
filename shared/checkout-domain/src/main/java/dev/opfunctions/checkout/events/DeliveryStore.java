package dev.opfunctions.checkout.events;

import java.util.List;
import java.util.Optional;

/** The delivery rows (EventDeliveriesTable). Every write is conditional; none deletes (the TTL does). */
public interface DeliveryStore {

    Optional<Delivery> find(String checkoutId, long sequence);

    /** Stores a new row; false, storing nothing, when the row already exists (a replayed stream record). */
    boolean create(Delivery d);

    /**
     * Replaces the row whose version is {@code next.version() - 1}.
     *
     * @throws ConflictException when the stored row has another version (someone else changed it)
     */
    void update(Delivery next);

    /** A checkout's rows, by sequence. */
    List<Delivery> list(String checkoutId);

    /** Another writer changed the row first. */
    final class ConflictException extends RuntimeException {
        public ConflictException(String checkoutId, long sequence) {
            super("delivery " + sequence + " of checkout " + checkoutId + " changed concurrently");
        }
    }
}

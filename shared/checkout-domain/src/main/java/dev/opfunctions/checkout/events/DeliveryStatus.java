package dev.opfunctions.checkout.events;

/** Where a storefront event's webhook delivery stands. */
public enum DeliveryStatus {
    /** Not delivered yet: an attempt is due now or at {@code nextAttemptAt}. */
    PENDING,
    /** The endpoint answered 2xx. Terminal (a storefront may ask for a redelivery). */
    DELIVERED,
    /** Every scheduled attempt failed; the event went to the DLQ. Terminal until redelivered. */
    FAILED,
    /** The endpoint answered 410 Gone: no more attempts of this event, which went to the DLQ. Later events are still tried. */
    REFUSED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

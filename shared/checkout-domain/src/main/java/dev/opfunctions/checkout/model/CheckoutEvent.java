package dev.opfunctions.checkout.model;

import java.time.Instant;

/**
 * One line of a checkout's append-only history. {@code version} is the checkout version the change
 * produced, so an event is written exactly once together with the state it describes.
 */
public record CheckoutEvent(
        String checkoutId, long version, Instant at, String type, CheckoutStatus status, String detail) {}

package dev.opfunctions.checkout.model;

/**
 * A state change ready to store: the new checkout, the version it must replace (the write is
 * conditional on it), and the history event that commits together with it.
 */
public record Change(long expectedVersion, Checkout next, CheckoutEvent event) {}

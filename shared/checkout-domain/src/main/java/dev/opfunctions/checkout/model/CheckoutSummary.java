package dev.opfunctions.checkout.model;

import dev.opfunctions.client.model.Amount;
import java.time.Instant;

/**
 * What a customer's payment history shows of one checkout. Deliberately without tokens, grants or
 * legs: the store answers it from CustomerIndex, which projects only these fields, so the tokens in
 * the checkout document are stored once (in the state item), not again in the index.
 *
 * @param amount the order amount; null only for a checkout written before the index carried it
 */
public record CheckoutSummary(
        String id,
        String orderId,
        CheckoutStatus status,
        String customerWallet,
        Amount amount,
        Instant createdAt,
        Instant updatedAt) {

    /** The summary of a full checkout (the in-memory store and tests). */
    public static CheckoutSummary of(Checkout c) {
        return new CheckoutSummary(
                c.id(), c.orderId(), c.status(), c.customer().id(), c.amount(), c.createdAt(), c.updatedAt());
    }
}

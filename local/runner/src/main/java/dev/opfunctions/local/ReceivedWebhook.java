package dev.opfunctions.local;

import java.time.Instant;
import java.util.Objects;

/**
 * A checkout webhook the storefront verified and recorded.
 *
 * @param id the {@code webhook-id} header, the event's id ({@code evt_{checkoutId}_{sequence}})
 * @param type e.g. {@code checkout.completed}
 * @param checkoutId the checkout the event is about
 * @param sequence the event's place in the checkout's history (increasing, not dense)
 * @param body the verified request body as sent (the JSON the order page's stream passes on)
 * @param receivedAt when the storefront accepted it
 */
public record ReceivedWebhook(
        String id, String type, String checkoutId, long sequence, String body, Instant receivedAt) {

    public ReceivedWebhook {
        Objects.requireNonNull(id);
        Objects.requireNonNull(type);
        Objects.requireNonNull(checkoutId);
        Objects.requireNonNull(body);
        Objects.requireNonNull(receivedAt);
    }
}

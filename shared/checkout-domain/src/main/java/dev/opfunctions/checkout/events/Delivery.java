package dev.opfunctions.checkout.events;

import java.time.Duration;
import java.time.Instant;

/**
 * The stored delivery state of one storefront event (a row of EventDeliveriesTable). Every write is
 * conditional on {@code version}.
 *
 * @param body           the webhook body, exactly as signed and sent on every attempt
 * @param attempts       attempts claimed since the row was created or last redelivered
 * @param nextAttemptAt  no attempt before this (a retry's backoff, or an attempt in flight)
 * @param lastStatus     the last attempt's HTTP status, or the class of the error that stopped it; null before any
 * @param redeliveries   how many times the storefront asked for a redelivery (each resets {@code attempts})
 * @param expiresAtEpoch DynamoDB TTL: {@link #RETENTION} after creation
 */
public record Delivery(
        String checkoutId,
        long sequence,
        String eventId,
        String type,
        String body,
        DeliveryStatus status,
        int attempts,
        Instant nextAttemptAt,
        Instant lastAttemptAt,
        String lastStatus,
        int redeliveries,
        long version,
        long expiresAtEpoch) {

    /** How long a delivery row is kept. */
    public static final Duration RETENTION = Duration.ofDays(30);

    /** A new row for {@code e}, due now. */
    public static Delivery pending(StorefrontEvent e, Instant now) {
        return new Delivery(
                e.checkoutId(),
                e.sequence(),
                e.id(),
                e.type().wireName(),
                e.body(),
                DeliveryStatus.PENDING,
                0,
                now,
                null,
                null,
                0,
                1,
                now.plus(RETENTION).getEpochSecond());
    }

    public Delivery claimed(Instant now, Instant leaseUntil) {
        return new Delivery(
                checkoutId,
                sequence,
                eventId,
                type,
                body,
                status,
                attempts + 1,
                leaseUntil,
                now,
                lastStatus,
                redeliveries,
                version + 1,
                expiresAtEpoch);
    }

    public Delivery outcome(DeliveryStatus next, String httpOrError, Instant nextAttempt) {
        return new Delivery(
                checkoutId,
                sequence,
                eventId,
                type,
                body,
                next,
                attempts,
                nextAttempt,
                lastAttemptAt,
                httpOrError,
                redeliveries,
                version + 1,
                expiresAtEpoch);
    }

    /** Back to pending with a fresh schedule, as the storefront asked; the row lives {@link #RETENTION} from now. */
    public Delivery redelivered(Instant now) {
        return new Delivery(
                checkoutId,
                sequence,
                eventId,
                type,
                body,
                DeliveryStatus.PENDING,
                0,
                now,
                lastAttemptAt,
                lastStatus,
                redeliveries + 1,
                version + 1,
                now.plus(RETENTION).getEpochSecond());
    }

    /** The command that asks for this row's next attempt. */
    public DeliveryCommand command() {
        return new DeliveryCommand(checkoutId, sequence);
    }
}

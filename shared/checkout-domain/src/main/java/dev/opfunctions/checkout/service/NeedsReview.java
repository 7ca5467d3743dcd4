package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.Failure;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.checkout.service.PaymentWorker.Outcome;
import java.time.Clock;
import java.time.Duration;

/**
 * Hands a checkout to a person ({@link CheckoutStatus#NEEDS_REVIEW}) when money may have moved and
 * no code can learn how it ended. The write is the one place that state is entered, with its own
 * history event ({@link Checkout#NEEDS_REVIEW_EVENT}) that the metrics and the alarm count. A checkout
 * that cannot need review (consent not yet turned into a token: nothing can have been paid) fails instead.
 */
final class NeedsReview {

    /** Thrown by a step that met what only a person can settle; {@link PaymentWorker} records it. */
    static final class Required extends RuntimeException {
        final Failure why;

        Required(Failure why, Throwable cause) {
            super(why.message(), cause);
            this.why = why;
        }
    }

    private static final int MAX_RACES = 8;

    private final CheckoutStore store;
    private final Clock clock;
    private final Duration retention;

    NeedsReview(CheckoutDependencies deps) {
        this.store = deps.store();
        this.clock = deps.clock();
        this.retention = deps.settings().retention();
    }

    /** Records {@code why} and moves the checkout to needs-review (or failed, see the class comment). */
    Outcome record(String checkoutId, Failure why) {
        for (int race = 0; race < MAX_RACES; race++) {
            Checkout c = store.find(checkoutId).orElse(null);
            if (c == null) return new Outcome.Done("no checkout " + checkoutId);
            if (c.status() == CheckoutStatus.NEEDS_REVIEW || c.status().isTerminal())
                return new Outcome.Done("checkout is already " + c.status().wireName());
            try {
                if (c.status().canMoveTo(CheckoutStatus.NEEDS_REVIEW)) {
                    store.update(c.edit(clock.instant())
                            .reason(why)
                            .recheckAt(null)
                            .moveTo(CheckoutStatus.NEEDS_REVIEW, retention)
                            .change(Checkout.NEEDS_REVIEW_EVENT, why.code() + ": " + why.message()));
                    return new Outcome.Done("needs review: " + why.message());
                }
                store.update(c.edit(clock.instant()).fail(why, retention).change("checkout-failed", why.message()));
                return new Outcome.Done("failed: " + why.message());
            } catch (CheckoutStore.ConcurrentUpdateException raced) {
                // reload and decide again
            }
        }
        return new Outcome.Retry("checkout " + checkoutId + " kept changing while it was handed to review");
    }
}

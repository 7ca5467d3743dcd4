package dev.opfunctions.checkout.events;

import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutEvent;
import dev.opfunctions.checkout.model.CheckoutStatus;
import java.util.Optional;

/**
 * History event type to storefront event type: zero or one storefront event per stored change. Internal
 * steps (leg-*, grant-*, token-*, installment-claimed/prepared/handed-over, re-checks, sweeps) map to none.
 * A type that can repeat without a new state (installment-past-due on every slow retry, needs-review) only
 * maps when the state before the change was a different one, so each transition is told once.
 */
public final class EventMapping {

    private EventMapping() {}

    /**
     * @param before the checkout's status before the change (null for the first version)
     * @param plan   whether the checkout has an installment plan
     */
    public static Optional<StorefrontEventType> of(CheckoutEvent e, CheckoutStatus before, boolean plan) {
        StorefrontEventType t = switch (e.type()) {
            case "consent-granted" -> StorefrontEventType.CHECKOUT_CONSENT_GRANTED;
            case "consent-rejected" -> StorefrontEventType.CHECKOUT_REJECTED;
            case "consent-expired" -> StorefrontEventType.CHECKOUT_EXPIRED;
            case "checkout-completed" ->
                plan ? StorefrontEventType.PLAN_COMPLETED : StorefrontEventType.CHECKOUT_COMPLETED;
            case "checkout-failed" -> plan ? StorefrontEventType.PLAN_FAILED : StorefrontEventType.CHECKOUT_FAILED;
            case "checkout-cancelled" ->
                plan ? StorefrontEventType.PLAN_CANCELLED : StorefrontEventType.CHECKOUT_CANCELLED;
            case "payment-unconfirmed" -> StorefrontEventType.CHECKOUT_PAYMENT_UNCONFIRMED;
            case Checkout.NEEDS_REVIEW_EVENT ->
                before == CheckoutStatus.NEEDS_REVIEW ? null : StorefrontEventType.CHECKOUT_NEEDS_REVIEW;
            case "installment-paid" -> StorefrontEventType.INSTALLMENT_PAID;
            case "installment-past-due" ->
                before == CheckoutStatus.PAST_DUE ? null : StorefrontEventType.INSTALLMENT_PAST_DUE;
            case "plan-completed" -> StorefrontEventType.PLAN_COMPLETED;
            case "plan-failed" -> StorefrontEventType.PLAN_FAILED;
            default -> null;
        };
        return Optional.ofNullable(t);
    }
}

package dev.opfunctions.checkout.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a storefront is told by push (webhook and EventBridge), one per stored transition it cares about.
 * A one-time checkout ends with exactly one of {@code checkout.completed}, {@code checkout.failed},
 * {@code checkout.rejected}, {@code checkout.expired}, {@code checkout.cancelled}; a checkout with an
 * installment plan ends with {@code plan.completed}, {@code plan.failed} or {@code plan.cancelled}, or with
 * {@code checkout.rejected} / {@code checkout.expired} when consent never came. The last installment's
 * payment is announced by {@code plan.completed} (which carries it), not by an {@code installment.paid}.
 */
public enum StorefrontEventType {
    /** The customer approved the grant at their wallet; paying starts. */
    CHECKOUT_CONSENT_GRANTED("checkout.consent_granted"),
    /** Every payee of a one-time checkout received its amount. */
    CHECKOUT_COMPLETED("checkout.completed"),
    /** A one-time checkout ended without being paid (its {@code failure} says why). */
    CHECKOUT_FAILED("checkout.failed"),
    /** The customer refused consent. */
    CHECKOUT_REJECTED("checkout.rejected"),
    /** No consent before the deadline. */
    CHECKOUT_EXPIRED("checkout.expired"),
    /** The storefront cancelled a one-time checkout before consent. */
    CHECKOUT_CANCELLED("checkout.cancelled"),
    /** Payments may still be moving but the wallet could not confirm them yet; not a failure. */
    CHECKOUT_PAYMENT_UNCONFIRMED("checkout.payment_unconfirmed"),
    /** No code can tell how the payments ended: a person must look (the checkout's {@code reason} says what). */
    CHECKOUT_NEEDS_REVIEW("checkout.needs_review"),
    /** An installment (not the last) was paid. */
    INSTALLMENT_PAID("installment.paid"),
    /** An installment failed its quick retries; slower retries go on until its interval ends. */
    INSTALLMENT_PAST_DUE("installment.past_due"),
    /** The last installment was paid. */
    PLAN_COMPLETED("plan.completed"),
    /** The plan ended unpaid (an installment's interval ended unpaid, the grant was revoked, ...). */
    PLAN_FAILED("plan.failed"),
    /** The storefront cancelled the plan. */
    PLAN_CANCELLED("plan.cancelled");

    private final String wireName;

    StorefrontEventType(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire: the webhook's {@code type}, EventBridge's DetailType. */
    public String wireName() {
        return wireName;
    }

    public boolean aboutInstallment() {
        return this == INSTALLMENT_PAID
                || this == INSTALLMENT_PAST_DUE
                || this == PLAN_COMPLETED
                || this == PLAN_FAILED;
    }

    public static Optional<StorefrontEventType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}

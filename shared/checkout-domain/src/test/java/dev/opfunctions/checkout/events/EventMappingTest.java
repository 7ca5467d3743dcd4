package dev.opfunctions.checkout.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opfunctions.checkout.model.CheckoutEvent;
import dev.opfunctions.checkout.model.CheckoutStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventMappingTest {

    private static Optional<String> map(String type, CheckoutStatus before, CheckoutStatus after, boolean plan) {
        var e = new CheckoutEvent("c", 7, Instant.EPOCH, type, after, "");
        return EventMapping.of(e, before, plan).map(StorefrontEventType::wireName);
    }

    @Test
    void anInstallmentBecomingPastDueIsToldOnceNotOnEverySlowRetry() {
        assertEquals(
                Optional.of("installment.past_due"),
                map("installment-past-due", CheckoutStatus.ACTIVE, CheckoutStatus.PAST_DUE, true));
        assertEquals(
                Optional.empty(), map("installment-past-due", CheckoutStatus.PAST_DUE, CheckoutStatus.PAST_DUE, true));
    }

    @Test
    void aPlansEndingsArePlanEventsAndAOneTimeCheckoutsAreCheckoutEvents() {
        assertEquals(
                Optional.of("plan.cancelled"),
                map("checkout-cancelled", CheckoutStatus.ACTIVE, CheckoutStatus.CANCELLED, true));
        assertEquals(
                Optional.of("checkout.cancelled"),
                map("checkout-cancelled", CheckoutStatus.AWAITING_CONSENT, CheckoutStatus.CANCELLED, false));
        assertEquals(
                Optional.of("plan.failed"), map("checkout-failed", CheckoutStatus.ACTIVE, CheckoutStatus.FAILED, true));
        assertEquals(
                Optional.of("checkout.failed"),
                map("checkout-failed", CheckoutStatus.PAYING, CheckoutStatus.FAILED, false));
    }

    @Test
    void internalStepsAreNotTold() {
        for (String t : new String[] {
            "checkout-created",
            "grant-continued",
            "leg-sent",
            "installment-claimed",
            "installment-prepared",
            "installment-handed-over",
            "token-rotated",
            "sweep-resumed",
            "grant-closed"
        }) assertEquals(Optional.empty(), map(t, CheckoutStatus.PAYING, CheckoutStatus.PAYING, false), t);
    }

    @Test
    void needsReviewIsToldWhenTheCheckoutEntersIt() {
        assertEquals(
                Optional.of("checkout.needs_review"),
                map("needs-review", CheckoutStatus.PAYMENT_UNCONFIRMED, CheckoutStatus.NEEDS_REVIEW, false));
    }

    @Test
    void whetherAnEventIsToldNeverDependsOnThePlanOnlyWhichTypeItIs() {
        for (String t : new String[] {
            "consent-granted",
            "consent-rejected",
            "consent-expired",
            "checkout-completed",
            "checkout-failed",
            "checkout-cancelled",
            "payment-unconfirmed",
            "installment-paid",
            "installment-past-due",
            "plan-completed",
            "plan-failed",
            "installment-prepared",
            "token-rotated",
            "checkout-created"
        })
            assertEquals(
                    map(t, CheckoutStatus.ACTIVE, CheckoutStatus.ACTIVE, true).isPresent(),
                    map(t, CheckoutStatus.ACTIVE, CheckoutStatus.ACTIVE, false).isPresent(),
                    t);
    }

    @Test
    void aWriteTellsTheStorefrontOnlyWhenAnEventItAddedIsTold() {
        var older = new CheckoutEvent("c", 5, Instant.EPOCH, "consent-granted", CheckoutStatus.ACTIVE, "");
        var claimed = new CheckoutEvent("c", 6, Instant.EPOCH, "installment-claimed", CheckoutStatus.ACTIVE, "");
        var paid = new CheckoutEvent("c", 7, Instant.EPOCH, "installment-paid", CheckoutStatus.ACTIVE, "");

        assertEquals(false, StateTransition.tellsTheStorefront(List.of(older, claimed), 5, CheckoutStatus.ACTIVE));
        assertEquals(true, StateTransition.tellsTheStorefront(List.of(older, claimed, paid), 6, CheckoutStatus.ACTIVE));
        assertEquals(true, StateTransition.tellsTheStorefront(List.of(older), 0, null), "a first write's events count");
    }
}

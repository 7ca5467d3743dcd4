package dev.opfunctions.checkout.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class CheckoutStatusTest {

    @Test
    void allowsOnlyTheDocumentedMoves() {
        assertEquals(
                EnumSet.of(
                        CheckoutStatus.CONSENT_GRANTED,
                        CheckoutStatus.REJECTED,
                        CheckoutStatus.EXPIRED,
                        CheckoutStatus.CANCELLED,
                        CheckoutStatus.FAILED),
                CheckoutStatus.AWAITING_CONSENT.allowedNext());
        assertEquals(
                EnumSet.of(
                        CheckoutStatus.PAYING,
                        CheckoutStatus.ACTIVE,
                        CheckoutStatus.FAILED,
                        CheckoutStatus.EXPIRED,
                        CheckoutStatus.AWAITING_CONSENT),
                CheckoutStatus.CONSENT_GRANTED.allowedNext());
        assertEquals(
                EnumSet.of(
                        CheckoutStatus.COMPLETED,
                        CheckoutStatus.FAILED,
                        CheckoutStatus.PAYMENT_UNCONFIRMED,
                        CheckoutStatus.NEEDS_REVIEW),
                CheckoutStatus.PAYING.allowedNext());
        assertEquals(
                EnumSet.of(CheckoutStatus.COMPLETED, CheckoutStatus.FAILED, CheckoutStatus.NEEDS_REVIEW),
                CheckoutStatus.PAYMENT_UNCONFIRMED.allowedNext());
        assertEquals(
                EnumSet.of(CheckoutStatus.COMPLETED, CheckoutStatus.FAILED),
                CheckoutStatus.NEEDS_REVIEW.allowedNext(),
                "money may have moved: a person ends it, completed or failed, never back into the machinery");
        assertEquals(
                EnumSet.of(
                        CheckoutStatus.PAST_DUE,
                        CheckoutStatus.COMPLETED,
                        CheckoutStatus.FAILED,
                        CheckoutStatus.CANCELLED,
                        CheckoutStatus.NEEDS_REVIEW,
                        // consent asked again after the plan's token was lost in a rotation
                        CheckoutStatus.AWAITING_CONSENT),
                CheckoutStatus.ACTIVE.allowedNext());
        assertEquals(
                EnumSet.of(
                        CheckoutStatus.ACTIVE,
                        CheckoutStatus.COMPLETED,
                        CheckoutStatus.FAILED,
                        CheckoutStatus.CANCELLED,
                        CheckoutStatus.NEEDS_REVIEW,
                        CheckoutStatus.AWAITING_CONSENT),
                CheckoutStatus.PAST_DUE.allowedNext());
    }

    @Test
    void terminalStatesGoNowhere() {
        for (CheckoutStatus s : EnumSet.of(
                CheckoutStatus.COMPLETED,
                CheckoutStatus.FAILED,
                CheckoutStatus.REJECTED,
                CheckoutStatus.EXPIRED,
                CheckoutStatus.CANCELLED)) {
            assertTrue(s.isTerminal(), s.name());
            for (CheckoutStatus t : CheckoutStatus.values()) assertFalse(s.canMoveTo(t), s + "->" + t);
        }
    }

    @Test
    void cannotSkipConsent() {
        assertFalse(CheckoutStatus.AWAITING_CONSENT.canMoveTo(CheckoutStatus.PAYING));
        assertFalse(CheckoutStatus.AWAITING_CONSENT.canMoveTo(CheckoutStatus.COMPLETED));
        assertFalse(CheckoutStatus.CONSENT_GRANTED.canMoveTo(CheckoutStatus.COMPLETED));
    }

    @Test
    void legCreateIntentMustPrecedeSent() {
        assertFalse(LegStatus.PENDING.canMoveTo(LegStatus.SENT));
        assertTrue(LegStatus.PENDING.canMoveTo(LegStatus.CREATING));
        assertTrue(LegStatus.CREATING.canMoveTo(LegStatus.CREATING));
        assertTrue(LegStatus.CREATING.canMoveTo(LegStatus.SENT));
        assertTrue(LegStatus.COMPLETED.isTerminal());
    }

    @Test
    void anInstallmentLegWaitsScheduledAndOnlyAFailedAttemptGoesBackToWaiting() {
        assertTrue(LegStatus.SCHEDULED.canMoveTo(LegStatus.PENDING));
        assertFalse(LegStatus.SCHEDULED.canMoveTo(LegStatus.CREATING));
        assertTrue(LegStatus.FAILED.canMoveTo(LegStatus.SCHEDULED));
        assertFalse(LegStatus.SENT.canMoveTo(LegStatus.SCHEDULED), "a sent payment is followed, never retried");
        assertFalse(LegStatus.COMPLETED.canMoveTo(LegStatus.SCHEDULED));
        assertTrue(LegStatus.CANCELLED.isTerminal());
        assertTrue(LegStatus.SENT.inFlight() && LegStatus.CREATING.inFlight() && !LegStatus.PENDING.inFlight());
    }

    @Test
    void legKeyRoundTripsThroughItsText() {
        assertEquals(new LegKey(3, 1), LegKey.parse(new LegKey(3, 1).toString()));
        assertEquals("i0p2", new LegKey(0, 2).toString());
    }
}

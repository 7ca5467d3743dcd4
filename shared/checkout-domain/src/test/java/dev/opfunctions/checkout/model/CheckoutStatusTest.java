package dev.opfunctions.checkout.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class CheckoutStatusTest {

    @Test
    void allowsOnlyTheDocumentedMoves() {
        assertEquals(EnumSet.of(CheckoutStatus.CONSENT_GRANTED, CheckoutStatus.REJECTED, CheckoutStatus.EXPIRED, CheckoutStatus.CANCELLED, CheckoutStatus.FAILED),
                CheckoutStatus.AWAITING_CONSENT.allowedNext());
        assertEquals(EnumSet.of(CheckoutStatus.PAYING, CheckoutStatus.FAILED, CheckoutStatus.EXPIRED), CheckoutStatus.CONSENT_GRANTED.allowedNext());
        assertEquals(EnumSet.of(CheckoutStatus.COMPLETED, CheckoutStatus.FAILED), CheckoutStatus.PAYING.allowedNext());
    }

    @Test
    void terminalStatesGoNowhere() {
        for (CheckoutStatus s : EnumSet.of(CheckoutStatus.COMPLETED, CheckoutStatus.FAILED, CheckoutStatus.REJECTED, CheckoutStatus.EXPIRED, CheckoutStatus.CANCELLED)) {
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
    void legKeyRoundTripsThroughItsText() {
        assertEquals(new LegKey(3, 1), LegKey.parse(new LegKey(3, 1).toString()));
        assertEquals("i0p2", new LegKey(0, 2).toString());
    }
}

package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.FailureCode;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.Failure;
import dev.opfunctions.checkout.model.Leg;
import dev.opfunctions.checkout.model.LegStatus;

/**
 * The legs a checkout ends without charging. When a checkout ends before any payment was attempted
 * (refused, expired or cancelled before consent), its legs are stored {@link LegStatus#CANCELLED}
 * in the same write that ends it, so {@code GET /checkouts/{id}} never shows a payee of an ended
 * checkout as {@code pending}. Legs that were charged or may be moving money are left alone.
 */
final class UnchargedLegs {

    private UnchargedLegs() {}

    /**
     * Cancels, in {@code edit}, every leg of {@code c} that was never charged ({@code PENDING} or
     * {@code SCHEDULED}), recording {@code why} on it.
     */
    static Checkout.Edit cancel(Checkout c, Checkout.Edit edit, String why) {
        Failure failure = new Failure(FailureCode.CANCELLED, why);
        for (Leg l : c.legs()) {
            if (neverCharged(l.status())) edit.leg(l.cancelled(failure));
        }
        return edit;
    }

    /**
     * Whether a leg in {@code status} has not been charged and, on an ended checkout, never will be:
     * the view shows such legs as cancelled even where the write that ended the checkout left them
     * as they were (checkouts stored before legs were cancelled there, or ended by another path).
     */
    static boolean neverCharged(LegStatus status) {
        return status == LegStatus.PENDING || status == LegStatus.SCHEDULED;
    }
}

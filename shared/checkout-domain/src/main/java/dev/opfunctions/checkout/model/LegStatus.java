package dev.opfunctions.checkout.model;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of one payment leg (one payee's share, or later one installment to one payee).
 * {@link #CREATING} is the persisted intent that makes the outgoing-payment create exactly-once:
 * a leg is only ever created after this state is stored, and a leg found in it is reconciled by
 * reading the customer's outgoing payments back before anything is created again.
 */
public enum LegStatus {
    /** The incoming payment and the quote exist; no outgoing payment has been attempted. */
    PENDING,
    /** A worker holds the create lease and may have called create; the outcome is not recorded yet. */
    CREATING,
    /** The outgoing payment exists (its id is recorded) and is being followed to completion. */
    SENT,
    /** Terminal: sentAmount reached debitAmount and the payee's incoming payment received the amount. */
    COMPLETED,
    /** Terminal: the wallet refused the payment or marked it failed; {@code failure} says why. */
    FAILED;

    private static final Map<LegStatus, Set<LegStatus>> NEXT = new EnumMap<>(LegStatus.class);

    static {
        NEXT.put(PENDING, EnumSet.of(CREATING, FAILED));
        // CREATING -> CREATING is a lease takeover after the previous holder's lease ran out.
        NEXT.put(CREATING, EnumSet.of(CREATING, SENT, FAILED));
        NEXT.put(SENT, EnumSet.of(COMPLETED, FAILED));
        NEXT.put(COMPLETED, EnumSet.noneOf(LegStatus.class));
        NEXT.put(FAILED, EnumSet.noneOf(LegStatus.class));
    }

    public boolean canMoveTo(LegStatus next) {
        return NEXT.get(this).contains(next);
    }

    public boolean isTerminal() {
        return NEXT.get(this).isEmpty();
    }
}

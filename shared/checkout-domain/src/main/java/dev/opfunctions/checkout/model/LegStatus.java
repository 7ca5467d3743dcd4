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
    /** An installment's leg before it is due: no incoming payment or quote exists yet. */
    SCHEDULED,
    /** The incoming payment and the quote exist; no outgoing payment has been attempted. */
    PENDING,
    /** A worker holds the create lease and may have called create; the outcome is not recorded yet. */
    CREATING,
    /** The outgoing payment exists (its id is recorded) and is being followed to completion. */
    SENT,
    /**
     * Terminal: the payee's incoming payment received the leg's amount (or its wallet says it is
     * completed) and the outgoing payment did not fail. Never judged from {@code sentAmount ==
     * debitAmount}: the reference wallet reports {@code sentAmount} without the sender's fees.
     */
    COMPLETED,
    /**
     * The wallet refused the payment or marked it failed; {@code failure} says why. Terminal for a
     * one-time checkout; an installment's leg goes back to {@link #SCHEDULED} for its next attempt.
     */
    FAILED,
    /** Terminal: the installment plan was cancelled (or failed) before this leg was charged. */
    CANCELLED;

    private static final Map<LegStatus, Set<LegStatus>> NEXT = new EnumMap<>(LegStatus.class);

    static {
        // SCHEDULED -> COMPLETED: earlier attempts already delivered the whole share before they failed.
        NEXT.put(SCHEDULED, EnumSet.of(PENDING, COMPLETED, CANCELLED));
        NEXT.put(PENDING, EnumSet.of(CREATING, FAILED, CANCELLED));
        // CREATING -> CREATING is a lease takeover after the previous holder's lease ran out.
        NEXT.put(CREATING, EnumSet.of(CREATING, SENT, FAILED));
        NEXT.put(SENT, EnumSet.of(COMPLETED, FAILED));
        NEXT.put(COMPLETED, EnumSet.noneOf(LegStatus.class));
        NEXT.put(FAILED, EnumSet.of(SCHEDULED, CANCELLED));
        NEXT.put(CANCELLED, EnumSet.noneOf(LegStatus.class));
    }

    public boolean canMoveTo(LegStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** Nothing more happens to this attempt: the payment completed, failed or will never be made. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** An outgoing payment exists or may exist (a create was attempted), so money may be moving. */
    public boolean inFlight() {
        return this == CREATING || this == SENT;
    }
}

package dev.opfunctions.checkout.model;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of a checkout. Every stored change names its expected state, and only the moves in
 * {@link #allowedNext()} are legal; a change within the same state (a leg advancing while the
 * checkout is {@link #PAYING}) is a version bump, not a transition.
 */
public enum CheckoutStatus {
    /** The interactive outgoing-payment grant was requested and the customer holds the consent URL; nothing is authorised yet. */
    AWAITING_CONSENT,
    /** The finish callback carried a valid hash: interact_ref is recorded and create-outgoing is due to continue the grant. */
    CONSENT_GRANTED,
    /** The grant was continued and its token stored; outgoing payments are being created and followed, leg by leg. */
    PAYING,
    /**
     * Outgoing payments exist (or may exist) at the customer's wallet, but the wallet could not be
     * reached to confirm their outcome within the bounded re-checks, so money may still be moving.
     * Never failed on an outage: only the wallet saying {@code failed} fails a leg. {@code reason}
     * says what is unconfirmed. Re-checked with a growing interval (delayed messages, then the due
     * index), a bounded number of times, then {@link #NEEDS_REVIEW}.
     */
    PAYMENT_UNCONFIRMED,
    /**
     * Money may have moved but no code can tell how it ended: the payments stayed unconfirmed through
     * every bounded re-check, or a wallet says a payment or incoming payment we recorded does not exist
     * (404), or refused a request we cannot do without. Nothing is retried or sent any more and the
     * grant stays open; {@code reason} says what a person must look at (the legs carry the payment
     * URLs). Not {@link #FAILED}: the customer may have paid. A person (or a redriven message after
     * a fix) ends it.
     */
    NEEDS_REVIEW,
    /**
     * An installment plan whose grant is continued: installments are charged when due (the first at
     * consent when asked), one per grant interval. Between installments the plan waits here.
     */
    ACTIVE,
    /**
     * An installment plan whose current installment failed its quick retries (insufficient funds, a
     * refusal under the grant): slower retries continue until the installment's interval ends, then
     * the plan fails. Later installments are not charged while one is past due. {@code reason} says why.
     */
    PAST_DUE,
    /** Terminal: every leg's outgoing payment sent its full debit amount and each payee's incoming payment received its amount. */
    COMPLETED,
    /** Terminal: something could not be done (a wallet refused or never answered, a payment failed); {@code failure} says what. */
    FAILED,
    /** Terminal: the customer refused consent at their wallet. */
    REJECTED,
    /** Terminal: the customer did not come back with consent before the consent deadline. */
    EXPIRED,
    /** Terminal: the storefront cancelled the checkout before consent, or an installment plan between installments. */
    CANCELLED;

    private static final Map<CheckoutStatus, EnumSet<CheckoutStatus>> NEXT = new EnumMap<>(CheckoutStatus.class);

    static {
        NEXT.put(AWAITING_CONSENT, EnumSet.of(CONSENT_GRANTED, REJECTED, EXPIRED, CANCELLED, FAILED));
        // EXPIRED here: consent arrived but the continuation came too late for the wallet to honour it.
        // Back to AWAITING_CONSENT when the approved grant could not be redeemed and consent is asked again.
        NEXT.put(CONSENT_GRANTED, EnumSet.of(PAYING, ACTIVE, FAILED, EXPIRED, AWAITING_CONSENT));
        NEXT.put(PAYING, EnumSet.of(COMPLETED, FAILED, PAYMENT_UNCONFIRMED, NEEDS_REVIEW));
        // Only the wallet's answer ends it: completed, or failed because the wallet says so; or a person decides.
        NEXT.put(PAYMENT_UNCONFIRMED, EnumSet.of(COMPLETED, FAILED, NEEDS_REVIEW));
        // Not terminal: the outcome is unknown until a person (or the wallet, on a redriven message) settles it.
        NEXT.put(NEEDS_REVIEW, EnumSet.of(COMPLETED, FAILED));
        // Back to AWAITING_CONSENT when the plan's only token was lost (a rotation whose answer never got stored).
        NEXT.put(ACTIVE, EnumSet.of(PAST_DUE, COMPLETED, FAILED, CANCELLED, NEEDS_REVIEW, AWAITING_CONSENT));
        // Back to ACTIVE once the late installment is paid.
        NEXT.put(PAST_DUE, EnumSet.of(ACTIVE, COMPLETED, FAILED, CANCELLED, NEEDS_REVIEW, AWAITING_CONSENT));
        for (CheckoutStatus terminal : EnumSet.of(COMPLETED, FAILED, REJECTED, EXPIRED, CANCELLED)) {
            NEXT.put(terminal, EnumSet.noneOf(CheckoutStatus.class));
        }
    }

    /** The states this one may move to. */
    public Set<CheckoutStatus> allowedNext() {
        return EnumSet.copyOf(NEXT.get(this));
    }

    public boolean canMoveTo(CheckoutStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** No further change will ever be made to a checkout in this state (apart from its TTL). */
    public boolean isTerminal() {
        return NEXT.get(this).isEmpty();
    }

    /** Lower-case form used in JSON and URLs ({@code awaiting_consent}). */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package dev.opfunctions.checkout.model;

import dev.opfunctions.client.model.Amount;
import java.time.Instant;
import java.util.Objects;

/**
 * One payment from the customer to one payee: the incoming payment created at the payee, the quote
 * created at the customer's wallet for it, and (once consent is given) the outgoing payment.
 *
 * @param receiveAmount  what the payee must receive (this leg's share of the order amount)
 * @param debitAmount    what the quote says the customer will be debited for it
 * @param leaseOwner     the worker that holds the create lease while {@link LegStatus#CREATING}
 * @param leaseUntil     when that lease runs out; it must outlive any single function invocation
 * @param createAttempts how many times a worker took the create lease (for the record and for alarms)
 * @param sentAmount     the outgoing payment's sentAmount as last read (customer's asset)
 * @param receivedAmount the incoming payment's receivedAmount as last read (payee's asset)
 * @param incomingClosedAt when this client completed the leg's incoming payment at the payee's wallet
 *                       because it will not pay it (the checkout or installment ended without it), or null
 */
public record Leg(
        LegKey key,
        WalletAddress payee,
        Amount receiveAmount,
        String incomingPaymentId,
        String quoteId,
        Amount debitAmount,
        Instant quoteExpiresAt,
        LegStatus status,
        String leaseOwner,
        Instant leaseUntil,
        int createAttempts,
        String outgoingPaymentId,
        Amount sentAmount,
        Amount receivedAmount,
        Failure failure,
        Instant incomingClosedAt) {

    public Leg {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(receiveAmount, "receiveAmount");
        Objects.requireNonNull(status, "status");
    }

    /** A fresh leg whose incoming payment and quote have just been created. */
    public static Leg pending(
            LegKey key,
            WalletAddress payee,
            Amount receiveAmount,
            String incomingPaymentId,
            String quoteId,
            Amount debitAmount,
            Instant quoteExpiresAt) {
        return new Leg(
                key,
                payee,
                receiveAmount,
                incomingPaymentId,
                quoteId,
                debitAmount,
                quoteExpiresAt,
                LegStatus.PENDING,
                null,
                null,
                0,
                null,
                null,
                null,
                null,
                null);
    }

    /** An installment's leg that is not due yet: nothing exists at the wallets for it. */
    public static Leg scheduled(LegKey key, WalletAddress payee, Amount receiveAmount) {
        return new Leg(
                key,
                payee,
                receiveAmount,
                null,
                null,
                null,
                null,
                LegStatus.SCHEDULED,
                null,
                null,
                0,
                null,
                null,
                null,
                null,
                null);
    }

    /** The installment came due: its incoming payment and quote now exist. */
    public Leg prepared(String incomingPaymentId, String quoteId, Amount debit, Instant quoteExpiresAt) {
        moveTo(LegStatus.PENDING);
        return new Leg(
                key,
                payee,
                receiveAmount,
                incomingPaymentId,
                quoteId,
                debit,
                quoteExpiresAt,
                LegStatus.PENDING,
                null,
                null,
                createAttempts,
                null,
                null,
                null,
                null,
                null);
    }

    /** After a failed attempt: back to waiting for the next one, keeping the failure for the record. */
    public Leg rescheduled() {
        moveTo(LegStatus.SCHEDULED);
        return new Leg(
                key,
                payee,
                receiveAmount,
                null,
                null,
                null,
                null,
                LegStatus.SCHEDULED,
                null,
                null,
                createAttempts,
                null,
                null,
                null,
                failure,
                null);
    }

    /** The plan ended (cancelled or failed) before this leg was charged. */
    public Leg cancelled(Failure why) {
        moveTo(LegStatus.CANCELLED);
        return new Leg(
                key,
                payee,
                receiveAmount,
                incomingPaymentId,
                quoteId,
                debitAmount,
                quoteExpiresAt,
                LegStatus.CANCELLED,
                null,
                null,
                createAttempts,
                outgoingPaymentId,
                sentAmount,
                receivedAmount,
                why,
                incomingClosedAt);
    }

    private Leg moveTo(LegStatus next) {
        if (!status.canMoveTo(next)) {
            throw new IllegalStateTransitionException("leg " + key + " cannot move from " + status + " to " + next);
        }
        return this;
    }

    /**
     * Replaces an expired quote (the incoming payment stays). Only while no payment can exist for the
     * old quote: before any create, or after reconciling found none (an expired quote cannot back a new one).
     */
    public Leg requoted(String newQuoteId, Amount newDebit, Instant newExpiry) {
        if (status != LegStatus.PENDING && status != LegStatus.CREATING) {
            throw new IllegalStateTransitionException("leg " + key + " cannot be re-quoted when " + status);
        }
        return new Leg(
                key,
                payee,
                receiveAmount,
                incomingPaymentId,
                newQuoteId,
                newDebit,
                newExpiry,
                status,
                leaseOwner,
                leaseUntil,
                createAttempts,
                null,
                null,
                receivedAmount,
                null,
                incomingClosedAt);
    }

    /** Takes (or takes over) the create lease: the intent that must be stored before create is called. */
    public Leg claimCreate(String owner, Instant until) {
        moveTo(LegStatus.CREATING);
        return new Leg(
                key,
                payee,
                receiveAmount,
                incomingPaymentId,
                quoteId,
                debitAmount,
                quoteExpiresAt,
                LegStatus.CREATING,
                owner,
                until,
                createAttempts + 1,
                null,
                null,
                receivedAmount,
                null,
                incomingClosedAt);
    }

    /**
     * Ends the create lease early, keeping the leg CREATING so the next attempt still reconciles
     * first: for when the wallet answered (so the request is no longer in flight) without a payment.
     */
    public Leg releaseLease(Instant now) {
        if (status != LegStatus.CREATING)
            throw new IllegalStateTransitionException("leg " + key + " holds no lease when " + status);
        return new Leg(
                key,
                payee,
                receiveAmount,
                incomingPaymentId,
                quoteId,
                debitAmount,
                quoteExpiresAt,
                status,
                leaseOwner,
                now,
                createAttempts,
                outgoingPaymentId,
                sentAmount,
                receivedAmount,
                failure,
                incomingClosedAt);
    }

    /** Records the outgoing payment that exists at the customer's wallet for this leg's quote. */
    public Leg sent(String outgoingPaymentId, Amount sent) {
        moveTo(LegStatus.SENT);
        return new Leg(
                key,
                payee,
                receiveAmount,
                incomingPaymentId,
                quoteId,
                debitAmount,
                quoteExpiresAt,
                LegStatus.SENT,
                null,
                null,
                createAttempts,
                outgoingPaymentId,
                sent,
                receivedAmount,
                null,
                incomingClosedAt);
    }

    /** Updates the amounts read while following a sent payment, without changing its status. */
    public Leg progress(Amount sent, Amount received) {
        return new Leg(
                key,
                payee,
                receiveAmount,
                incomingPaymentId,
                quoteId,
                debitAmount,
                quoteExpiresAt,
                status,
                leaseOwner,
                leaseUntil,
                createAttempts,
                outgoingPaymentId,
                sent,
                received,
                failure,
                incomingClosedAt);
    }

    public Leg completed(Amount sent, Amount received) {
        moveTo(LegStatus.COMPLETED);
        return new Leg(
                key,
                payee,
                receiveAmount,
                incomingPaymentId,
                quoteId,
                debitAmount,
                quoteExpiresAt,
                LegStatus.COMPLETED,
                null,
                null,
                createAttempts,
                outgoingPaymentId,
                sent,
                received,
                null,
                incomingClosedAt);
    }

    public Leg failed(Failure why) {
        moveTo(LegStatus.FAILED);
        return new Leg(
                key,
                payee,
                receiveAmount,
                incomingPaymentId,
                quoteId,
                debitAmount,
                quoteExpiresAt,
                LegStatus.FAILED,
                null,
                null,
                createAttempts,
                outgoingPaymentId,
                sentAmount,
                receivedAmount,
                why,
                incomingClosedAt);
    }

    /** Records that the payee's wallet now accepts nothing more for this leg's incoming payment. */
    public Leg incomingClosed(Instant at) {
        return new Leg(
                key,
                payee,
                receiveAmount,
                incomingPaymentId,
                quoteId,
                debitAmount,
                quoteExpiresAt,
                status,
                leaseOwner,
                leaseUntil,
                createAttempts,
                outgoingPaymentId,
                sentAmount,
                receivedAmount,
                failure,
                at);
    }

    /**
     * Whether this leg's incoming payment exists, is still open at the payee's wallet as far as we
     * know, and will never be paid by this leg: cancelled, failed, or left pending by a checkout that
     * ended. Legs whose outgoing payment may still be moving money ({@link LegStatus#inFlight()}) never qualify.
     */
    public boolean incomingLeftOpen(boolean checkoutEnded) {
        if (incomingPaymentId == null || incomingClosedAt != null) return false;
        return switch (status) {
            case CANCELLED, FAILED -> true;
            case PENDING -> checkoutEnded;
            case SCHEDULED, CREATING, SENT, COMPLETED -> false;
        };
    }

    /** What the customer has been charged for this leg so far: the quote's debit once completed, else what the wallet reports sent. */
    public Amount charged() {
        if (status == LegStatus.COMPLETED && debitAmount != null) return debitAmount;
        return sentAmount;
    }

    /**
     * The sender's fees on a completed leg, where the wallet lets them be derived: {@code debitAmount -
     * sentAmount}, which is the fee for wallets that report {@code sentAmount} without fees (Rafiki) and
     * zero for those that include them. Null before completion.
     */
    public Amount fees() {
        if (status != LegStatus.COMPLETED
                || debitAmount == null
                || sentAmount == null
                || !debitAmount.sameAsset(sentAmount)) return null;
        return sentAmount.compareTo(debitAmount) >= 0
                ? debitAmount.withValue(java.math.BigInteger.ZERO)
                : debitAmount.minus(sentAmount);
    }

    /** Whether another worker's create lease is still running at {@code now}. */
    public boolean leasedByOtherAt(String me, Instant now) {
        return status == LegStatus.CREATING
                && leaseUntil != null
                && now.isBefore(leaseUntil)
                && !Objects.equals(me, leaseOwner);
    }
}

package dev.opfunctions.checkout.model;

import dev.opfunctions.client.model.Amount;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * @param attempts       earlier attempts that ended without completing the leg, oldest first (an installment's
 *                       leg is retried after a failure); the fields above describe the current attempt
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
        Instant incomingClosedAt,
        List<LegAttempt> attempts) {

    public Leg {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(receiveAmount, "receiveAmount");
        Objects.requireNonNull(status, "status");
        // Documents stored before attempts were kept have none.
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
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
        return Builder.fresh(key, payee, receiveAmount)
                .status(LegStatus.PENDING)
                .incomingPaymentId(incomingPaymentId)
                .quote(quoteId, debitAmount, quoteExpiresAt)
                .build();
    }

    /** An installment's leg that is not due yet: nothing exists at the wallets for it. */
    public static Leg scheduled(LegKey key, WalletAddress payee, Amount receiveAmount) {
        return Builder.fresh(key, payee, receiveAmount)
                .status(LegStatus.SCHEDULED)
                .build();
    }

    /** The installment came due: its incoming payment and quote now exist. */
    public Leg prepared(String incomingPaymentId, String quoteId, Amount debit, Instant quoteExpiresAt) {
        moveTo(LegStatus.PENDING);
        return startOver()
                .status(LegStatus.PENDING)
                .incomingPaymentId(incomingPaymentId)
                .quote(quoteId, debit, quoteExpiresAt)
                .build();
    }

    /**
     * After a failed attempt: back to waiting for the next one. The attempt is kept in {@link #attempts()}
     * with what it sent and delivered, so the next one pays only what is still {@link #owed()}.
     */
    public Leg rescheduled(Instant now) {
        moveTo(LegStatus.SCHEDULED);
        List<LegAttempt> kept = new ArrayList<>(attempts);
        kept.add(new LegAttempt(
                incomingPaymentId, quoteId, outgoingPaymentId, debitAmount, sentAmount, receivedAmount, failure, now));
        return startOver()
                .status(LegStatus.SCHEDULED)
                .failure(failure)
                .attempts(kept)
                .build();
    }

    /**
     * Earlier attempts delivered the whole share before they failed (the wallet stopped a payment whose
     * last packets had arrived): the leg is paid, and nothing more is created for it.
     */
    public Leg completedByEarlierAttempts() {
        moveTo(LegStatus.COMPLETED);
        if (!owed().isZero()) throw new IllegalStateTransitionException("leg " + key + " still owes " + owed());
        return edit().status(LegStatus.COMPLETED).noLease().failure(null).build();
    }

    /** The plan ended (cancelled or failed) before this leg was charged. */
    public Leg cancelled(Failure why) {
        moveTo(LegStatus.CANCELLED);
        return edit().status(LegStatus.CANCELLED).noLease().failure(why).build();
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
        return edit().quote(newQuoteId, newDebit, newExpiry).noPayment().build();
    }

    /** Takes (or takes over) the create lease: the intent that must be stored before create is called. */
    public Leg claimCreate(String owner, Instant until) {
        moveTo(LegStatus.CREATING);
        return edit().status(LegStatus.CREATING)
                .lease(owner, until)
                .createAttempts(createAttempts + 1)
                .noPayment()
                .build();
    }

    /**
     * Ends the create lease early, keeping the leg CREATING so the next attempt still reconciles
     * first: for when the wallet answered (so the request is no longer in flight) without a payment.
     */
    public Leg releaseLease(Instant now) {
        if (status != LegStatus.CREATING)
            throw new IllegalStateTransitionException("leg " + key + " holds no lease when " + status);
        return edit().lease(leaseOwner, now).build();
    }

    /** Records the outgoing payment that exists at the customer's wallet for this leg's quote. */
    public Leg sent(String outgoingPaymentId, Amount sent) {
        moveTo(LegStatus.SENT);
        return edit().status(LegStatus.SENT)
                .noLease()
                .outgoingPaymentId(outgoingPaymentId)
                .sentAmount(sent)
                .failure(null)
                .build();
    }

    /** Updates the amounts read while following a sent payment, without changing its status. */
    public Leg progress(Amount sent, Amount received) {
        return edit().sentAmount(sent).receivedAmount(received).build();
    }

    public Leg completed(Amount sent, Amount received) {
        moveTo(LegStatus.COMPLETED);
        return edit().status(LegStatus.COMPLETED)
                .noLease()
                .sentAmount(sent)
                .receivedAmount(received)
                .failure(null)
                .build();
    }

    public Leg failed(Failure why) {
        moveTo(LegStatus.FAILED);
        return edit().status(LegStatus.FAILED).noLease().failure(why).build();
    }

    /** The wallet stopped the payment after it had sent {@code sent} and the payee had received {@code received}. */
    public Leg failedAfter(Failure why, Amount sent, Amount received) {
        return failed(why).edit().sentAmount(sent).receivedAmount(received).build();
    }

    /**
     * What the payee still has to receive for this leg: its share less what earlier attempts delivered
     * (never below zero). The current attempt's incoming payment is created for this amount.
     */
    public Amount owed() {
        Amount left = receiveAmount;
        for (LegAttempt a : attempts) {
            if (!a.delivered() || !a.receivedAmount().sameAsset(left)) continue;
            left = a.receivedAmount().compareTo(left) >= 0
                    ? left.withValue(BigInteger.ZERO)
                    : left.minus(a.receivedAmount());
        }
        return left;
    }

    /** What the payee has received for this leg over every attempt, or null when nothing was ever read. */
    public Amount totalReceived() {
        Amount total = receivedAmount;
        for (LegAttempt a : attempts) total = sum(total, a.receivedAmount());
        return total;
    }

    /** Records that the payee's wallet now accepts nothing more for this leg's incoming payment. */
    public Leg incomingClosed(Instant at) {
        return edit().incomingClosedAt(at).build();
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

    /**
     * What the customer has been charged for this leg so far, over every attempt: for the current one the
     * quote's debit once completed, else what the wallet reports sent; for earlier ones what they sent.
     */
    public Amount charged() {
        Amount current = status == LegStatus.COMPLETED && debitAmount != null ? debitAmount : sentAmount;
        for (LegAttempt a : attempts) current = sum(current, a.sentAmount());
        return current;
    }

    private static Amount sum(Amount a, Amount b) {
        if (a == null) return b;
        if (b == null || !a.sameAsset(b)) return a;
        return a.plus(b);
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

    /** A copy of this leg to change. */
    private Builder edit() {
        return new Builder(this);
    }

    /** A leg starting over from nothing at the wallets: only its identity and its attempts carry over. */
    private Builder startOver() {
        return Builder.fresh(key, payee, receiveAmount)
                .createAttempts(createAttempts)
                .attempts(attempts);
    }

    /**
     * The next leg, component by component; {@link #build()} goes through the canonical constructor
     * (and its checks). What a transition does not set keeps its value, or stays null from {@link #fresh}.
     */
    private static final class Builder {
        private final LegKey key;
        private final WalletAddress payee;
        private final Amount receiveAmount;
        private String incomingPaymentId;
        private String quoteId;
        private Amount debitAmount;
        private Instant quoteExpiresAt;
        private LegStatus status;
        private String leaseOwner;
        private Instant leaseUntil;
        private int createAttempts;
        private String outgoingPaymentId;
        private Amount sentAmount;
        private Amount receivedAmount;
        private Failure failure;
        private Instant incomingClosedAt;
        private List<LegAttempt> attempts = List.of();

        private Builder(LegKey key, WalletAddress payee, Amount receiveAmount) {
            this.key = key;
            this.payee = payee;
            this.receiveAmount = receiveAmount;
        }

        private Builder(Leg from) {
            this(from.key, from.payee, from.receiveAmount);
            incomingPaymentId = from.incomingPaymentId;
            quoteId = from.quoteId;
            debitAmount = from.debitAmount;
            quoteExpiresAt = from.quoteExpiresAt;
            status = from.status;
            leaseOwner = from.leaseOwner;
            leaseUntil = from.leaseUntil;
            createAttempts = from.createAttempts;
            outgoingPaymentId = from.outgoingPaymentId;
            sentAmount = from.sentAmount;
            receivedAmount = from.receivedAmount;
            failure = from.failure;
            incomingClosedAt = from.incomingClosedAt;
            attempts = from.attempts;
        }

        /** A leg with nothing at the wallets yet: no payments, no quote, no lease, no attempts. */
        static Builder fresh(LegKey key, WalletAddress payee, Amount receiveAmount) {
            return new Builder(key, payee, receiveAmount);
        }

        Builder status(LegStatus s) {
            status = s;
            return this;
        }

        Builder incomingPaymentId(String id) {
            incomingPaymentId = id;
            return this;
        }

        /** The quote created at the customer's wallet for the incoming payment. */
        Builder quote(String id, Amount debit, Instant expiresAt) {
            quoteId = id;
            debitAmount = debit;
            quoteExpiresAt = expiresAt;
            return this;
        }

        Builder lease(String owner, Instant until) {
            leaseOwner = owner;
            leaseUntil = until;
            return this;
        }

        Builder noLease() {
            return lease(null, null);
        }

        Builder createAttempts(int n) {
            createAttempts = n;
            return this;
        }

        /** No outgoing payment exists for the current quote yet: nothing sent, no failure to keep. */
        Builder noPayment() {
            outgoingPaymentId = null;
            sentAmount = null;
            failure = null;
            return this;
        }

        Builder outgoingPaymentId(String id) {
            outgoingPaymentId = id;
            return this;
        }

        Builder sentAmount(Amount a) {
            sentAmount = a;
            return this;
        }

        Builder receivedAmount(Amount a) {
            receivedAmount = a;
            return this;
        }

        Builder failure(Failure f) {
            failure = f;
            return this;
        }

        Builder incomingClosedAt(Instant at) {
            incomingClosedAt = at;
            return this;
        }

        Builder attempts(List<LegAttempt> all) {
            attempts = all;
            return this;
        }

        Leg build() {
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
                    incomingClosedAt,
                    attempts);
        }
    }
}

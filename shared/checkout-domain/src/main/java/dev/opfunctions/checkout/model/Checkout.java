package dev.opfunctions.checkout.model;

import dev.opfunctions.client.model.Amount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A storefront order on its way to a completed Open Payments payment: the aggregate every function
 * reads and changes. Immutable; every change produces a new value with {@code version + 1}, stored
 * with a condition on the old version (see {@link Change}).
 *
 * @param requestHash    fingerprint of the validated order; the same order id with another body is a conflict
 * @param amount         the order total the payees receive together (the payee wallets' asset)
 * @param legs           one leg per payee (per installment later), sorted by key
 * @param paymentToken   the outgoing-payment access token, once the grant is continued (secret)
 * @param expiresAtEpoch DynamoDB TTL: set when the checkout reaches a terminal state
 * @param followChecks   how many delayed re-checks have been made while following payments
 * @param reason         why a checkout that is not finished needs attention (payments unconfirmed, an installment past due)
 * @param plan           the installment plan, or null for a one-time checkout
 * @param sweepRetry     the sweep's consecutive failures at re-driving this checkout, or null (see {@link SweepRetry})
 * @param recheckAt      while payments are unconfirmed: when the next re-check is due, for a re-check further
 *                       away than a queue message can be delayed (the due index brings the checkout back then)
 */
public record Checkout(
        String id,
        String orderId,
        String requestHash,
        CheckoutStatus status,
        long version,
        Instant createdAt,
        Instant updatedAt,
        WalletAddress customer,
        Amount amount,
        String description,
        String returnUrl,
        List<Leg> legs,
        Consent consent,
        GrantToken paymentToken,
        Failure failure,
        Instant finishedAt,
        Long expiresAtEpoch,
        int followChecks,
        Failure reason,
        InstallmentPlan plan,
        SweepRetry sweepRetry,
        Instant recheckAt) {

    public Checkout {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        legs = legs.stream().sorted(Comparator.comparing(Leg::key)).toList();
        if (plan != null && plan.grantCancelledAt() != null) {
            // A document stored when plans kept their closed grant apart: one fact, one field, on the consent.
            if (consent != null && consent.grantClosedAt() == null)
                consent = consent.withGrantClosedAt(plan.grantCancelledAt());
            plan = plan.withoutLegacyGrantCancelledAt();
        }
    }

    /**
     * A new checkout whose consent has just been requested: version 1, nothing paid, no token yet.
     *
     * @param order the storefront's order: id, fingerprint, total, description and return URL
     * @param plan  the installment plan, or null for a one-time checkout
     */
    public static Checkout awaitingConsent(
            String id,
            NewOrder order,
            Instant createdAt,
            Instant updatedAt,
            WalletAddress customer,
            List<Leg> legs,
            Consent consent,
            InstallmentPlan plan) {
        return new Checkout(
                id,
                order.orderId(),
                order.requestHash(),
                CheckoutStatus.AWAITING_CONSENT,
                /* version */ 1,
                createdAt,
                updatedAt,
                customer,
                order.amount(),
                order.description(),
                order.returnUrl(),
                legs,
                consent,
                // None of these exists before the customer consents:
                /* paymentToken */ null,
                /* failure */ null,
                /* finishedAt */ null,
                /* expiresAtEpoch */ null,
                /* followChecks */ 0,
                /* reason */ null,
                plan,
                /* sweepRetry */ null,
                /* recheckAt */ null);
    }

    /** What a checkout keeps of the order that created it. */
    public record NewOrder(String orderId, String requestHash, Amount amount, String description, String returnUrl) {}

    public Optional<Leg> leg(LegKey key) {
        return legs.stream().filter(l -> l.key().equals(key)).findFirst();
    }

    /** Sum of the quotes' debit amounts known so far (legs not yet prepared count nothing). */
    public Amount debitTotal() {
        return legs.stream()
                .map(Leg::debitAmount)
                .filter(Objects::nonNull)
                .reduce(Amount::plus)
                .orElseGet(() -> Amount.zero(customer.assetCode(), customer.assetScale()));
    }

    /** The legs of installment {@code index} (all legs of a one-time checkout are installment 0). */
    public List<Leg> legsOf(int installment) {
        return legs.stream().filter(l -> l.key().installment() == installment).toList();
    }

    public boolean hasPlan() {
        return plan != null;
    }

    /**
     * A checkout that is not finished and has not been written for this long has lost the message that
     * should move it on: every step that schedules a message also writes the checkout, and no message
     * is delayed longer than SQS allows (15 minutes).
     */
    public static final Duration STALE_AFTER = Duration.ofMinutes(16);

    /**
     * The stored look-again time at the {@link #STALE_AFTER} bound is rounded up to this grid: the DueIndex
     * is keyed on it, and DynamoDB rewrites an index entry (a delete and a put) whenever its key changes, so
     * a time that moved with every write cost two index writes per write. Rounded, the writes of a payment
     * that completes within the same minute leave the entry alone; the sweep acts at most this much later.
     */
    public static final Duration WAKE_GRID = Duration.ofMinutes(1);

    /**
     * The history event type of the write that moves a checkout to {@link CheckoutStatus#NEEDS_REVIEW}
     * (and only of that write): what the metrics count as one checkout handed to a person.
     */
    public static final String NEEDS_REVIEW_EVENT = "needs-review";

    /**
     * How often, and for how long after it ended, the sweep retries the wallet clean-up an ended
     * checkout still owes ({@link #owesCleanUp()}) when the message that should have done it gave up
     * (a payee's wallet down through every delivery). A day is the longest life this client gives an
     * incoming payment (an installment's), so after it the wallet has expired whatever is left.
     */
    public static final Duration CLEAN_UP_RECHECK = Duration.ofHours(1);

    public static final Duration CLEAN_UP_FOR = Duration.ofDays(1);

    /**
     * Whether this ended checkout still owes its wallets a clean-up: an incoming payment it will not
     * pay is still open at the payee ({@link Leg#incomingLeftOpen}), or a cancelled plan's grant is not
     * yet cancelled at the customer's wallet.
     */
    public boolean owesCleanUp() {
        if (!status.isTerminal()) return false;
        return owesGrantCancel() || legs.stream().anyMatch(l -> l.incomingLeftOpen(true));
    }

    /**
     * Whether the customer's grant is still open at their wallet although nothing more will be paid with it:
     * a cancelled plan's, or a one-time checkout's once it completed or failed with its payment token in hand.
     * No token outlives its need: revoking the grant revokes every token of it. A grant whose cancel the
     * wallet refused {@link Consent#MAX_CANCEL_REFUSALS} times is no longer owed: it is shown instead.
     */
    public boolean owesGrantCancel() {
        if (consent == null || consent.grantClosedAt() != null || consent.grantCancelGivenUp()) return false;
        if (plan != null) return status == CheckoutStatus.CANCELLED;
        return (status == CheckoutStatus.COMPLETED || status == CheckoutStatus.FAILED) && paymentToken != null;
    }

    /**
     * When scheduled-installment must next look at this checkout (the DueIndex key), or empty when
     * nothing is left to do. An active or past-due plan wakes when its next installment needs
     * attention, and no later than the stale bound while a payment of it is in flight; every other
     * unfinished checkout carries its "look again by" time, {@link #STALE_AFTER} after its last write, rounded up to {@link #WAKE_GRID} (or
     * its {@link #recheckAt()} when its payments are unconfirmed and the next re-check is further away),
     * so the sweep resumes one whose message was lost; a checkout awaiting consent wakes at its consent
     * deadline, when the scheduled run expires it (no message does). A checkout that {@link CheckoutStatus#NEEDS_REVIEW} waits for a person and never
     * wakes. A {@link #sweepRetry()} pushes any of these back to its {@code retryAt}. An ended checkout
     * that {@link #owesCleanUp()} wakes {@link #CLEAN_UP_RECHECK} after its last
     * write, for at most {@link #CLEAN_UP_FOR} after it ended.
     */
    public Optional<Instant> wakeAt() {
        return wakeAt(STALE_AFTER);
    }

    /** {@link #wakeAt()} with another stale bound in place of {@link #STALE_AFTER} (the sweep's, when configured shorter). */
    public Optional<Instant> wakeAt(Duration staleAfter) {
        Optional<Instant> due = dueAt(staleAfter);
        if (sweepRetry == null || due.isEmpty()) return due;
        return Optional.of(later(due.get(), sweepRetry.retryAt()));
    }

    private Optional<Instant> dueAt(Duration staleAfter) {
        if (status == CheckoutStatus.NEEDS_REVIEW) return Optional.empty();
        if (status.isTerminal()) {
            if (!owesCleanUp() || finishedAt == null) return Optional.empty();
            Instant next = updatedAt.plus(CLEAN_UP_RECHECK);
            return next.isAfter(finishedAt.plus(CLEAN_UP_FOR)) ? Optional.empty() : Optional.of(next);
        }
        if (plan != null && (status == CheckoutStatus.ACTIVE || status == CheckoutStatus.PAST_DUE)) {
            // A payment in flight (created, or its create attempted) is followed by re-check messages: if one is
            // lost, the sweep's bound applies, not only the plan's own (longer) watchdog.
            Instant stale = staleBound(updatedAt, staleAfter);
            boolean inFlight = plan.current()
                    .map(i ->
                            legsOf(i.index()).stream().anyMatch(l -> l.status().inFlight()))
                    .orElse(false);
            if (inFlight && (plan.wakeAt() == null || plan.wakeAt().isAfter(stale))) return Optional.of(stale);
            return Optional.ofNullable(plan.wakeAt());
        }
        Instant stale = staleBound(updatedAt, staleAfter);
        if (status == CheckoutStatus.PAYMENT_UNCONFIRMED && recheckAt != null)
            return Optional.of(later(stale, recheckAt));
        // Awaiting consent, the deadline itself: the scheduled run expires the checkout then (no message does).
        // Once a write after the deadline shows the sweep has sent the expiry, the stale bound applies again.
        if (status == CheckoutStatus.AWAITING_CONSENT && consent != null && updatedAt.isBefore(consent.deadline()))
            return Optional.of(consent.deadline());
        return Optional.of(stale);
    }

    /**
     * When a checkout last written at {@code writtenAt} counts as stalled: {@code staleAfter} later, and at the
     * production bound rounded up to {@link #WAKE_GRID}. A shorter (local) bound is exact.
     */
    public static Instant staleBound(Instant writtenAt, Duration staleAfter) {
        Instant stale = writtenAt.plus(staleAfter);
        if (!staleAfter.equals(STALE_AFTER)) return stale;
        long grid = WAKE_GRID.toMillis();
        return Instant.ofEpochMilli(Math.ceilDiv(stale.toEpochMilli(), grid) * grid);
    }

    private static Instant later(Instant a, Instant b) {
        return b != null && b.isAfter(a) ? b : a;
    }

    /**
     * What the customer has been charged so far, in their asset: each completed leg's quoted debit
     * (fees included) plus what the wallet reports sent on legs still moving or stopped. Zero before
     * any payment exists. See {@link Leg#charged()}.
     */
    public Amount chargedTotal() {
        return legs.stream()
                .map(Leg::charged)
                .filter(Objects::nonNull)
                .reduce(Amount::plus)
                .orElseGet(() -> Amount.zero(customer.assetCode(), customer.assetScale()));
    }

    /** The sender's fees on the completed legs, where they can be derived ({@link Leg#fees()}), or empty. */
    public Optional<Amount> feesTotal() {
        return legs.stream().map(Leg::fees).filter(Objects::nonNull).reduce(Amount::plus);
    }

    public boolean allLegs(LegStatus s) {
        return legs.stream().allMatch(l -> l.status() == s);
    }

    /** A copy to change; {@link Edit#build()} bumps the version and the update time. */
    public Edit edit(Instant now) {
        return new Edit(this, now);
    }

    /** Builds the next version of a checkout; state moves are checked against {@link CheckoutStatus}. */
    public static final class Edit {
        private final Checkout from;
        private final Instant now;
        private CheckoutStatus status;
        private final List<Leg> legs;
        private Consent consent;
        private GrantToken paymentToken;
        private Failure failure;
        private Instant finishedAt;
        private Long expiresAtEpoch;
        private int followChecks;
        private Failure reason;
        private InstallmentPlan plan;
        private SweepRetry sweepRetry;
        private Instant recheckAt;

        private Edit(Checkout from, Instant now) {
            this.from = from;
            this.now = now;
            this.status = from.status;
            this.legs = new ArrayList<>(from.legs);
            this.consent = from.consent;
            this.paymentToken = from.paymentToken;
            this.failure = from.failure;
            this.finishedAt = from.finishedAt;
            this.expiresAtEpoch = from.expiresAtEpoch;
            this.followChecks = from.followChecks;
            this.reason = from.reason;
            this.plan = from.plan;
            this.sweepRetry = from.sweepRetry;
            this.recheckAt = from.recheckAt;
        }

        /** Moves to {@code next}; a terminal state also starts the retention clock for the TTL. */
        public Edit moveTo(CheckoutStatus next, Duration retention) {
            if (!status.canMoveTo(next)) {
                throw new IllegalStateTransitionException(
                        "checkout " + from.id + " cannot move from " + status + " to " + next);
            }
            status = next;
            if (next.isTerminal()) {
                finishedAt = now;
                expiresAtEpoch = now.plus(retention).getEpochSecond();
            }
            return this;
        }

        public Edit fail(Failure why, Duration retention) {
            failure = why;
            return moveTo(CheckoutStatus.FAILED, retention);
        }

        public Edit leg(Leg leg) {
            for (int i = 0; i < legs.size(); i++) {
                if (legs.get(i).key().equals(leg.key())) {
                    legs.set(i, leg);
                    return this;
                }
            }
            throw new IllegalArgumentException("no leg " + leg.key() + " in checkout " + from.id);
        }

        public Edit consent(Consent c) {
            consent = c;
            return this;
        }

        public Edit paymentToken(GrantToken t) {
            paymentToken = t;
            return this;
        }

        public Edit followChecks(int n) {
            followChecks = n;
            return this;
        }

        /** Why the checkout needs attention, or null to clear it. */
        public Edit reason(Failure r) {
            reason = r;
            return this;
        }

        public Edit plan(InstallmentPlan p) {
            plan = p;
            return this;
        }

        /** The sweep's failure record, or null to clear it (after a successful re-drive). */
        public Edit sweepRetry(SweepRetry r) {
            sweepRetry = r;
            return this;
        }

        /** When the due index brings back a checkout whose payments are unconfirmed, or null. */
        public Edit recheckAt(Instant at) {
            recheckAt = at;
            return this;
        }

        public InstallmentPlan plan() {
            return plan;
        }

        public CheckoutStatus status() {
            return status;
        }

        public Checkout build() {
            return new Checkout(
                    from.id,
                    from.orderId,
                    from.requestHash,
                    status,
                    from.version + 1,
                    from.createdAt,
                    now,
                    from.customer,
                    from.amount,
                    from.description,
                    from.returnUrl,
                    legs,
                    consent,
                    paymentToken,
                    failure,
                    finishedAt,
                    expiresAtEpoch,
                    followChecks,
                    reason,
                    plan,
                    sweepRetry,
                    recheckAt);
        }

        /** The new version with its history line, ready for a conditional write on the old version. */
        public Change change(String eventType, String detail) {
            Checkout next = build();
            return new Change(
                    from.version,
                    next,
                    new CheckoutEvent(next.id(), next.version(), now, eventType, next.status(), detail));
        }
    }
}

package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.FailureCode;
import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.model.Change;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.Failure;
import dev.opfunctions.checkout.model.Installment;
import dev.opfunctions.checkout.model.InstallmentPlan;
import dev.opfunctions.checkout.model.Leg;
import dev.opfunctions.checkout.model.LegStatus;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.checkout.port.CommandQueue;
import dev.opfunctions.checkout.port.WalletException;
import dev.opfunctions.checkout.port.WalletGateway;
import dev.opfunctions.checkout.service.PaymentWorker.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * create-outgoing's steps for installment plans: activate the plan when its grant is continued,
 * charge the current installment exactly once (the legs' create/follow steps are the one-time
 * checkout's), and record what came of it: paid (next one scheduled, or the plan completed), or a
 * failed attempt (retried with backoff, then past due, until the installment's grant interval ends).
 * Only the current installment is ever charged, so a later one is never paid while an earlier one is open.
 */
final class PlanSteps {

    private final CheckoutStore store;
    private final CommandQueue queue;
    private final WalletGateway gateway;
    private final Clock clock;
    private final CheckoutSettings settings;
    private final GrantCancels grants;
    final LegSteps legs;

    PlanSteps(CheckoutDependencies deps, LegSteps legs) {
        this.store = deps.store();
        this.queue = deps.queue();
        this.gateway = deps.gateway();
        this.clock = deps.clock();
        this.settings = deps.settings();
        this.grants = new GrantCancels(deps);
        this.legs = legs;
    }

    /** The grant is continued: store its token and continuation and activate the plan; installment 1 is charged now if due at consent. */
    Outcome activate(Checkout c, WalletGateway.ApprovedGrant approved, Command command, String me) {
        Instant now = clock.instant();
        InstallmentPlan plan = c.plan();
        if (plan.paidCount() > 0) return resume(c, approved, command, me);
        Instant firstDue = plan.installment(0).dueAt();
        Instant wake = plan.firstAtConsent() ? now.plus(settings.plans().watchdog()) : firstDue;
        Change active = c.edit(now)
                .paymentToken(approved.token())
                // The continuation the answer carries is the only one that can cancel the grant from now on.
                .consent(c.consent()
                        .withContinuingUntil(null)
                        .withContinuation(approved.continueUri(), approved.continueToken()))
                .plan(plan.wakeAt(wake).tokenRotatedFor(0))
                .moveTo(CheckoutStatus.ACTIVE, settings.retention())
                .change(
                        "grant-continued",
                        "payment token stored; plan active, installment 1 due "
                                + (plan.firstAtConsent() ? "now" : "at " + firstDue));
        store.update(active);
        if (!plan.firstAtConsent()) return new Outcome.Done("plan active; installment 1 due at " + firstDue);
        return charge(active.next(), command, me);
    }

    /**
     * Consent was asked again after the plan's token was lost: the new grant's token is fresh for the
     * current installment, which is prepared when due (or charged now if it was already prepared).
     */
    private Outcome resume(Checkout c, WalletGateway.ApprovedGrant approved, Command command, String me) {
        Instant now = clock.instant();
        Installment cur = c.plan().current().orElseThrow();
        boolean prepared = c.legsOf(cur.index()).stream().noneMatch(l -> l.status() == LegStatus.SCHEDULED);
        Instant wake = prepared || cur.nextAttemptAt().isBefore(now) ? now : cur.nextAttemptAt();
        Change active = c.edit(now)
                .paymentToken(approved.token())
                .consent(c.consent()
                        .withContinuingUntil(null)
                        .withContinuation(approved.continueUri(), approved.continueToken()))
                .plan(c.plan()
                        .wakeAt(prepared ? now.plus(settings.plans().watchdog()) : wake)
                        .tokenRotatedFor(cur.index()))
                .reason(null)
                .moveTo(CheckoutStatus.ACTIVE, settings.retention())
                .change(
                        "grant-continued",
                        "new payment token stored; plan active again at installment " + (cur.index() + 1));
        store.update(active);
        if (!prepared)
            return new Outcome.Done("plan active again; installment " + (cur.index() + 1) + " due at " + wake);
        return charge(active.next(), command, me);
    }

    Outcome charge(Checkout c, Command command, String me) {
        Installment cur = c.plan().current().orElse(null);
        if (cur == null) return new Outcome.Done("every installment is paid");
        if (command instanceof Command.ChargeInstallment ci && ci.installment() != cur.index()) {
            return new Outcome.Done(
                    "installment " + (ci.installment() + 1) + " is not the current one (" + (cur.index() + 1) + ")");
        }
        int k = cur.index();
        if (c.legsOf(k).stream().anyMatch(l -> l.status() == LegStatus.SCHEDULED)) {
            return new Outcome.Done("installment " + (k + 1) + " waits for scheduled-installment to prepare it");
        }
        Instant now = clock.instant();
        // Created no earlier than the installment's own grant interval allows (plus a margin for clock skew).
        Instant chargeAt = k == 0 && c.plan().firstAtConsent()
                ? cur.nextAttemptAt()
                : cur.nextAttemptAt().plus(settings.plans().intervalMargin());
        if (now.isBefore(chargeAt) && c.legsOf(k).stream().anyMatch(l -> l.status() == LegStatus.PENDING)) {
            queue.send(new Command.ChargeInstallment(c.id(), k), PaymentWorker.cap(Duration.between(now, chargeAt)));
            return new Outcome.Done("installment " + (k + 1) + " is charged at " + chargeAt);
        }
        Checkout before = c;
        LegSteps.Pass pass =
                legs.createAndLookOnce(c, c.legsOf(k).stream().map(Leg::key).toList(), me);
        c = pass.checkout();
        String unreachable = pass.unreachable();
        List<Leg> mine = c.legsOf(k);
        if (mine.stream().allMatch(l -> l.status() == LegStatus.COMPLETED))
            return paid(c, c.plan().installment(k));
        if (mine.stream().allMatch(l -> l.status().isTerminal())) {
            Failure why = mine.stream()
                    .filter(l -> l.status() == LegStatus.FAILED)
                    .map(Leg::failure)
                    .filter(Objects::nonNull)
                    .findFirst()
                    .orElse(new Failure(
                            FailureCode.PAYMENT_FAILED, "the customer's wallet did not complete the payment"));
            attemptFailed(c, c.plan().installment(k), why);
            return new Outcome.Done("installment " + (k + 1) + " attempt failed: " + why.message());
        }
        return followLater(c, command, unreachable, Rechecks.progressed(before, c));
    }

    private Outcome followLater(Checkout c, Command command, String unreachable, boolean progressed) {
        int expected = command instanceof Command.FollowPayments f ? f.check() : 0;
        if (c.followChecks() != expected) return new Outcome.Done("a re-check is already scheduled");
        Instant now = clock.instant();
        if (expected >= settings.maxFollowChecks() && !progressed) {
            // Money may be moving: not a failure. The scheduler's watchdog looks again later.
            String why = "installment payments not confirmed after " + expected + " checks"
                    + (unreachable == null ? "" : "; " + unreachable);
            Failure reason = new Failure(FailureCode.PAYMENT_UNCONFIRMED, why);
            if (!reason.equals(c.reason()))
                store.update(c.edit(now).reason(reason).change("payment-unconfirmed", why));
            return new Outcome.Done(why);
        }
        return Rechecks.scheduleNext(
                queue, store, settings, c, Rechecks.nextCheck(expected, progressed), unreachable, now);
    }

    private Outcome paid(Checkout c, Installment cur) {
        Instant now = clock.instant();
        InstallmentPlan plan = c.plan().with(cur.paidOn(now));
        Installment next = plan.current().orElse(null);
        String what = "installment " + (cur.index() + 1) + " of " + plan.count() + " paid";
        Checkout.Edit e = c.edit(now).reason(null).followChecks(0);
        if (next == null) {
            Change done = e.plan(plan.wakeAt(null))
                    .moveTo(CheckoutStatus.COMPLETED, settings.retention())
                    .change("plan-completed", what + "; plan completed");
            store.update(done);
            closeGrant(done.next());
            return new Outcome.Done("plan completed");
        }
        e.plan(plan.wakeAt(next.dueAt()));
        if (c.status() == CheckoutStatus.PAST_DUE) e.moveTo(CheckoutStatus.ACTIVE, settings.retention());
        store.update(
                e.change("installment-paid", what + "; installment " + (next.index() + 1) + " due at " + next.dueAt()));
        return new Outcome.Done(what);
    }

    /**
     * Records a failed attempt at {@code cur}: its failed legs wait for the next attempt, which comes
     * after a backoff; after the quick retries the plan is past due. Returns the checkout as stored.
     */
    Checkout attemptFailed(Checkout c, Installment cur, Failure why) {
        Instant now = clock.instant();
        List<Leg> mine = c.legsOf(cur.index());
        int attempts = cur.attempts() + 1;
        Instant retry =
                now.plus(settings.plans().retryDelay(attempts, c.plan().step().shortest()));
        // The scheduler fails the plan once the interval is over; no attempt is planned past it.
        if (!retry.isBefore(cur.windowEnd().minus(settings.plans().intervalMargin()))) retry = cur.windowEnd();
        boolean pastDue = attempts >= settings.plans().quickRetries();
        Checkout.Edit e = c.edit(now).followChecks(0);
        for (Leg l : mine) if (l.status() == LegStatus.FAILED) e.leg(l.rescheduled(now));
        e.plan(c.plan().with(cur.failedAttempt(why, retry)).wakeAt(retry));
        String what = "installment " + (cur.index() + 1) + " of " + c.plan().count() + " failed (attempt " + attempts
                + "): " + why.message();
        if (pastDue) {
            e.reason(new Failure(
                    FailureCode.INSTALLMENT_PAST_DUE,
                    what + "; retrying until its grant interval ends at " + cur.windowEnd()));
            if (c.status() == CheckoutStatus.ACTIVE) e.moveTo(CheckoutStatus.PAST_DUE, settings.retention());
        }
        Change change = e.change(
                pastDue ? "installment-past-due" : "installment-attempt-failed", what + "; next attempt at " + retry);
        store.update(change);
        retryOnTime(c, cur, now, retry);
        // The next attempt gets new incoming payments; the failed attempt's would otherwise stay pending.
        for (Leg l : mine)
            if (l.status() == LegStatus.FAILED && l.incomingPaymentId() != null)
                legs.closer.closeQuietly(l.payee(), l.incomingPaymentId());
        return change.next();
    }

    /**
     * The next attempt is due when announced: a retry within the queue's delay cap gets its own delayed
     * {@code ChargeInstallment}, which create-outgoing turns into the preparation (see {@link #awaitsPreparation}).
     * The schedule runs once a minute, so on its own it would start a retry up to a minute late, after
     * the interval of a short-period plan may have ended; sending the message costs one per retry. A
     * retry further off is the schedule's (it prepares a minute ahead and sends the charge delayed to
     * the second). The write came first: were the message lost, the plan's wake-up time still holds it.
     */
    private void retryOnTime(Checkout c, Installment cur, Instant now, Instant retry) {
        Duration until = Duration.between(now, retry);
        if (until.compareTo(CheckoutSettings.MAX_QUEUE_DELAY) > 0) return;
        queue.send(new Command.ChargeInstallment(c.id(), cur.index()), PaymentWorker.cap(until));
    }

    /** Whether the plan's current installment waits to be prepared (its legs are scheduled): the scheduler's step, not a charge. */
    static boolean awaitsPreparation(Checkout c) {
        return c.plan()
                .current()
                .map(i -> c.legsOf(i.index()).stream().anyMatch(l -> l.status() == LegStatus.SCHEDULED))
                .orElse(false);
    }

    /** A plan whose grant is gone fails at once: nothing can be charged any more. Null when {@code checkoutId} is no open plan. */
    Outcome grantRevoked(String checkoutId, PaymentTokens.GrantRevokedException e) {
        for (int race = 0; race < 8; race++) {
            Checkout c = store.find(checkoutId).orElse(null);
            if (c == null || !c.hasPlan() || c.status().isTerminal()) return null;
            try {
                fail(c, new Failure(FailureCode.GRANT_REVOKED, e.getMessage()));
                return new Outcome.Done("plan failed: grant revoked");
            } catch (CheckoutStore.ConcurrentUpdateException raced) {
                // reload
            }
        }
        return new Outcome.Retry("plan " + checkoutId + " kept changing while recording the revoked grant");
    }

    /** Ends the plan as failed: installments not yet charged are cancelled and the grant is closed at the wallet. */
    Checkout fail(Checkout c, Failure why) {
        Checkout.Edit e = c.edit(clock.instant());
        for (Leg l : c.legs()) {
            if (l.status() == LegStatus.SCHEDULED || l.status() == LegStatus.PENDING) e.leg(l.cancelled(why));
        }
        boolean revoked = FailureCode.GRANT_REVOKED.name().equals(why.code());
        // Revoked at the wallet (its token rotation said so): the grant has ended there, nothing to cancel.
        if (revoked) GrantCancels.knownEnded(c, e, clock.instant());
        Change failed =
                e.plan(e.plan().wakeAt(null)).fail(why, settings.retention()).change("plan-failed", why.message());
        store.update(failed);
        if (!revoked) closeGrant(failed.next());
        try {
            return legs.closer.closeLeftOpen(store.find(c.id()).orElseThrow());
        } catch (WalletException | CheckoutStore.ConcurrentUpdateException e2) {
            // The plan has failed either way; the next message about it closes what is left open.
            return failed.next();
        }
    }

    /** Best effort after the plan ended: the grant can authorise nothing we still need; the sweep asks again. */
    private void closeGrant(Checkout ended) {
        try {
            grants.cancel(ended);
        } catch (CheckoutStore.ConcurrentUpdateException later) {
            // The plan has ended either way; it owes the cancel until it is recorded, so the sweep asks again.
        }
    }
}

package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.FailureCode;
import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.model.Change;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.Failure;
import dev.opfunctions.checkout.model.Installment;
import dev.opfunctions.checkout.model.Leg;
import dev.opfunctions.checkout.model.LegStatus;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.checkout.port.CommandQueue;
import dev.opfunctions.checkout.port.WalletException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * scheduled-installment: finds plans with something due (DueIndex) and, for each, prepares the
 * current installment (rotates the payment token, creates the incoming payments and the quotes) and
 * hands it to create-outgoing. Overlapping runs and repeated runs are harmless: a run first claims
 * the installment by pushing the plan's wake-up time forward with a conditional write, so only one
 * run prepares it, and the payments themselves are created exactly once by create-outgoing. An
 * installment already in flight is only handed over again (watchdog); one whose grant interval has
 * ended without payment fails the plan.
 *
 * <p>The same index carries every other unfinished checkout's "look again by" time, so each run is
 * also the sweep that resumes checkouts whose message was lost ({@link StalledCheckouts}).
 */
public final class InstallmentScheduler {

    /** What a run did, per checkout id, for the log and the handler's summary. */
    public record RunSummary(int found, Map<String, String> outcomes) {}

    private static final int MAX_RACES = 5;

    private final CheckoutStore store;
    private final CommandQueue queue;
    private final Clock clock;
    private final CheckoutSettings settings;
    private final InstallmentPreparer preparer;
    private final PlanSteps plans;
    private final StalledCheckouts sweep;
    private final ConsentRecovery recovery;

    public InstallmentScheduler(CheckoutDependencies deps) {
        this.store = deps.store();
        this.queue = deps.queue();
        this.clock = deps.clock();
        this.settings = deps.settings();
        this.plans = new PlanSteps(deps, new LegSteps(deps));
        this.preparer = new InstallmentPreparer(deps, plans);
        this.sweep = new StalledCheckouts(deps);
        this.recovery = new ConsentRecovery(deps);
    }

    /** One scheduled run: every plan due by now (plus the look-ahead), at most {@code limit}. */
    public RunSummary runDue(int limit) {
        return runDue(limit, Duration.ofDays(1));
    }

    /**
     * One scheduled run that starts no new plan after {@code budget} of real time, so it ends within
     * the function's timeout; plans left over are the earliest of the next run (the index is ordered by due time).
     */
    public RunSummary runDue(int limit, Duration budget) {
        long stopAt = System.nanoTime() + budget.toNanos();
        // The index holds each checkout's look-again time with the production bound; a shorter sweep
        // bound finds the same entries by looking that much further ahead.
        Duration sweepLookahead = Checkout.STALE_AFTER.minus(settings.sweepAfter());
        Duration lookahead = settings.plans().lookahead();
        Instant until = clock.instant().plus(sweepLookahead.compareTo(lookahead) > 0 ? sweepLookahead : lookahead);
        List<String> due = store.dueCheckouts(until, limit);
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (String id : due) {
            if (System.nanoTime() - stopAt > 0) break;
            String outcome;
            try {
                outcome = runOne(id);
                sweep.clearRetry(id);
            } catch (RuntimeException e) {
                // One checkout's trouble must not hold back the others: recorded on its row and pushed back.
                outcome = sweep.pushBack(id, e);
            }
            outcomes.put(id, outcome);
        }
        return new RunSummary(due.size(), outcomes);
    }

    /** Looks at one plan and does what is due; safe to call at any time, from any number of runs at once. */
    public String runOne(String checkoutId) {
        for (int race = 0; race < MAX_RACES; race++) {
            try {
                return step(checkoutId);
            } catch (CheckoutStore.ConcurrentUpdateException e) {
                // Another run or create-outgoing moved the plan on: look again.
            }
        }
        return "plan kept changing; left for the next run";
    }

    private String step(String id) {
        Checkout c = store.find(id).orElse(null);
        if (c == null) return "no checkout";
        if (!c.hasPlan() || (c.status() != CheckoutStatus.ACTIVE && c.status() != CheckoutStatus.PAST_DUE))
            return sweep.resume(c);
        Instant now = clock.instant();
        // With the sweep's bound: an installment in flight is looked at by then even if its re-check was lost.
        Instant wake = c.wakeAt(settings.sweepAfter()).orElse(null);
        if (wake == null || wake.isAfter(now.plus(settings.plans().lookahead()))) return "not due (index was stale)";
        Installment cur = c.plan().current().orElse(null);
        if (cur == null) return "every installment is paid";
        List<Leg> mine = c.legsOf(cur.index());
        boolean waiting = mine.stream().anyMatch(l -> l.status() == LegStatus.SCHEDULED);
        if (!waiting) return handOver(c, cur, "installment in flight");
        if (!now.isBefore(cur.windowEnd().minus(settings.plans().intervalMargin()))) {
            plans.fail(
                    c,
                    new Failure(
                            FailureCode.INSTALLMENT_UNCOLLECTED,
                            "installment " + (cur.index() + 1) + " of "
                                    + c.plan().count() + " ("
                                    + cur.amount() + ") could not be collected before its grant interval ended at "
                                    + cur.windowEnd()
                                    + (cur.lastFailure() == null
                                            ? ""
                                            : "; last failure: "
                                                    + cur.lastFailure().message())));
            return "plan failed: installment " + (cur.index() + 1) + " uncollected";
        }
        if (cur.nextAttemptAt().isAfter(now.plus(settings.plans().lookahead()))) {
            store.update(c.edit(now)
                    .plan(c.plan().wakeAt(cur.nextAttemptAt()))
                    .change("plan-wake-corrected", "next attempt at " + cur.nextAttemptAt()));
            return "not due yet";
        }
        // Claim: only the run whose write lands prepares; the others see a wake-up time in the future.
        Change claim = c.edit(now)
                .plan(c.plan().wakeAt(now.plus(settings.plans().prepareLease())))
                .change(
                        "installment-preparing",
                        "installment " + (cur.index() + 1) + " attempt " + (cur.attempts() + 1));
        store.update(claim);
        Checkout prepared;
        try {
            prepared = preparer.prepare(claim.next(), cur);
        } catch (PaymentTokens.RotationLostException e) {
            recovery.askAgainForPlan(store.find(id).orElseThrow(), e);
            return "payment token lost in a rotation; consent asked again";
        } catch (PaymentTokens.GrantRevokedException e) {
            Checkout latest = store.find(id).orElseThrow();
            plans.fail(latest, new Failure(FailureCode.GRANT_REVOKED, e.getMessage()));
            return "plan failed: grant revoked";
        } catch (CheckoutException e) {
            plans.attemptFailed(
                    store.find(id).orElseThrow(),
                    cur,
                    new Failure(FailureCode.of(e.problem.code()), e.problem.message()));
            return "installment not prepared: " + e.problem.message();
        } catch (WalletException e) {
            if (!e.retryable()) {
                plans.attemptFailed(
                        store.find(id).orElseThrow(),
                        cur,
                        new Failure(
                                FailureCode.WALLET_REJECTED,
                                "a wallet refused to prepare installment " + (cur.index() + 1) + " (" + e.answer()
                                        + "): " + e.getMessage()));
                return "installment not prepared: refused by " + e.url();
            }
            // Not the customer's doing: try again on a later run (the claim runs out by itself).
            return "wallet unavailable while preparing (" + e.answer() + "); retried on a later run";
        }
        if (prepared.legsOf(cur.index()).stream().anyMatch(l -> l.status() == LegStatus.SCHEDULED))
            return "installment not prepared: "
                    + prepared.plan().installment(cur.index()).lastFailure().message();
        send(prepared, cur);
        return "installment " + (cur.index() + 1) + " prepared and handed to create-outgoing";
    }

    /**
     * The installment is (or may be) in flight: hand it to create-outgoing again and look back after the
     * watchdog. A chain of re-checks is resumed with the re-check whose number matches the stored count
     * (a charge would be told a re-check is already scheduled, the one whose message may be lost).
     */
    private String handOver(Checkout c, Installment cur, String why) {
        Instant now = clock.instant();
        Command resume = c.followChecks() > 0
                ? new Command.FollowPayments(c.id(), c.followChecks())
                : new Command.ChargeInstallment(c.id(), cur.index());
        store.update(c.edit(now)
                .plan(c.plan().wakeAt(now.plus(settings.plans().watchdog())))
                .change("installment-handed-over", "installment " + (cur.index() + 1) + ": " + why));
        queue.send(resume, Duration.ZERO);
        return why + "; handed to create-outgoing again (" + resume.type() + ")";
    }

    private void send(Checkout c, Installment cur) {
        Instant chargeAt = cur.nextAttemptAt().plus(settings.plans().intervalMargin());
        Duration delay = Duration.between(clock.instant(), chargeAt);
        queue.send(new Command.ChargeInstallment(c.id(), cur.index()), PaymentWorker.cap(delay));
    }
}

package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.FailureCode;
import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.model.Change;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.Failure;
import dev.opfunctions.checkout.model.Installment;
import dev.opfunctions.checkout.model.LegStatus;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.checkout.port.CommandQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * scheduled-installment: pages through the plans with something due (DueIndex) and, for each, claims
 * the current installment with a conditional write (pushing the plan's wake-up time forward by the
 * prepare lease) and hands it to create-outgoing as a {@link Command.PrepareInstallment}; the run itself
 * never calls a wallet for it, so one run hands over thousands and create-outgoing's workers prepare
 * them in parallel ({@link ClaimedPreparation}). Overlapping runs, duplicate and late messages are
 * harmless: only the holder of the claim (the checkout still at the claim's version) or a worker that
 * finds the installment due again takes it, each with its own conditional write, and the payments
 * themselves are created exactly once by create-outgoing. A claim whose message is lost runs out and
 * the next run finds the installment due again. An installment already in flight is only handed over
 * again (watchdog); one whose grant interval has ended without payment fails the plan.
 *
 * <p>The same index carries every other unfinished checkout's "look again by" time, so each run is
 * also the sweep that resumes checkouts whose message was lost ({@link StalledCheckouts}).
 */
public final class InstallmentScheduler {

    /** What a run did, per checkout id, for the log and the handler's summary. */
    public record RunSummary(int found, Map<String, String> outcomes, int handedOver) {
        public RunSummary(int found, Map<String, String> outcomes) {
            this(found, outcomes, 0);
        }
    }

    /** What to do with an installment once this caller's claim on it has landed. */
    private interface Claimed {
        String take(Checkout claimed, Installment cur);
    }

    private static final int MAX_RACES = 5;

    /**
     * Due checkouts a run looks at in parallel. Each look waits on DynamoDB (a read, a conditional write)
     * and SQS, not on the CPU, so eight keep one environment busy without crowding its connection pool.
     */
    static final int LOOKS_AT_ONCE = 8;

    private final CheckoutStore store;
    private final CommandQueue queue;
    private final Clock clock;
    private final CheckoutSettings settings;
    private final PlanSteps plans;
    private final ClaimedPreparation preparation;
    private final StalledCheckouts sweep;

    public InstallmentScheduler(CheckoutDependencies deps) {
        this.store = deps.store();
        this.queue = deps.queue();
        this.clock = deps.clock();
        this.settings = deps.settings();
        this.plans = new PlanSteps(deps, new LegSteps(deps));
        this.preparation = new ClaimedPreparation(deps, plans);
        this.sweep = new StalledCheckouts(deps);
    }

    /** One scheduled run over every checkout due by now (plus the look-ahead), {@code pageSize} ids per index query. */
    public RunSummary runDue(int pageSize) {
        return runDue(pageSize, Duration.ofDays(1));
    }

    /**
     * One scheduled run that looks at no new checkout after {@code budget} of real time, so it ends within
     * the function's timeout; entries left over are the earliest of the next run (the index is ordered by
     * due time). Each claimed installment's command waits for a full batch, and the last batch is sent
     * when the run stops.
     */
    public RunSummary runDue(int pageSize, Duration budget) {
        long stopAt = System.nanoTime() + budget.toNanos();
        // The index holds each checkout's look-again time with the production bound (rounded up to its grid); a
        // shorter sweep bound finds the same entries by looking that much further ahead.
        Duration sweepLookahead = settings.sweepAfter().equals(Checkout.STALE_AFTER)
                ? Duration.ZERO
                : Checkout.STALE_AFTER.plus(Checkout.WAKE_GRID).minus(settings.sweepAfter());
        Duration lookahead = settings.plans().lookahead();
        Instant until = clock.instant().plus(sweepLookahead.compareTo(lookahead) > 0 ? sweepLookahead : lookahead);
        Map<String, String> outcomes = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
        HandOvers handOvers = new HandOvers(queue);
        List<String> inDueOrder = new ArrayList<>();
        int found = 0;
        String after = null;
        // Each look is a read and a conditional write on its own checkout (a few milliseconds each on DynamoDB):
        // looked at one after another, a run of 40 s would hand over only a few thousand. The looks are
        // independent (each races only with other writers of the same checkout), so they run a few at a time.
        try (ExecutorService looks = Executors.newFixedThreadPool(LOOKS_AT_ONCE)) {
            do {
                if (after != null && System.nanoTime() - stopAt > 0) break;
                CheckoutStore.DuePage page = store.duePage(until, pageSize, after);
                // An entry pushed back during this walk may come round again: once a run is enough.
                List<String> fresh = page.ids().stream()
                        .filter(id -> !outcomes.containsKey(id))
                        .toList();
                found += fresh.size();
                inDueOrder.addAll(fresh);
                List<Future<?>> running = new ArrayList<>();
                for (String id : fresh)
                    running.add(looks.submit(() -> {
                        if (System.nanoTime() - stopAt > 0) return; // out of time: the next run takes it
                        outcomes.put(id, look(id, handOvers));
                    }));
                for (Future<?> f : running) waitFor(f);
                after = page.next();
            } while (after != null);
        }
        handOvers.send();
        // In due order, as the index gave them, whichever look finished first.
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String id : inDueOrder) {
            String outcome = outcomes.get(id);
            String failure = handOvers.failure(id);
            if (outcome != null) ordered.put(id, failure != null ? failure : outcome);
        }
        return new RunSummary(found, ordered, handOvers.sent());
    }

    private static void waitFor(Future<?> look) {
        try {
            look.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking at due checkouts", e);
        } catch (ExecutionException e) {
            // look() records every checkout's own failure; anything else is a bug worth failing the run for.
            throw new IllegalStateException("a look at a due checkout failed", e.getCause());
        }
    }

    private String look(String id, HandOvers handOvers) {
        Seen seen = new Seen();
        try {
            String outcome = race(id, null, seen, (claimed, cur) -> {
                handOvers.add(new Command.PrepareInstallment(id, cur.index(), claimed.version()));
                return "installment " + (cur.index() + 1) + " claimed; handed to create-outgoing to prepare";
            });
            // A claim clears a sweep retry streak itself; a checkout seen without one has none to clear. Only
            // otherwise is the row read again (one read per installment saved on the common path).
            if (!seen.claimed && (seen.checkout == null || seen.checkout.sweepRetry() != null)) sweep.clearRetry(id);
            return outcome;
        } catch (RuntimeException e) {
            // One checkout's trouble must not hold back the others: recorded on its row and pushed back.
            return sweep.pushBack(id, e);
        }
    }

    /** What the last attempt of a look saw and did, so the look knows whether a sweep retry is left to clear. */
    private static final class Seen {
        Checkout checkout;
        boolean claimed;
    }

    /**
     * Looks at one plan and does what is due, preparing a due installment here and now; safe to call at
     * any time, from any number of callers at once. create-outgoing's path for a retry's delayed charge.
     */
    public String runOne(String checkoutId) {
        return race(checkoutId, null, new Seen(), preparation::prepare);
    }

    /**
     * create-outgoing on a {@link Command.PrepareInstallment}: prepares the installment if this message holds
     * the claim (the checkout is still at the claim's version) or the installment is due again (the claim
     * ran out while the message waited); otherwise someone else has it, or it is prepared already.
     */
    public String prepare(Command.PrepareInstallment command) {
        return race(command.checkoutId(), command, new Seen(), preparation::prepare);
    }

    private String race(String checkoutId, Command.PrepareInstallment command, Seen seen, Claimed then) {
        for (int race = 0; race < MAX_RACES; race++) {
            try {
                return step(checkoutId, command, seen, then);
            } catch (CheckoutStore.ConcurrentUpdateException e) {
                // Another run or create-outgoing moved the plan on: look again.
            }
        }
        return "plan kept changing; left for the next run";
    }

    private String step(String id, Command.PrepareInstallment command, Seen seen, Claimed then) {
        Checkout c = store.find(id).orElse(null);
        seen.checkout = c;
        if (c == null) return "no checkout";
        if (!c.hasPlan() || (c.status() != CheckoutStatus.ACTIVE && c.status() != CheckoutStatus.PAST_DUE))
            return command == null
                    ? sweep.resume(c)
                    : "nothing to prepare while " + c.status().wireName();
        Instant now = clock.instant();
        Installment cur = c.plan().current().orElse(null);
        if (cur == null) return "every installment is paid";
        boolean waiting = c.legsOf(cur.index()).stream().anyMatch(l -> l.status() == LegStatus.SCHEDULED);
        if (command != null && (cur.index() != command.installment() || !waiting))
            return "installment " + (command.installment() + 1) + " is prepared or no longer current";
        boolean holdsClaim = command != null && c.version() == command.claim();
        // With the sweep's bound: an installment in flight is looked at by then even if its re-check was lost.
        Instant wake = c.wakeAt(settings.sweepAfter()).orElse(null);
        if (!holdsClaim
                && (wake == null || wake.isAfter(now.plus(settings.plans().lookahead()))))
            return command == null ? "not due (index was stale)" : "claimed by another worker or not due";
        if (!waiting) return handOver(c, cur, "installment in flight");
        if (!now.isBefore(cur.windowEnd().minus(settings.plans().intervalMargin()))) {
            plans.fail(c, uncollected(c, cur));
            return "plan failed: installment " + (cur.index() + 1) + " uncollected";
        }
        if (cur.nextAttemptAt().isAfter(now.plus(settings.plans().lookahead()))) {
            store.update(c.edit(now)
                    .plan(c.plan().wakeAt(cur.nextAttemptAt()))
                    .change("plan-wake-corrected", "next attempt at " + cur.nextAttemptAt()));
            return "not due yet";
        }
        // Claim: only the caller whose write lands takes the installment; the others see a wake-up time in
        // the future (and a version past the scheduler's claim). A successful look also ends a sweep retry
        // streak here, so no later write moves the version the hand-over names.
        Change claim = c.edit(now)
                .sweepRetry(null)
                .plan(c.plan()
                        .wakeAt(now.plus(
                                settings.plans().claimLease(c.plan().step().shortest()))))
                .change(
                        command == null ? "installment-claimed" : "installment-preparing",
                        "installment " + (cur.index() + 1) + " attempt " + (cur.attempts() + 1));
        store.update(claim);
        seen.claimed = true;
        return then.take(claim.next(), cur);
    }

    private static Failure uncollected(Checkout c, Installment cur) {
        return new Failure(
                FailureCode.INSTALLMENT_UNCOLLECTED,
                "installment " + (cur.index() + 1) + " of " + c.plan().count() + " (" + cur.amount()
                        + ") could not be collected before its grant interval ended at " + cur.windowEnd()
                        + (cur.lastFailure() == null
                                ? ""
                                : "; last failure: " + cur.lastFailure().message()));
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
}

package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.FailureCode;
import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.model.Change;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.Consent;
import dev.opfunctions.checkout.model.Failure;
import dev.opfunctions.checkout.model.Leg;
import dev.opfunctions.checkout.model.LegStatus;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.checkout.port.CommandQueue;
import dev.opfunctions.checkout.port.WalletException;
import dev.opfunctions.checkout.port.WalletGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * create-outgoing: drives a checkout forward from whatever state it is stored in. Every command is
 * only a hint to look at a checkout; the stored state decides what happens, every change is a
 * conditional write, and a lost race means reload and decide again. So duplicated, reordered and
 * concurrent messages are harmless. Slow things are never waited for in the function: the grant's
 * {@code wait} and payments in flight become delayed messages.
 */
public final class PaymentWorker {

    private static final int MAX_RACES = 8;

    /** What to do with the message: delete it, or let it be redelivered (and after N receives, go to the DLQ). */
    public sealed interface Outcome {
        record Done(String what) implements Outcome {}

        record Retry(String reason) implements Outcome {}
    }

    private final CheckoutStore store;
    private final CommandQueue queue;
    private final WalletGateway gateway;
    private final Clock clock;
    private final CheckoutSettings settings;
    private final LegSteps legs;
    private final PlanSteps plans;
    private final ConsentRecovery recovery;
    private final NeedsReview review;
    private final UnconfirmedRechecks unconfirmed;
    private final RevokedGrantEnding revokedGrant;
    private final GrantCancels grants;
    private final InstallmentScheduler scheduler;

    public PaymentWorker(CheckoutDependencies deps) {
        this.store = deps.store();
        this.queue = deps.queue();
        this.gateway = deps.gateway();
        this.clock = deps.clock();
        this.settings = deps.settings();
        this.legs = new LegSteps(deps);
        this.plans = new PlanSteps(deps, legs);
        this.recovery = new ConsentRecovery(deps);
        this.review = new NeedsReview(deps);
        this.unconfirmed = new UnconfirmedRechecks(deps, review);
        this.revokedGrant = new RevokedGrantEnding(deps, review);
        this.grants = new GrantCancels(deps);
        this.scheduler = new InstallmentScheduler(deps);
    }

    /**
     * @param receiveCount how many times the queue has delivered this message (1 on the first delivery)
     */
    public Outcome handle(Command command, int receiveCount) {
        String me = UUID.randomUUID().toString();
        for (int race = 0; race < MAX_RACES; race++) {
            try {
                return bounded(command.checkoutId(), step(command, me), receiveCount);
            } catch (CheckoutStore.ConcurrentUpdateException e) {
                // Someone else moved the checkout on: look again.
            } catch (WalletException e) {
                if (!e.retryable()) return refused(command.checkoutId(), e);
                return outage(command.checkoutId(), receiveCount, e);
            } catch (NeedsReview.Required e) {
                return review.record(command.checkoutId(), e.why);
            } catch (PaymentTokens.RotationLostException e) {
                Checkout c = store.find(command.checkoutId()).orElseThrow();
                if (!c.hasPlan() || c.status().isTerminal()) throw e;
                recovery.askAgainForPlan(c, e);
                return new Outcome.Done("payment token lost in a rotation; consent asked again");
            } catch (PaymentTokens.GrantRevokedException e) {
                Outcome ended = plans.grantRevoked(command.checkoutId(), e);
                if (ended != null) return ended;
                return closeLeftOpenNow(command.checkoutId(), revokedGrant.end(command.checkoutId(), e, receiveCount));
            }
        }
        return new Outcome.Retry("checkout " + command.checkoutId() + " kept changing under this worker");
    }

    private Outcome step(Command command, String me) {
        Checkout c = store.find(command.checkoutId()).orElse(null);
        if (c == null) return new Outcome.Done("no checkout " + command.checkoutId());
        // Each command does only its own work: a consent deadline that passed after consent came moves nothing.
        if (command instanceof Command.ExpireConsent
                && c.status() != CheckoutStatus.AWAITING_CONSENT
                && !c.status().isTerminal())
            return new Outcome.Done(
                    "consent was given: nothing to expire while " + c.status().wireName());
        return switch (c.status()) {
            case COMPLETED, FAILED, REJECTED, EXPIRED, CANCELLED -> ended(c);
            case AWAITING_CONSENT -> awaiting(c, command);
            case CONSENT_GRANTED -> continueGrant(c, command, me);
            case PAYING, PAYMENT_UNCONFIRMED -> pay(c, command, me);
            // Handed over by scheduled-installment: prepared if this message holds the claim (or it is due again).
            // A retry announced within the queue's delay cap comes as a delayed charge: prepare it now if due.
            case ACTIVE, PAST_DUE ->
                command instanceof Command.PrepareInstallment prepare
                        ? new Outcome.Done(scheduler.prepare(prepare))
                        : PlanSteps.awaitsPreparation(c) && command instanceof Command.ChargeInstallment
                                ? new Outcome.Done(scheduler.runOne(c.id()))
                                : plans.charge(c, command, me);
            case NEEDS_REVIEW ->
                new Outcome.Done("waits for a person: "
                        + (c.reason() == null ? "" : c.reason().message()));
        };
    }

    /**
     * An ended checkout's clean-up that the wallets kept refusing through the last delivery is not for
     * the DLQ: the sweep asks again hourly for a day ({@link Checkout#owesCleanUp()}).
     */
    private Outcome bounded(String checkoutId, Outcome outcome, int receiveCount) {
        if (!(outcome instanceof Outcome.Retry retry) || receiveCount < settings.maxAttempts()) return outcome;
        Checkout c = store.find(checkoutId).orElse(null);
        if (c != null && c.owesCleanUp())
            return new Outcome.Done(
                    "clean-up left to the sweep after " + receiveCount + " attempts: " + retry.reason());
        return outcome;
    }

    /**
     * A wallet refused a request the checkout cannot go on without, and no step handles that refusal.
     * Rethrowing would only fail the same way until the DLQ: if money may have moved (a payment exists
     * or may), a person decides; otherwise the checkout fails with the wallet's answer.
     */
    private Outcome refused(String checkoutId, WalletException e) {
        Checkout c = store.find(checkoutId).orElse(null);
        if (c == null) return new Outcome.Done("no checkout " + checkoutId);
        Failure why = new Failure(
                FailureCode.WALLET_REJECTED,
                "a wallet refused a request this checkout cannot go on without: "
                        + (e.url() == null ? "a wallet" : e.url()) + " (" + e.answer() + "): " + e.getMessage());
        boolean mayHaveMoved =
                c.hasPlan() || c.legs().stream().anyMatch(l -> l.status().inFlight());
        if (mayHaveMoved || c.status().isTerminal()) return review.record(checkoutId, why);
        try {
            store.update(
                    c.edit(clock.instant()).fail(why, settings.retention()).change("checkout-failed", why.message()));
        } catch (CheckoutStore.ConcurrentUpdateException raced) {
            return new Outcome.Retry("checkout " + checkoutId + " changed while recording a refusal");
        }
        return closeGrantNow(checkoutId, new Outcome.Done("failed: " + why.message()));
    }

    /**
     * A checkout that has ended: a plan's grant is cancelled if that is still owed, and every incoming
     * payment it created and will not pay is completed at the payee's wallet (a no-op once done).
     */
    private Outcome ended(Checkout c) {
        if (c.owesGrantCancel()) {
            GrantCancels.Attempt grant = grants.cancel(c);
            if (grant.unanswered()) return new Outcome.Retry(grant.what());
            c = grant.checkout();
        }
        legs.closer.closeLeftOpen(c);
        return new Outcome.Done("checkout is " + c.status().wireName());
    }

    /** Right after this worker ended a one-time checkout: revoke its grant, once; the sweep retries a failure. */
    private Outcome closeGrantNow(String checkoutId, Outcome outcome) {
        try {
            Checkout c = store.find(checkoutId).orElseThrow();
            if (c.owesGrantCancel() && !c.hasPlan()) grants.cancel(c);
        } catch (CheckoutStore.ConcurrentUpdateException later) {
            // The checkout has ended either way; the sweep asks the wallet again.
        }
        return outcome;
    }

    /** Best effort after a checkout may have ended: what a payee's wallet does not take now, the sweep closes later. */
    private Outcome closeLeftOpenNow(String checkoutId, Outcome outcome) {
        try {
            Checkout c = store.find(checkoutId).orElseThrow();
            if (c.status().isTerminal()) legs.closer.closeLeftOpen(c);
        } catch (WalletException | CheckoutStore.ConcurrentUpdateException later) {
            // The checkout has ended either way; the sweep asks the wallet again.
        }
        return outcome;
    }

    /** After this worker ended the checkout: close what it leaves open now; a wallet outage retries the message, which lands in {@link #ended}. */
    private Outcome endedNow(String checkoutId, Outcome outcome) {
        legs.closer.closeLeftOpen(store.find(checkoutId).orElseThrow());
        return outcome;
    }

    private Outcome awaiting(Checkout c, Command command) {
        Instant now = clock.instant();
        Consent consent = c.consent();
        if (!now.isBefore(consent.deadline())) {
            store.update(c.edit(now)
                    .moveTo(CheckoutStatus.EXPIRED, settings.retention())
                    .change("consent-expired", "no consent before " + consent.deadline()));
            try {
                gateway.cancelGrant(consent.continueUri(), consent.continueToken());
            } catch (WalletException ignored) {
                // The AS expires the interaction by itself; cancelling is a courtesy.
            }
            return endedNow(c.id(), new Outcome.Done("expired"));
        }
        if (command instanceof Command.ExpireConsent) {
            queue.send(command, cap(Duration.between(now, consent.deadline())));
            return new Outcome.Done("consent deadline not reached; re-checking then");
        }
        return new Outcome.Done("still waiting for consent");
    }

    private Outcome continueGrant(Checkout c, Command command, String me) {
        Instant now = clock.instant();
        Consent consent = c.consent();
        if (now.isBefore(consent.continueAfter())) {
            queue.send(new Command.ContinueGrant(c.id()), cap(Duration.between(now, consent.continueAfter())));
            return new Outcome.Done("the wallet asked to wait before continuing");
        }
        if (consent.continuingUntil() != null && now.isBefore(consent.continuingUntil())) {
            queue.send(new Command.ContinueGrant(c.id()), cap(Duration.between(now, consent.continuingUntil())));
            return new Outcome.Done("another worker is continuing the grant");
        }
        // Continuing finalises the grant at the wallet: one step, not repeated while it may be in flight.
        StepLease step = StepLease.start(settings.createLease());
        Change claim = c.edit(now)
                .consent(consent.withContinuingUntil(now.plus(step.length())))
                .change("grant-continuing", "");
        store.update(claim);
        c = claim.next();
        WalletGateway.ApprovedGrant approved;
        try {
            approved = step.deadline()
                    .run(() -> gateway.continueGrant(
                            consent.continueUri(), consent.continueToken(), consent.interactRef()));
        } catch (WalletException e) {
            if (e.kind() == WalletException.Kind.TOO_FAST) {
                Instant later = clock.instant().plusSeconds(5);
                Consent retry = consent.retryAfter(later);
                store.update(
                        c.edit(clock.instant()).consent(retry).change("grant-too-fast", "the wallet asked to wait"));
                queue.send(new Command.ContinueGrant(c.id()), Duration.ofSeconds(5));
                return new Outcome.Done("continuation was too fast; retrying in 5 s");
            }
            if (e.retryable()) {
                // Our call is over, so the lease has done its job; releasing it lets the redelivery try at once.
                try {
                    store.update(c.edit(clock.instant())
                            .consent(consent.withContinuingUntil(null))
                            .change("grant-continue-failed", "wallet unavailable"));
                } catch (CheckoutStore.ConcurrentUpdateException ignored) {
                    // Someone else moved on; the redelivery will see what they did.
                }
                throw e;
            }
            // Refused, or already finalised (a token we never stored, after a lost answer): ask the customer again.
            if (recovery.askAgain(c, e)) return new Outcome.Done("grant continuation refused; consent requested again");
            return endedNow(c.id(), new Outcome.Done("grant continuation refused"));
        }
        if (c.hasPlan()) return plans.activate(c, approved, command, me);
        Change paying = c.edit(clock.instant())
                .paymentToken(approved.token())
                // The continuation the answer carries is the only one that can cancel the grant from now on.
                .consent(consent.withContinuingUntil(null)
                        .withContinuation(approved.continueUri(), approved.continueToken()))
                .moveTo(CheckoutStatus.PAYING, settings.retention())
                .change("grant-continued", "payment token stored");
        store.update(paying);
        return pay(paying.next(), command, me);
    }

    private Outcome pay(Checkout c, Command command, String me) {
        Checkout before = c;
        LegSteps.Pass pass =
                legs.createAndLookOnce(c, c.legs().stream().map(Leg::key).toList(), me);
        c = pass.checkout();
        String unreachable = pass.unreachable();
        Instant now = clock.instant();
        if (c.allLegs(LegStatus.COMPLETED)) {
            // Normally the last leg's completion stored COMPLETED already (LegSteps.follow). Completed here: a
            // checkout whose last leg completed while PAYMENT_UNCONFIRMED (rare: one write more), or whose
            // legs were all completed by the older code before a crash.
            if (c.status() != CheckoutStatus.COMPLETED)
                store.update(c.edit(now)
                        .reason(null)
                        .moveTo(CheckoutStatus.COMPLETED, settings.retention())
                        .change("checkout-completed", "all " + c.legs().size() + " payments arrived"));
            return closeGrantNow(c.id(), new Outcome.Done("completed"));
        }
        if (c.legs().stream().allMatch(l -> l.status().isTerminal())) {
            store.update(c.edit(now)
                    .fail(new Failure(FailureCode.PAYMENT_FAILED, failedLegs(c)), settings.retention())
                    .change("checkout-failed", failedLegs(c)));
            return closeGrantNow(c.id(), endedNow(c.id(), new Outcome.Done("failed")));
        }
        int expected = command instanceof Command.FollowPayments f ? f.check() : 0;
        if (c.followChecks() != expected) return new Outcome.Done("a re-check is already scheduled");
        boolean progressed = Rechecks.progressed(before, c);
        if (expected >= settings.maxFollowChecks() && !progressed) {
            return unconfirmed.after(
                    c,
                    expected,
                    "the payments were not confirmed after " + expected + " checks"
                            + (unreachable == null ? "" : "; last check: " + unreachable)
                            + "; see the legs for what was sent");
        }
        return Rechecks.scheduleNext(
                queue, store, settings, c, Rechecks.nextCheck(expected, progressed), unreachable, now);
    }

    private Outcome outage(String checkoutId, int receiveCount, WalletException e) {
        String what = (e.url() == null ? "a wallet" : e.url()) + " (" + e.answer() + ")";
        // Running out of this invocation's time says nothing against the wallet: never a recorded failure.
        if (e.outOfTime()) return new Outcome.Retry("out of time waiting for " + what);
        if (receiveCount < settings.maxAttempts()) return new Outcome.Retry("wallet unavailable: " + what);
        for (int race = 0; race < MAX_RACES; race++) {
            Checkout c = store.find(checkoutId).orElse(null);
            if (c == null) return new Outcome.Done("no checkout " + checkoutId);
            // Plans are never failed by an outage here: scheduled-installment hands the installment back later.
            if (c.hasPlan() && !c.status().isTerminal())
                return new Outcome.Done("wallet unavailable on the last attempt; the scheduler hands the plan back");
            // An ended checkout's clean-up: the sweep asks again hourly for a day.
            if (c.owesCleanUp()) return new Outcome.Done("clean-up left to the sweep: " + what);
            if (c.status().isTerminal() || c.status() == CheckoutStatus.NEEDS_REVIEW)
                return new Outcome.Done("checkout is " + c.status().wireName() + "; nothing waits on " + what);
            String why = "the wallet did not answer after " + receiveCount + " attempts: " + what;
            try {
                // A create was attempted (its outcome unknown) or a payment exists: money may be moving.
                if (c.legs().stream().anyMatch(l -> l.status().inFlight()))
                    return unconfirmed.after(c, c.followChecks(), why);
                if (!c.status().canMoveTo(CheckoutStatus.FAILED)) break;
                store.update(c.edit(clock.instant())
                        .fail(new Failure(FailureCode.WALLET_UNAVAILABLE, why), settings.retention())
                        .change("checkout-failed", why));
                try {
                    endedNow(checkoutId, null);
                } catch (WalletException | CheckoutStore.ConcurrentUpdateException stillDown) {
                    // The payees' wallets may be down too; the sweep closes the incoming payments later.
                }
                return new Outcome.Done("failed: " + why);
            } catch (CheckoutStore.ConcurrentUpdateException raced) {
                // reload and try again
            }
        }
        return new Outcome.Retry("wallet unavailable on the last attempt: " + what);
    }

    static String failedLegs(Checkout c) {
        List<Leg> failed =
                c.legs().stream().filter(l -> l.status() == LegStatus.FAILED).toList();
        return failed.size() + " of " + c.legs().size() + " payments failed: "
                + failed.stream()
                        .map(l -> l.failure() == null
                                ? l.key().toString()
                                : l.failure().message())
                        .collect(Collectors.joining("; "));
    }

    static Duration cap(Duration d) {
        if (d.isNegative()) return Duration.ZERO;
        return d.compareTo(CheckoutSettings.MAX_QUEUE_DELAY) > 0 ? CheckoutSettings.MAX_QUEUE_DELAY : d;
    }
}

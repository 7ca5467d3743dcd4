package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.FailureCode;
import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.Failure;
import dev.opfunctions.checkout.model.Installment;
import dev.opfunctions.checkout.model.LegStatus;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.checkout.port.CommandQueue;
import dev.opfunctions.checkout.port.WalletException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Prepares an installment whose claim the caller's write has just landed ({@link InstallmentPreparer}),
 * records what came of it, and on success sends the charge, delayed to the installment's due time. The
 * one place an installment is prepared: create-outgoing runs it on a {@link Command.PrepareInstallment}
 * and on a retry's delayed charge. A wallet outage is left to the claim: it runs out by itself and the
 * next scheduled run finds the installment due again.
 */
final class ClaimedPreparation {

    private final CheckoutStore store;
    private final CommandQueue queue;
    private final Clock clock;
    private final CheckoutSettings settings;
    private final InstallmentPreparer preparer;
    private final PlanSteps plans;
    private final ConsentRecovery recovery;

    ClaimedPreparation(CheckoutDependencies deps, PlanSteps plans) {
        this.store = deps.store();
        this.queue = deps.queue();
        this.clock = deps.clock();
        this.settings = deps.settings();
        this.plans = plans;
        this.preparer = new InstallmentPreparer(deps, plans);
        this.recovery = new ConsentRecovery(deps);
    }

    /** @param claimed the checkout as the claim stored it; {@code cur} its current installment */
    String prepare(Checkout claimed, Installment cur) {
        String id = claimed.id();
        Checkout prepared;
        try {
            prepared = preparer.prepare(claimed, cur);
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
        Instant chargeAt = cur.nextAttemptAt().plus(settings.plans().intervalMargin());
        Duration delay = Duration.between(clock.instant(), chargeAt);
        queue.send(new Command.ChargeInstallment(id, cur.index()), PaymentWorker.cap(delay));
        return "installment " + (cur.index() + 1) + " prepared and handed to create-outgoing";
    }
}

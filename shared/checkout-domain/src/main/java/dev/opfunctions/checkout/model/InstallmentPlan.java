package dev.opfunctions.checkout.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.opfunctions.client.model.Amount;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The installment terms of a checkout ("buy now, pay later") and the schedule derived from them. One
 * interactive grant with {@code debitLimit} per {@code interval} covers every installment; each
 * installment is due at the start of its own interval, so exactly one is charged per interval.
 *
 * @param period          ISO 8601 duration between installments (see {@link PlanPeriod})
 * @param firstAtConsent  whether installment 0 is charged as soon as the customer consents
 * @param interval        the repeating interval sent in the grant, {@code R{count}/{start}/{period}}
 * @param debitLimit      the per-interval debit limit sent in the grant (customer's asset)
 * @param wakeAt          when scheduled-installment must look at the plan next (DueIndex); null when nothing is pending
 * @param tokenRotatedFor the installment the payment token was last rotated (or issued) for
 * @param grantCancelledAt read only from documents stored before a closed grant was recorded on the checkout's
 *                         {@link Consent#grantClosedAt()} (one fact, one field): {@link Checkout} folds it in there
 *                         and keeps it null, so it is never written again
 */
public record InstallmentPlan(
        int count,
        String period,
        boolean firstAtConsent,
        String interval,
        Amount debitLimit,
        List<Installment> installments,
        Instant wakeAt,
        int tokenRotatedFor,

        @Deprecated @JsonInclude(JsonInclude.Include.NON_NULL)
        Instant grantCancelledAt) {

    public InstallmentPlan {
        installments = List.copyOf(installments);
    }

    public PlanPeriod step() {
        return PlanPeriod.parse(period)
                .orElseThrow(() -> new IllegalStateException("stored plan period is unreadable: " + period));
    }

    /** The first installment not yet paid, if any. */
    public Optional<Installment> current() {
        return installments.stream().filter(i -> !i.paid()).findFirst();
    }

    public Installment installment(int index) {
        return installments.get(index);
    }

    public long paidCount() {
        return installments.stream().filter(Installment::paid).count();
    }

    public InstallmentPlan with(Installment changed) {
        List<Installment> next = new java.util.ArrayList<>(installments);
        next.set(changed.index(), changed);
        return new InstallmentPlan(
                count, period, firstAtConsent, interval, debitLimit, next, wakeAt, tokenRotatedFor, grantCancelledAt);
    }

    public InstallmentPlan wakeAt(Instant at) {
        return new InstallmentPlan(
                count,
                period,
                firstAtConsent,
                interval,
                debitLimit,
                installments,
                at,
                tokenRotatedFor,
                grantCancelledAt);
    }

    public InstallmentPlan tokenRotatedFor(int index) {
        return new InstallmentPlan(
                count, period, firstAtConsent, interval, debitLimit, installments, wakeAt, index, grantCancelledAt);
    }

    /** This plan without the legacy {@link #grantCancelledAt} (once {@link Checkout} has folded it into the consent). */
    InstallmentPlan withoutLegacyGrantCancelledAt() {
        return new InstallmentPlan(
                count, period, firstAtConsent, interval, debitLimit, installments, wakeAt, tokenRotatedFor, null);
    }
}

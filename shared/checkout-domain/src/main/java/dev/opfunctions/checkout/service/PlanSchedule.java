package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.model.Installment;
import dev.opfunctions.checkout.model.InstallmentPlan;
import dev.opfunctions.checkout.model.Leg;
import dev.opfunctions.checkout.model.PlanPeriod;
import dev.opfunctions.checkout.order.PlanRequest;
import dev.opfunctions.client.model.Amount;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns installment terms into the grant's interval and limit and the plan's schedule.
 *
 * <p><b>Interval.</b> {@code R{count}/{start}/{period}}, and installment k is due at the start of
 * interval k. The reference server (Rafiki) reads {@code Rn} as n+1 intervals, the spec and its docs
 * as n ("R3/…/P1M: once a month for three months"); installments use intervals 0…count-1, which both
 * readings contain, and never Rafiki's extra last one. With the first installment charged at consent,
 * {@code start} is the grant request time truncated to the second (so "slightly before" consent);
 * otherwise it is one period later, the first due date. Each interval carries exactly one
 * installment, so the per-interval debit limit is one installment's debit.
 *
 * <p><b>Limit.</b> The debit of installment 0 (the largest: it carries the remainder), as quoted at
 * checkout, plus {@link PlanSettings#priceHeadroomBasisPoints()} (3 % by default, rounded up, at
 * least one minor unit) in every currency. Quotes include the sending wallet's fees (Rafiki's local
 * environment: 1.00 + 2 %, so 3.00 delivered costs 4.11), and a later quote can cost more than the
 * first: a fee change at the wallet, rounding, or an exchange rate that moved. Up to the headroom, the
 * installment is paid; beyond it, it is not paid (the wallet would refuse it anyway): the attempt
 * fails with {@code RATE_MOVED}, is retried, the plan becomes past due, and it fails when the
 * installment's grant interval ends.
 */
public final class PlanSchedule {

    private PlanSchedule() {}

    /** {@code total} in {@code count} whole-unit installments; the remainder goes on the first. */
    public static List<Amount> split(Amount total, int count) {
        BigInteger[] qr = total.value().divideAndRemainder(BigInteger.valueOf(count));
        List<Amount> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(total.withValue(i == 0 ? qr[0].add(qr[1]) : qr[0]));
        return out;
    }

    /** The per-interval debit limit from installment 0's quoted legs, with the price headroom on top. */
    public static Amount debitLimit(List<Leg> firstInstallment, int headroomBasisPoints) {
        Amount debit = firstInstallment.stream()
                .map(Leg::debitAmount)
                .reduce(Amount::plus)
                .orElseThrow();
        BigInteger[] qr = debit.value()
                .multiply(BigInteger.valueOf(headroomBasisPoints))
                .divideAndRemainder(BigInteger.valueOf(10_000));
        BigInteger extra = qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
        return debit.withValue(debit.value().add(extra.max(BigInteger.ONE)));
    }

    /** How long the customer has to consent: never so long that the first interval is half used up. */
    public static Duration consentWindow(PlanPeriod period, Duration consentTimeout) {
        Duration threeQuarters = period.shortest().multipliedBy(3).dividedBy(4);
        return threeQuarters.compareTo(consentTimeout) < 0 ? threeQuarters : consentTimeout;
    }

    /** The plan as requested at {@code now}, before consent: nothing paid, nothing to wake up for yet. */
    public static InstallmentPlan plan(PlanRequest terms, Amount total, Instant now, Amount debitLimit) {
        PlanPeriod period = terms.period();
        Instant requested = now.truncatedTo(ChronoUnit.SECONDS);
        Instant start = terms.firstAtConsent() ? requested : period.addTo(requested);
        List<Amount> amounts = split(total, terms.count());
        List<Installment> installments = new ArrayList<>();
        Instant windowStart = start;
        for (int k = 0; k < terms.count(); k++) {
            Instant windowEnd = period.addTo(windowStart);
            Instant due = k == 0 && terms.firstAtConsent() ? now : windowStart;
            installments.add(Installment.scheduled(k, due, windowEnd, amounts.get(k)));
            windowStart = windowEnd;
        }
        String interval = "R" + terms.count() + "/" + start + "/" + period.text();
        return new InstallmentPlan(
                terms.count(),
                period.text(),
                terms.firstAtConsent(),
                interval,
                debitLimit,
                installments,
                null,
                0,
                null);
    }
}

package dev.opfunctions.checkout.service;

import java.time.Duration;

/**
 * Timing and limits of installment plans, with the defaults used in AWS.
 *
 * @param maxInstallments    the most installments a plan may have
 * @param minPeriod          the shortest period accepted (the schedule runs once a minute)
 * @param quickRetries       failed attempts of one installment before the plan is past due
 * @param firstRetryDelay    delay after the first failed attempt; doubles per attempt, at most an eighth of the period
 * @param pastDueRetryEvery  attempts of a past-due installment, at most a quarter of the period, until its interval ends
 * @param watchdog           an installment in flight this long without news is handed to create-outgoing again
 * @param prepareLease       the longest a claim on a due installment lasts (the scheduler's hand-over, then the
 *                           worker's preparation); see {@link #claimLease}
 * @param lookahead          how early a due installment is prepared (its payment still waits for the due time)
 * @param intervalMargin     payments are created this long after an interval starts and before it ends (clock skew)
 * @param priceHeadroomBasisPoints extra per-interval debit limit over the first installment's quoted debit, in every
 *                           currency, so a later installment still fits when the wallet's fees or the exchange
 *                           rate move against the customer by up to that much (300 = 3 %, at least one minor unit)
 * @param rotationWait       how long a worker that lost a rotation race waits for the winner's token to be stored
 */
public record PlanSettings(
        int maxInstallments,
        Duration minPeriod,
        int quickRetries,
        Duration firstRetryDelay,
        Duration pastDueRetryEvery,
        Duration watchdog,
        Duration prepareLease,
        Duration lookahead,
        Duration intervalMargin,
        int priceHeadroomBasisPoints,
        Duration rotationWait) {

    public static PlanSettings defaults() {
        return new PlanSettings(
                60,
                Duration.ofMinutes(1),
                3,
                Duration.ofMinutes(10),
                Duration.ofDays(1),
                Duration.ofMinutes(15),
                Duration.ofMinutes(2),
                Duration.ofSeconds(60),
                Duration.ofSeconds(2),
                300,
                Duration.ofSeconds(3));
    }

    public PlanSettings withRetries(int quick, Duration first, Duration pastDueEvery) {
        return new PlanSettings(
                maxInstallments,
                minPeriod,
                quick,
                first,
                pastDueEvery,
                watchdog,
                prepareLease,
                lookahead,
                intervalMargin,
                priceHeadroomBasisPoints,
                rotationWait);
    }

    public PlanSettings withWatchdog(Duration d) {
        return new PlanSettings(
                maxInstallments,
                minPeriod,
                quickRetries,
                firstRetryDelay,
                pastDueRetryEvery,
                d,
                prepareLease,
                lookahead,
                intervalMargin,
                priceHeadroomBasisPoints,
                rotationWait);
    }

    public PlanSettings withRotationWait(Duration d) {
        return new PlanSettings(
                maxInstallments,
                minPeriod,
                quickRetries,
                firstRetryDelay,
                pastDueRetryEvery,
                watchdog,
                prepareLease,
                lookahead,
                intervalMargin,
                priceHeadroomBasisPoints,
                d);
    }

    /** The shortest claim on an installment: enough for a worker to receive the hand-over and start. */
    static final Duration MIN_CLAIM = Duration.ofSeconds(15);

    /**
     * How long a claim on an installment of a plan paid every {@code period} lasts: a quarter of the
     * period, between {@link #MIN_CLAIM} and {@link #prepareLease}. A claim whose message was lost or whose
     * worker met a wallet outage runs out by itself, and only then is the installment taken again; so for
     * a short period (a {@code PT1M} demo plan) the claim must leave most of the interval for that retry.
     */
    public Duration claimLease(Duration period) {
        Duration quarter = period.dividedBy(4);
        if (quarter.compareTo(MIN_CLAIM) < 0) return MIN_CLAIM;
        return quarter.compareTo(prepareLease) > 0 ? prepareLease : quarter;
    }

    /** Delay after failed attempt number {@code attempt} (1-based) of an installment paid every {@code period}. */
    public Duration retryDelay(int attempt, Duration period) {
        Duration d = attempt > quickRetries - 1
                ? pastDueRetryEvery
                : firstRetryDelay.multipliedBy(1L << Math.min(attempt - 1, 16));
        Duration cap = attempt > quickRetries - 1 ? period.dividedBy(4) : period.dividedBy(8);
        return d.compareTo(cap) > 0 ? cap : d;
    }
}

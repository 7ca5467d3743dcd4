package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.FailureCode;
import dev.opfunctions.checkout.model.Change;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.Failure;
import dev.opfunctions.checkout.model.Installment;
import dev.opfunctions.checkout.model.Leg;
import dev.opfunctions.checkout.model.LegStatus;
import dev.opfunctions.checkout.model.WalletAddress;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.checkout.port.WalletGateway;
import dev.opfunctions.checkout.port.WalletGateway.AccessKind;
import dev.opfunctions.checkout.port.WalletGateway.IncomingPayment;
import dev.opfunctions.checkout.port.WalletGateway.Quote;
import dev.opfunctions.client.model.Amount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Prepares one due installment of a plan the caller has claimed: rotates the payment token first
 * (before every installment, and whenever it has expired), then creates each waiting leg's incoming
 * payment at its payee and quote at the customer's wallet, checks the quotes fit the grant's
 * per-interval limit, and stores the legs ready to be charged. A quote over the limit (the exchange
 * rate or the fees moved beyond the headroom) is a failed attempt: nothing is paid that the wallet
 * would refuse. Incoming payments created by an attempt that is not stored are closed again at once.
 */
final class InstallmentPreparer {

    private static final Duration INCOMING_PAYMENT_LIFE = Duration.ofDays(1);

    private final CheckoutStore store;
    private final WalletGateway gateway;
    private final WalletDirectory directory;
    private final Clock clock;
    private final CheckoutSettings settings;
    private final PaymentTokens tokens;
    private final PlanSteps plans;
    private final IncomingPaymentCloser closer;

    InstallmentPreparer(CheckoutDependencies deps, PlanSteps plans) {
        this.store = deps.store();
        this.gateway = deps.gateway();
        this.directory = deps.directory();
        this.clock = deps.clock();
        this.settings = deps.settings();
        this.plans = plans;
        this.tokens = plans.legs.tokens;
        this.closer = plans.legs.closer;
    }

    /**
     * When the schedule looks at a prepared installment again if nothing has charged it: shortly after
     * its charge is due (a claim's length, so a lost charge message of a {@code PT1M} plan is re-sent
     * within its interval), and never later than the watchdog.
     */
    private Instant lookAgainAt(Checkout c, Installment cur, Instant now) {
        Instant chargeAt = cur.nextAttemptAt().plus(settings.plans().intervalMargin());
        Instant afterCharge = (chargeAt.isAfter(now) ? chargeAt : now)
                .plus(settings.plans().claimLease(c.plan().step().shortest()));
        Instant watchdog = now.plus(settings.plans().watchdog());
        return afterCharge.isBefore(watchdog) ? afterCharge : watchdog;
    }

    /** @return the checkout as stored afterwards: the installment's legs PENDING, or still SCHEDULED after a failed attempt */
    Checkout prepare(Checkout c, Installment cur) {
        List<Leg> ready = new ArrayList<>();
        try {
            Checkout prepared = prepare(c, cur, ready);
            if (prepared.legsOf(cur.index()).stream().noneMatch(l -> l.status() == LegStatus.SCHEDULED))
                return prepared;
            closeUnstored(ready);
            return prepared;
        } catch (RuntimeException e) {
            closeUnstored(ready);
            throw e;
        }
    }

    /** The attempt was not stored (refused, over the limit, or a wallet failed half-way): nothing will pay these. */
    private void closeUnstored(List<Leg> ready) {
        for (Leg l : ready) if (l.incomingPaymentId() != null) closer.closeQuietly(l.payee(), l.incomingPaymentId());
    }

    private Checkout prepare(Checkout c, Installment cur, List<Leg> ready) {
        int k = cur.index();
        if (c.plan().tokenRotatedFor() < k || c.paymentToken().expiredAt(clock.instant(), settings.tokenSkew())) {
            // c is the claim this worker has just stored: no need to read it again before rotating.
            c = tokens.rotateJustStored(
                    c, c.paymentToken(), e -> e.plan(e.plan().tokenRotatedFor(k)), "before installment " + (k + 1));
        }
        WalletAddress customer = c.customer();
        String description = (c.description() == null ? "order " + c.orderId() : c.description()) + " (installment "
                + (k + 1) + " of " + c.plan().count() + ")";
        Amount debit = null;
        for (Leg leg : c.legsOf(k)) {
            if (leg.status() == LegStatus.COMPLETED) {
                debit = debit == null ? leg.debitAmount() : debit.plus(leg.debitAmount());
                continue;
            }
            if (leg.status() != LegStatus.SCHEDULED) continue;
            // A failed attempt may have delivered part of the share: only the rest is asked for again.
            Amount owed = leg.owed();
            if (owed.isZero()) {
                ready.add(leg.completedByEarlierAttempts());
                continue;
            }
            WalletAddress payee = leg.payee();
            Instant expires = clock.instant().plus(INCOMING_PAYMENT_LIFE);
            IncomingPayment ip = directory.withToken(
                    payee.authServer(),
                    AccessKind.INCOMING_PAYMENT,
                    t -> gateway.createIncomingPayment(payee, t, owed, description, expires));
            ready.add(leg.prepared(ip.id(), null, null, null));
            Quote q = directory.withToken(
                    customer.authServer(), AccessKind.QUOTE, t -> gateway.createQuote(customer, t, ip.id()));
            if (!q.receiveAmount().sameAsset(owed)
                    || q.receiveAmount().compareTo(owed) < 0
                    || !q.debitAmount().sameAsset(c.plan().debitLimit())) {
                throw new CheckoutException(
                        ErrorCode.ASSET_MISMATCH,
                        "the customer's wallet quoted " + q.debitAmount() + " for delivering " + q.receiveAmount()
                                + " instead of " + owed);
            }
            ready.set(ready.size() - 1, leg.prepared(ip.id(), q.id(), q.debitAmount(), q.expiresAt()));
            debit = debit == null ? q.debitAmount() : debit.plus(q.debitAmount());
        }
        if (debit != null && debit.isGreaterThan(c.plan().debitLimit())) {
            return plans.attemptFailed(
                    c,
                    cur,
                    new Failure(
                            FailureCode.RATE_MOVED,
                            "the customer's wallet now quotes " + debit + " for installment " + (k + 1)
                                    + ", more than the " + c.plan().debitLimit() + " per period the customer granted"));
        }
        Instant now = clock.instant();
        Checkout.Edit e = c.edit(now).followChecks(0).plan(c.plan().wakeAt(lookAgainAt(c, cur, now)));
        ready.forEach(e::leg);
        Change change = e.change(
                "installment-prepared",
                "installment " + (k + 1) + ": " + ready.size() + " incoming payment(s) and quote(s) for "
                        + (debit == null ? "nothing" : debit.toString()));
        // From here on the write may have landed even if it reports a failure: never close what it may have stored.
        ready.clear();
        store.update(change);
        return change.next();
    }
}

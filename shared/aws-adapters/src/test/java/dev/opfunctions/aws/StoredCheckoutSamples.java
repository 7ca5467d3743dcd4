package dev.opfunctions.aws;

import dev.opfunctions.checkout.FailureCode;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.Failure;
import dev.opfunctions.checkout.model.GrantToken;
import dev.opfunctions.checkout.model.Installment;
import dev.opfunctions.checkout.model.Leg;
import dev.opfunctions.checkout.model.LegStatus;
import dev.opfunctions.client.model.Amount;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Checkouts in every state, with legs in every status, consents in each of their states, installments
 * paid, failed and waiting, and failures: made by the real services (start) and the domain's own
 * transitions, so their stored form is what production writes. The golden files are these, written once.
 */
final class StoredCheckoutSamples {

    private static final Duration RETENTION = Duration.ofDays(90);
    private static final String OUT =
            "https://cloudnine.example/3b1d6a3e-5f6c-4a0e-9d9b-0c1f2e3d4a5b/outgoing-payments/";

    private final CheckoutFixture f = new CheckoutFixture();
    private final Map<String, Checkout> samples = new LinkedHashMap<>();

    /** Every sample by file name (without {@code .json}). */
    static Map<String, Checkout> all() {
        return new StoredCheckoutSamples().build();
    }

    private Map<String, Checkout> build() {
        oneTime();
        split();
        plans();
        return samples;
    }

    private void oneTime() {
        Checkout waiting = f.startWithId("golden-one-time", "golden-secret")
                .start(f.order(CheckoutFixture.b2c("golden-one-time")))
                .orElseThrow()
                .checkout();
        add("one-time-awaiting-consent", waiting);
        add("one-time-rejected", edit(waiting, CheckoutStatus.REJECTED, e -> e));
        add("one-time-expired", edit(waiting, CheckoutStatus.EXPIRED, e -> e));
        add("one-time-cancelled", edit(waiting, CheckoutStatus.CANCELLED, e -> e));
        Checkout granted = edit(
                waiting,
                CheckoutStatus.CONSENT_GRANTED,
                e -> e.consent(
                        waiting.consent().withInteractRef("golden-interact-ref").withContinuingUntil(at(30))));
        add("one-time-consent-granted", granted);
        Checkout paying = edit(
                granted,
                CheckoutStatus.PAYING,
                e -> e.paymentToken(token()).leg(only(granted).claimCreate("worker-golden-1", at(120))));
        add("one-time-paying-creating", paying);
        Checkout sent =
                change(paying, e -> e.leg(only(paying).sent(OUT + "9e0f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b", null)));
        add("one-time-paying-sent", sent);
        Checkout unconfirmed = edit(
                sent,
                CheckoutStatus.PAYMENT_UNCONFIRMED,
                e -> e.reason(new Failure(FailureCode.PAYMENT_UNCONFIRMED, "the customer's wallet did not answer"))
                        .followChecks(7));
        add("one-time-payment-unconfirmed", unconfirmed);
        add(
                "one-time-needs-review",
                edit(
                        unconfirmed,
                        CheckoutStatus.NEEDS_REVIEW,
                        e -> e.reason(new Failure(
                                FailureCode.PAYMENT_UNCONFIRMED,
                                "still unconfirmed after 8 further re-checks: a person must check the payments"))));
        Leg done = only(sent).completed(mxn(140000), mxn(140000));
        Checkout completed = edit(sent, CheckoutStatus.COMPLETED, e -> e.leg(done));
        add("one-time-completed", completed);
        add(
                "one-time-completed-grant-closed",
                change(
                        completed,
                        e -> e.consent(completed.consent().withGrantClosedAt(at(400)))
                                .paymentToken(null)));
        Failure refused =
                new Failure(FailureCode.PAYMENT_REFUSED, "the wallet refused the payment: insufficient funds");
        Checkout failed = paying.edit(at(200))
                .leg(only(paying).failed(refused))
                .fail(refused, RETENTION)
                .build();
        add("one-time-failed", failed);
        Failure unredeemable = new Failure(FailureCode.CONSENT_NOT_REDEEMABLE, "consent could not be redeemed 3 times");
        add(
                "one-time-failed-before-payment",
                waiting.edit(at(60)).fail(unredeemable, RETENTION).build());
    }

    private void split() {
        Checkout waiting = f.startWithId("golden-split", "golden-secret")
                .start(f.order(CheckoutFixture.split("golden-split", "140000")))
                .orElseThrow()
                .checkout();
        add("split-awaiting-consent", waiting);
        Checkout granted = edit(
                waiting,
                CheckoutStatus.CONSENT_GRANTED,
                e -> e.consent(waiting.consent().withInteractRef("golden-interact-ref")));
        Leg merchant = granted.legs().get(0);
        Leg market = granted.legs().get(1);
        Checkout paying = edit(
                granted,
                CheckoutStatus.PAYING,
                e -> e.paymentToken(token())
                        .leg(merchant.claimCreate("worker-golden-2", at(90))
                                .sent(OUT + "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", mxn(0))
                                .completed(mxn(133000), mxn(133000)))
                        .leg(market.claimCreate("worker-golden-3", at(95)).releaseLease(at(50))));
        add("split-paying-one-completed-one-creating", paying);
    }

    private void plans() {
        Checkout waiting = f.startWithId("golden-plan", "golden-secret")
                .start(f.order(CheckoutFixture.plan("golden-plan", 4, "P1M")))
                .orElseThrow()
                .checkout();
        add("plan-awaiting-consent", waiting);
        Checkout granted = edit(
                waiting,
                CheckoutStatus.CONSENT_GRANTED,
                e -> e.consent(waiting.consent().withInteractRef("golden-interact-ref")));
        // Installment 0 paid at consent, installment 1 prepared and waiting for its due time.
        Checkout active = edit(granted, CheckoutStatus.ACTIVE, e -> {
            e.paymentToken(token());
            paid(e, granted, 0, 10);
            prepared(e, granted, 1);
            return e.plan(e.plan()
                    .tokenRotatedFor(1)
                    .wakeAt(granted.plan().installment(1).dueAt()));
        });
        add("plan-active", active);
        // Installment 1 failed its quick retries: its leg failed, then went back to waiting for the next attempt.
        Failure noFunds = new Failure(FailureCode.PAYMENT_FAILED, "the wallet failed the payment: insufficient funds");
        Checkout pastDue = edit(active, CheckoutStatus.PAST_DUE, e -> {
            Leg one = active.legsOf(1).get(0).claimCreate("worker-golden-4", at(3000));
            e.leg(one.sent(OUT + "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e", mxn(0))
                    .failed(noFunds)
                    .rescheduled(at(3500)));
            Installment late = active.plan().installment(1).failedAttempt(noFunds, at(4000));
            return e.plan(e.plan().with(late).wakeAt(at(4000)))
                    .reason(new Failure(FailureCode.INSTALLMENT_PAST_DUE, "installment 2 is past due"));
        });
        add("plan-past-due", pastDue);
        Checkout completed = edit(active, CheckoutStatus.COMPLETED, e -> {
            for (int i = 1; i < active.plan().count(); i++) paid(e, active, i, 100 * (i + 1));
            return e.plan(e.plan().wakeAt(null));
        });
        add("plan-completed", completed);
        Failure cancelled = new Failure(FailureCode.CANCELLED, "the storefront cancelled the plan");
        Checkout cancelledPlan = edit(active, CheckoutStatus.CANCELLED, e -> {
            for (Leg l : active.legs()) {
                if (l.status() == LegStatus.SCHEDULED || l.status() == LegStatus.PENDING) e.leg(l.cancelled(cancelled));
            }
            return e.plan(e.plan().wakeAt(null)).consent(active.consent().withGrantClosedAt(at(5000)));
        });
        add(
                "plan-cancelled",
                cancelledPlan
                        .edit(at(5001))
                        .leg(cancelledPlan.legsOf(1).get(0).incomingClosed(at(5001)))
                        .build());
        Failure uncollected =
                new Failure(FailureCode.INSTALLMENT_UNCOLLECTED, "installment 2 was not paid in its interval");
        Checkout.Edit failing = pastDue.edit(at(6000));
        for (Leg l : pastDue.legs()) if (l.status() == LegStatus.SCHEDULED) failing.leg(l.cancelled(uncollected));
        add(
                "plan-failed",
                failing.plan(pastDue.plan().wakeAt(null))
                        .fail(uncollected, RETENTION)
                        .build());
    }

    private void paid(Checkout.Edit e, Checkout c, int installment, int minute) {
        for (Leg l : c.legsOf(installment)) {
            Leg leg = l.status() == LegStatus.SCHEDULED ? prepare(l, installment) : l;
            e.leg(leg.claimCreate("worker-golden-5", at(minute + 1))
                    .sent(OUT + "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e" + String.format("%02d", installment), mxn(0))
                    .completed(leg.debitAmount(), leg.receiveAmount()));
        }
        e.plan(e.plan().with(e.plan().installment(installment).paidOn(at(minute + 2))));
    }

    private void prepared(Checkout.Edit e, Checkout c, int installment) {
        for (Leg l : c.legsOf(installment)) e.leg(prepare(l, installment));
    }

    private static Leg prepare(Leg l, int installment) {
        String wallet = "https://happylife.example/7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f";
        return l.prepared(
                wallet + "/incoming-payments/3d4e5f6a-7b8c-4d9e-8f0a-1b2c3d4e5f" + String.format("%02d", installment),
                "https://cloudnine.example/3b1d6a3e-5f6c-4a0e-9d9b-0c1f2e3d4a5b/quotes/4e5f6a7b-8c9d-4e0f-8a1b-2c3d4e5f6a"
                        + String.format("%02d", installment),
                l.receiveAmount().plus(mxn(150)),
                at(10_000 + installment));
    }

    private Checkout edit(Checkout c, CheckoutStatus next, UnaryOperator<Checkout.Edit> more) {
        return more.apply(c.edit(at((int) c.version() * 10)).moveTo(next, RETENTION))
                .build();
    }

    private Checkout change(Checkout c, UnaryOperator<Checkout.Edit> more) {
        return more.apply(c.edit(at((int) c.version() * 10))).build();
    }

    private static Leg only(Checkout c) {
        return c.legs().get(0);
    }

    private void add(String name, Checkout c) {
        samples.put(name, c);
    }

    private static Instant at(int minutes) {
        return Instant.parse("2026-03-12T23:20:00Z").plus(Duration.ofMinutes(minutes));
    }

    private static GrantToken token() {
        return new GrantToken(
                "golden-token-not-a-secret",
                "https://auth.cloudnine.example/token/5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c",
                at(24 * 60));
    }

    private static Amount mxn(long value) {
        return Amount.of(value, "MXN", 2);
    }
}

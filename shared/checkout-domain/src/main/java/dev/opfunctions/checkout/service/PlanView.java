package dev.opfunctions.checkout.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.Installment;
import dev.opfunctions.checkout.model.InstallmentPlan;
import dev.opfunctions.checkout.model.Leg;
import dev.opfunctions.checkout.model.LegStatus;
import dev.opfunctions.client.model.Amount;
import java.util.List;
import java.util.Objects;

/**
 * The {@code installments} object of a plan's JSON: the terms the customer granted (interval and
 * per-period limit) and each installment's due date, status, amounts and outgoing payments.
 *
 * <p>Installment statuses: {@code scheduled} (not due yet), {@code processing} (being prepared or
 * charged), {@code retrying} (an attempt failed, another follows), {@code past_due} (the plan is past
 * due on it), {@code paid}, {@code failed} and {@code cancelled} (the plan ended before it was paid).
 */
final class PlanView {

    private PlanView() {}

    static ObjectNode plan(Checkout c, ObjectNode into) {
        InstallmentPlan p = c.plan();
        ObjectNode n = into.putObject("installments");
        n.put("count", p.count());
        n.put("period", p.period());
        n.put("firstAtConsent", p.firstAtConsent());
        n.put("interval", p.interval());
        n.set("limitPerPeriod", CheckoutView.amount(p.debitLimit()));
        n.put("paid", p.paidCount());
        p.current()
                .filter(i -> c.status() == CheckoutStatus.ACTIVE || c.status() == CheckoutStatus.PAST_DUE)
                .ifPresent(i -> n.put("nextDueAt", i.nextAttemptAt().toString()));
        // The wire name predates the closed grant moving to the consent (one field for every checkout).
        if (c.consent() != null && c.consent().grantClosedAt() != null)
            n.put("grantCancelledAt", c.consent().grantClosedAt().toString());
        ArrayNode schedule = n.putArray("schedule");
        for (Installment i : p.installments()) schedule.add(installment(c, i));
        return n;
    }

    private static ObjectNode installment(Checkout c, Installment i) {
        List<Leg> legs = c.legsOf(i.index());
        ObjectNode o = CheckoutView.MAPPER.createObjectNode();
        o.put("number", i.index() + 1);
        o.put("status", status(c, i, legs));
        o.put("dueAt", i.dueAt().toString());
        o.put("payBy", i.windowEnd().toString());
        o.set("amount", CheckoutView.amount(i.amount()));
        legs.stream()
                .map(Leg::debitAmount)
                .filter(Objects::nonNull)
                .reduce(Amount::plus)
                .ifPresent(d -> o.set("debitAmount", CheckoutView.amount(d)));
        legs.stream()
                .map(Leg::charged)
                .filter(Objects::nonNull)
                .reduce(Amount::plus)
                .ifPresent(d -> o.set("debitedAmount", CheckoutView.amount(d)));
        legs.stream()
                .map(Leg::fees)
                .filter(Objects::nonNull)
                .reduce(Amount::plus)
                .ifPresent(f -> o.set("feeAmount", CheckoutView.amount(f)));
        ArrayNode ops = o.putArray("outgoingPayments");
        // Every attempt's payment, oldest first: a stopped attempt may have moved money too.
        for (Leg l : legs) {
            l.attempts().stream()
                    .map(a -> a.outgoingPaymentId())
                    .filter(Objects::nonNull)
                    .forEach(ops::add);
            if (l.outgoingPaymentId() != null) ops.add(l.outgoingPaymentId());
        }
        o.put(
                "attempts",
                i.attempts()
                        + (legs.stream()
                                        .anyMatch(l ->
                                                l.status() != LegStatus.SCHEDULED && l.status() != LegStatus.CANCELLED)
                                ? 1
                                : 0));
        if (i.paidAt() != null) o.put("paidAt", i.paidAt().toString());
        if (i.retryAt() != null && !i.paid()) o.put("retryAt", i.retryAt().toString());
        if (i.lastFailure() != null)
            o.putObject("lastFailure")
                    .put("code", i.lastFailure().code())
                    .put("message", i.lastFailure().message());
        return o;
    }

    static String status(Checkout c, Installment i, List<Leg> legs) {
        if (i.paid()) return "paid";
        if (legs.stream().anyMatch(l -> l.status() == LegStatus.CANCELLED))
            return c.status() == CheckoutStatus.FAILED ? "failed" : "cancelled";
        boolean current = c.plan().current().map(x -> x.index() == i.index()).orElse(false);
        if (current && c.status() == CheckoutStatus.PAST_DUE) return "past_due";
        if (legs.stream().anyMatch(l -> l.status() != LegStatus.SCHEDULED)) return "processing";
        if (i.attempts() > 0) return "retrying";
        return i.dueAt().isAfter(c.updatedAt()) ? "scheduled" : "due";
    }
}

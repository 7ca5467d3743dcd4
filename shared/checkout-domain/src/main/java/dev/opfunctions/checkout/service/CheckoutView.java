package dev.opfunctions.checkout.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutEvent;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.CheckoutSummary;
import dev.opfunctions.checkout.model.Leg;
import dev.opfunctions.checkout.model.LegAttempt;
import dev.opfunctions.checkout.model.LegStatus;
import dev.opfunctions.checkout.port.WalletGateway.IncomingPayment;
import dev.opfunctions.client.model.Amount;
import java.time.Instant;
import java.util.List;

/**
 * The storefront-facing JSON of checkouts and payments. Never includes tokens, nonces or grant URLs.
 *
 * <p>Amounts: {@code debitAmount} is what the quotes said the customer would be debited;
 * {@code debitedAmount} what they have been charged so far (the legs' {@code debitAmount} once
 * completed, what the wallet reports sent while a payment is moving or after it stopped);
 * {@code feeAmount} the sender's fees where the wallet lets them be derived ({@link Leg#fees()});
 * {@code receivedAmount} what the payees' wallets report received over every attempt, where the
 * payees share one asset (so a storefront can set what was charged beside what arrived).
 */
public final class CheckoutView {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private CheckoutView() {}

    public static ObjectNode checkout(Checkout c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", c.id());
        n.put("orderId", c.orderId());
        n.put("status", c.status().wireName());
        n.put("customerWalletAddress", c.customer().id());
        n.set("amount", amount(c.amount()));
        n.set("debitAmount", amount(c.debitTotal()));
        n.set("debitedAmount", amount(c.chargedTotal()));
        c.feesTotal().ifPresent(f -> n.set("feeAmount", amount(f)));
        receivedTotal(c).ifPresent(r -> n.set("receivedAmount", amount(r)));
        if (c.description() != null) n.put("description", c.description());
        if (c.status() == CheckoutStatus.AWAITING_CONSENT) {
            n.put("redirectUrl", c.consent().redirectUrl());
            time(n, "consentDeadline", c.consent().deadline());
        }
        ArrayNode payees = n.putArray("payees");
        for (Leg l : c.legs()) {
            ObjectNode p = payees.addObject();
            p.put("leg", l.key().toString());
            p.put("walletAddress", l.payee().id());
            p.put("status", legStatus(c, l));
            p.set("amount", amount(l.receiveAmount()));
            p.set(
                    "receivedAmount",
                    amount(
                            l.totalReceived() == null
                                    ? l.receiveAmount().withValue(java.math.BigInteger.ZERO)
                                    : l.totalReceived()));
            if (l.debitAmount() != null) p.set("debitAmount", amount(l.debitAmount()));
            if (l.sentAmount() != null) p.set("sentAmount", amount(l.sentAmount()));
            if (l.charged() != null) p.set("debitedAmount", amount(l.charged()));
            if (l.fees() != null) p.set("feeAmount", amount(l.fees()));
            if (l.failure() != null)
                p.putObject("failure")
                        .put("code", l.failure().code())
                        .put("message", l.failure().message());
            if (!l.attempts().isEmpty()) attempts(p.putArray("earlierAttempts"), l);
        }
        time(n, "createdAt", c.createdAt());
        time(n, "updatedAt", c.updatedAt());
        time(n, "finishedAt", c.finishedAt());
        if (c.failure() != null)
            n.putObject("failure")
                    .put("code", c.failure().code())
                    .put("message", c.failure().message());
        if (c.reason() != null && !c.status().isTerminal())
            n.putObject("reason")
                    .put("code", c.reason().code())
                    .put("message", c.reason().message());
        // A grant its wallet would not cancel may still be live there: a person has to see it (GrantCancels).
        if (c.consent() != null
                && c.consent().grantClosedAt() == null
                && c.consent().grantCancelRefusals() > 0)
            n.putObject("grantNotCancelled")
                    .put("refusals", c.consent().grantCancelRefusals())
                    .put("retrying", !c.consent().grantCancelGivenUp())
                    .put("message", c.consent().grantCancelRefusal());
        if (c.hasPlan()) PlanView.plan(c, n);
        return n;
    }

    /** The view's {@code receivedAmount} of {@code c} (storefront events carry it too). */
    public static java.util.Optional<Amount> receivedAmount(Checkout c) {
        return receivedTotal(c);
    }

    /** An installment's {@code status} as the view's schedule shows it (storefront events carry it too). */
    public static String installmentStatus(Checkout c, dev.opfunctions.checkout.model.Installment i) {
        return PlanView.status(c, i, c.legsOf(i.index()));
    }

    /** What every payee received, over every attempt of every leg; empty when the payees differ in asset. */
    static java.util.Optional<Amount> receivedTotal(Checkout c) {
        Amount total = null;
        for (Leg l : c.legs()) {
            Amount r = l.totalReceived() == null
                    ? l.receiveAmount().withValue(java.math.BigInteger.ZERO)
                    : l.totalReceived();
            if (total != null && !total.sameAsset(r)) return java.util.Optional.empty();
            total = total == null ? r : total.plus(r);
        }
        return java.util.Optional.ofNullable(total);
    }

    /** An installment leg's earlier attempts: what each sent and delivered before it ended, and why it ended. */
    private static void attempts(ArrayNode into, Leg l) {
        for (LegAttempt a : l.attempts()) {
            ObjectNode o = into.addObject();
            if (a.outgoingPaymentId() != null) o.put("outgoingPaymentId", a.outgoingPaymentId());
            if (a.sentAmount() != null) o.set("sentAmount", amount(a.sentAmount()));
            if (a.receivedAmount() != null) o.set("receivedAmount", amount(a.receivedAmount()));
            if (a.failure() != null)
                o.putObject("failure")
                        .put("code", a.failure().code())
                        .put("message", a.failure().message());
            time(o, "endedAt", a.endedAt());
        }
    }

    /**
     * A leg's status as the storefront should read it: a leg never charged on a checkout that has ended
     * will never be charged, so it is {@code cancelled} even where it is still stored pending (the
     * sweep's consent expiry, a failure before any payment, records written before ended checkouts
     * cancelled their legs).
     */
    static String legStatus(Checkout c, Leg l) {
        LegStatus shown =
                c.status().isTerminal() && UnchargedLegs.neverCharged(l.status()) ? LegStatus.CANCELLED : l.status();
        return shown.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * One row of a customer's payment history (GET /history/payments): the summary fields only, since
     * that route reads CustomerIndex, which projects no more than these.
     */
    public static ObjectNode summary(CheckoutSummary c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", c.id());
        n.put("orderId", c.orderId());
        n.put("status", c.status().wireName());
        n.put("customerWalletAddress", c.customerWallet());
        if (c.amount() != null) n.set("amount", amount(c.amount()));
        time(n, "createdAt", c.createdAt());
        time(n, "updatedAt", c.updatedAt());
        return n;
    }

    public static ArrayNode history(List<CheckoutEvent> events) {
        ArrayNode a = MAPPER.createArrayNode();
        for (CheckoutEvent e : events) {
            ObjectNode o = a.addObject();
            o.put("version", e.version());
            time(o, "at", e.at());
            o.put("type", e.type());
            o.put("status", e.status().wireName());
            if (e.detail() != null && !e.detail().isEmpty()) o.put("detail", e.detail());
        }
        return a;
    }

    /**
     * One of the merchant's received payments: the wallet's fields as it reports them (so
     * {@code completed} keeps its Open Payments meaning, "accepts no more money"), plus {@code paid}
     * ({@code receivedAmount} reached {@code incomingAmount}) and {@code state} ({@code paid},
     * {@code open}, {@code closed_unpaid}: closed by this client because its checkout ended without
     * paying it, {@code expired}), which a storefront can read without knowing Open Payments.
     */
    public static ObjectNode incomingPayment(ReceivedPayment received) {
        IncomingPayment ip = received.payment();
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", ip.id());
        o.put("walletAddress", ip.walletAddress());
        if (ip.incomingAmount() != null) o.set("incomingAmount", amount(ip.incomingAmount()));
        o.set("receivedAmount", amount(ip.receivedAmount()));
        o.put("completed", ip.completed());
        o.put("paid", received.paid());
        o.put("state", received.state().wireName());
        time(o, "expiresAt", ip.expiresAt());
        time(o, "createdAt", ip.createdAt());
        if (ip.description() != null) o.put("description", ip.description());
        return o;
    }

    public static ObjectNode amount(Amount a) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("value", a.value().toString());
        o.put("assetCode", a.assetCode());
        o.put("assetScale", a.assetScale());
        return o;
    }

    private static void time(ObjectNode n, String field, Instant at) {
        if (at != null) n.put(field, at.toString());
    }
}

package dev.opfunctions.aws;

import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.Consent;
import dev.opfunctions.checkout.model.GrantToken;
import dev.opfunctions.checkout.model.Installment;
import dev.opfunctions.checkout.model.InstallmentPlan;
import dev.opfunctions.checkout.model.Leg;
import dev.opfunctions.checkout.model.LegKey;
import dev.opfunctions.checkout.model.PlanPeriod;
import dev.opfunctions.checkout.model.WalletAddress;
import dev.opfunctions.checkout.order.CheckoutRequestParser;
import dev.opfunctions.checkout.order.PlanRequest;
import dev.opfunctions.checkout.service.PlanSchedule;
import dev.opfunctions.client.model.Amount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An installment plan as large as orders may make it, moved through its life with the domain's own
 * transitions. Every URL is as long as real wallets make them: Rafiki-style resource ids
 * ({@code https://host/tenant-uuid/outgoing-payments/uuid}), 150-character payee wallet addresses, the
 * longest description accepted, and amounts of many digits.
 */
final class LargePlan {

    private static final Duration RETENTION = Duration.ofDays(90);
    private static final String CUSTOMER_RS = "https://ilp.customer-bank-of-the-americas.example/" + uuid();
    private static final String PAYEE_RS = "https://ilp.marketplace-payments-platform.example/" + uuid();

    private final String id;
    private final int installments;
    private final int payees;
    private final Instant start = Instant.parse("2026-03-12T23:20:00Z");
    private Instant now = start;

    LargePlan(String id, int installments, int payees) {
        this.id = id;
        this.installments = installments;
        this.payees = payees;
    }

    /** Awaiting consent: installment 1 prepared (incoming payments and quotes exist), the others scheduled. */
    Checkout created() {
        Amount total = mxn(Long.MAX_VALUE / 4);
        WalletAddress customer =
                wallet("https://ilp.customer-bank-of-the-americas.example/" + "c".repeat(96), CUSTOMER_RS);
        List<Amount> perInstallment = PlanSchedule.split(total, installments);
        List<Leg> legs = new ArrayList<>();
        List<Leg> first = new ArrayList<>();
        for (int i = 0; i < installments; i++) {
            Amount share = perInstallment
                    .get(i)
                    .withValue(perInstallment.get(i).value().divide(BigInteger.valueOf(payees)));
            for (int p = 0; p < payees; p++) {
                Leg leg = Leg.scheduled(new LegKey(i, p), payee(p), share);
                if (i == 0) {
                    leg = prepare(leg);
                    first.add(leg);
                }
                legs.add(leg);
            }
        }
        PlanRequest terms =
                new PlanRequest(installments, PlanPeriod.parse("P1M").orElseThrow(), true);
        InstallmentPlan plan = PlanSchedule.plan(terms, total, start, PlanSchedule.debitLimit(first, 300));
        return Checkout.awaitingConsent(
                id,
                new Checkout.NewOrder(
                        id + "-" + "o".repeat(120 - id.length()),
                        "f".repeat(64),
                        total,
                        "d".repeat(CheckoutRequestParser.MAX_DESCRIPTION),
                        "https://shop.example/orders/" + uuid() + "/thanks?session=" + "s".repeat(120)),
                start,
                start,
                customer,
                legs,
                consent(),
                plan);
    }

    /** The finish callback's write: consent given, the grant about to be continued. */
    Checkout.Edit granted(Checkout c) {
        return c.edit(later(1))
                .moveTo(CheckoutStatus.CONSENT_GRANTED, RETENTION)
                .consent(c.consent().withInteractRef(uuid()).withContinuingUntil(later(1)));
    }

    /** The grant continued: the payment token stored, the plan active. */
    Checkout.Edit activated(Checkout c) {
        return c.edit(later(1))
                .moveTo(CheckoutStatus.ACTIVE, RETENTION)
                .consent(c.consent().retryAfter(now))
                .paymentToken(new GrantToken(
                        "t".repeat(64),
                        "https://auth.customer-bank-of-the-americas.example/token/" + uuid(),
                        later(60)));
    }

    Checkout.Edit prepared(Checkout c, int installment) {
        Checkout.Edit e = c.edit(later(1));
        for (Leg l : c.legsOf(installment)) e.leg(prepare(l));
        return e.plan(c.plan()
                .tokenRotatedFor(installment)
                .wakeAt(c.plan().installment(installment).dueAt()));
    }

    Checkout.Edit claimed(Checkout c, int installment) {
        Checkout.Edit e = c.edit(later(1));
        for (Leg l : c.legsOf(installment)) e.leg(l.claimCreate(uuid(), later(5)));
        return e;
    }

    Checkout.Edit sent(Checkout c, int installment) {
        Checkout.Edit e = c.edit(later(1));
        for (Leg l : c.legsOf(installment))
            e.leg(l.sent(
                    CUSTOMER_RS + "/outgoing-payments/" + uuid(),
                    l.debitAmount().withValue(BigInteger.ZERO)));
        return e;
    }

    Checkout.Edit completed(Checkout c, int installment) {
        Checkout.Edit e = c.edit(later(1));
        for (Leg l : c.legsOf(installment)) e.leg(l.completed(l.receiveAmount(), l.receiveAmount()));
        Installment paid = c.plan().installment(installment).paidOn(now);
        Instant next = installment + 1 < installments
                ? c.plan().installment(installment + 1).dueAt()
                : null;
        return e.plan(c.plan().with(paid).wakeAt(next));
    }

    Checkout.Edit finished(Checkout c) {
        return c.edit(later(1))
                .moveTo(CheckoutStatus.COMPLETED, RETENTION)
                .plan(c.plan().wakeAt(null));
    }

    /**
     * The stored size of one attempt record as another change will add them to legs: an outgoing payment id,
     * three amounts, an outcome and a time, with the property names spelled out.
     */
    static int attemptRecordBytes() {
        Amount a = mxn(Long.MAX_VALUE / 4);
        var attempt = new java.util.LinkedHashMap<String, Object>();
        attempt.put("outgoingPaymentId", CUSTOMER_RS + "/outgoing-payments/" + uuid());
        attempt.put("debitAmount", a);
        attempt.put("sentAmount", a);
        attempt.put("receivedAmount", a);
        attempt.put("outcome", "PAYMENT_UNCONFIRMED");
        attempt.put("at", Instant.parse("2026-03-12T23:20:00.123456789Z"));
        return CheckoutJson.write(attempt).length() + 1;
    }

    private Leg prepare(Leg l) {
        String tenant = l.payee().resourceServer();
        return l.prepared(
                tenant + "/incoming-payments/" + uuid(),
                CUSTOMER_RS + "/quotes/" + uuid(),
                l.receiveAmount().plus(mxn(9_999_999)),
                later(0).plus(Duration.ofMinutes(10)));
    }

    private WalletAddress payee(int p) {
        String id = "https://ilp.marketplace-payments-platform.example/merchants/" + p + "-";
        return wallet(id + "m".repeat(150 - id.length()), PAYEE_RS);
    }

    private static WalletAddress wallet(String id, String resourceServer) {
        String host = resourceServer.substring(0, resourceServer.indexOf('/', "https://".length()));
        return new WalletAddress(
                id, "MXN", 2, host.replace("https://ilp.", "https://auth.") + "/" + uuid(), resourceServer);
    }

    /** A consent as start-checkout stores it, with values as long as a real authorization server's. */
    private Consent consent() {
        String auth = "https://auth.customer-bank-of-the-americas.example/" + uuid();
        String json = "{\"clientNonce\":\"" + uuid() + "\",\"interactNonce\":\"" + uuid() + "\",\"grantRequestUri\":\""
                + auth + "/\",\"finishUri\":\"https://api.shop.example/finish/" + id + "\",\"redirectUrl\":\"" + auth
                + "/interact/" + uuid() + "/" + "n".repeat(64) + "\",\"continueUri\":\"" + auth + "/continue/" + uuid()
                + "\",\"continueToken\":\"" + "k".repeat(64) + "\",\"continueAfter\":\"" + start + "\",\"deadline\":\""
                + start.plus(Duration.ofMinutes(10)) + "\",\"finishSecretHash\":\"" + "h".repeat(43)
                + "\",\"round\":1}";
        try {
            return CheckoutJson.STRICT.readValue(json, Consent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Instant later(int minutes) {
        now = now.plus(Duration.ofMinutes(minutes));
        return now;
    }

    private static Amount mxn(long value) {
        return Amount.of(value, "MXN", 2);
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }
}

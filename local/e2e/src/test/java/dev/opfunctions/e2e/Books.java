package dev.opfunctions.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.model.Amount;
import dev.opfunctions.sandbox.PaymentViews;
import dev.opfunctions.sandbox.SandboxAdmin;
import dev.opfunctions.sandbox.resource.OutgoingPayment;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fee-charging sandbox's books around one checkout, taken before it and reconciled to the unit
 * after it: the customer is debited exactly the sum of the new outgoing payments' {@code debitAmount}
 * (what the checkout reports as {@code debitedAmount}), each payee is credited exactly its share,
 * every payment's fee is {@code debitAmount - sentAmount} and lands in the fee account (the
 * checkout's {@code feeAmount}), and money is conserved.
 */
final class Books {

    private final SandboxAdmin admin;
    private final String customer;
    private final Map<String, BigInteger> before = new LinkedHashMap<>();
    private final int paymentsBefore;
    private final Amount feesBefore;

    private Books(SandboxAdmin admin, String customer, List<String> payees) {
        this.admin = admin;
        this.customer = customer;
        before.put(customer, admin.balance(customer).value());
        for (String p : payees) before.put(p, admin.balance(p).value());
        paymentsBefore = admin.outgoingPayments(customer).size();
        Amount c = admin.balance(customer);
        feesBefore = admin.feesCollected(c.assetCode(), c.assetScale());
    }

    static Books open(LocalStack s, String customer, String... payees) {
        return new Books(s.sandbox.admin(), customer, List.of(payees));
    }

    /** The payments this checkout made, oldest first. */
    List<PaymentViews.Outgoing> payments() {
        List<PaymentViews.Outgoing> all = admin.outgoingPayments(customer);
        return all.subList(paymentsBefore, all.size());
    }

    /**
     * Reconciles against the checkout's view.
     *
     * @param credited what each payee must have received, by wallet address (the order's shares)
     */
    List<PaymentViews.Outgoing> reconcile(JsonNode view, Map<String, Long> credited) throws InterruptedException {
        assertTrue(admin.awaitPaymentsSettled(Duration.ofSeconds(5)));
        List<PaymentViews.Outgoing> made = payments();
        BigInteger debited = BigInteger.ZERO;
        BigInteger fees = BigInteger.ZERO;
        for (PaymentViews.Outgoing p : made) {
            assertEquals(OutgoingPayment.State.COMPLETED, p.state(), p.toString());
            assertFalse(p.failed(), p.toString());
            assertEquals(
                    p.debitAmount().value(), p.sentAmount().value().add(p.fee().value()), "debit = sent + fee: " + p);
            debited = debited.add(p.debitAmount().value());
            fees = fees.add(p.fee().value());
        }
        assertTrue(fees.signum() > 0, "the sandbox charged fees");
        assertEquals(
                debited,
                before.get(customer).subtract(admin.balance(customer).value()),
                "customer debited the payments' debit amounts, once");
        assertEquals(
                debited.toString(),
                view.at("/debitedAmount/value").asText(),
                "debitedAmount is what the customer was charged");
        assertEquals(fees.toString(), view.at("/feeAmount/value").asText(), "feeAmount is the payments' fees");
        Amount c = admin.balance(customer);
        assertEquals(
                fees,
                admin.feesCollected(c.assetCode(), c.assetScale()).value().subtract(feesBefore.value()),
                "fees reach the fee account");
        for (Map.Entry<String, Long> e : credited.entrySet()) {
            assertEquals(
                    BigInteger.valueOf(e.getValue()),
                    admin.balance(e.getKey()).value().subtract(before.get(e.getKey())),
                    "credited " + e.getKey());
        }
        admin.checkMoneyConserved();
        return made;
    }
}

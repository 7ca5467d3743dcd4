package dev.opfunctions.local.chaos;

import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.Leg;
import dev.opfunctions.checkout.model.LegAttempt;
import dev.opfunctions.checkout.model.LegStatus;
import dev.opfunctions.client.model.Amount;
import dev.opfunctions.sandbox.ledger.AccountId;
import dev.opfunctions.sandbox.ledger.LedgerEntry;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Checks the checkouts' records against the wallet sandbox's ledger, which is the truth about money:
 * every settled outgoing payment is one ledger transfer, referenced by the payment's URL.
 *
 * <ul>
 *   <li>orphan: a settled payment no checkout leg records; a duplicate is an orphan that repeats a
 *       recorded leg (same payer, payee and amount credited), i.e. a second payment for one leg;
 *   <li>mismatch: a leg whose payment's ledger debit is not the quote's debit amount (fees included)
 *       or whose credit is not the leg's amount; a completed leg with no settled payment; a settled
 *       payment on a leg recorded as failed;
 *   <li>conservation: each wallet's balance moved by exactly what the ledger posted for it, and the
 *       customers lost exactly what the recorded legs' debits add up to;
 *   <li>misdirected: a leg's settled payment credited a wallet other than the one the order named for
 *       that payee. The leg's own payee record is not enough: it is the wallet's document, which a
 *       hostile wallet can forge (claiming the merchant's id while naming its own servers).
 * </ul>
 */
final class LedgerAudit {

    /** One settled payment as the ledger shows it. */
    record Settled(String reference, String payer, String payee, Amount debited, Amount credited) {}

    /** What the audit found. */
    record Result(
            int legs,
            Map<Integer, Integer> paymentsPerLeg,
            int orphans,
            int duplicates,
            List<String> mismatches,
            boolean moneyConserved,
            List<String> conservationProblems,
            int settledPayments,
            Map<String, BigInteger> debitedByAsset,
            List<String> misdirected) {}

    private LedgerAudit() {}

    /**
     * @param checkouts every checkout of the run
     * @param entries the sandbox's whole ledger after the run
     * @param before balances of the run's wallets before it (minor units by wallet URL)
     * @param after balances after it
     * @param payeesByOrder the payee wallet addresses each order named, in order
     */
    static Result audit(
            List<Checkout> checkouts,
            List<LedgerEntry> entries,
            Map<String, Amount> before,
            Map<String, Amount> after,
            Map<String, List<String>> payeesByOrder) {
        Map<String, Settled> settled = settledPayments(entries);
        Map<String, Leg> legByPayment = new LinkedHashMap<>();
        Map<String, String> payerByPayment = new LinkedHashMap<>();
        Map<String, LegAttempt> attemptByPayment = new LinkedHashMap<>();
        List<Leg> allLegs = new ArrayList<>();
        for (Checkout c : checkouts) {
            for (Leg l : c.legs()) {
                allLegs.add(l);
                if (l.outgoingPaymentId() != null) {
                    legByPayment.put(l.outgoingPaymentId(), l);
                    payerByPayment.put(l.outgoingPaymentId(), c.customer().id());
                }
                for (LegAttempt a : l.attempts()) {
                    if (a.outgoingPaymentId() != null) attemptByPayment.put(a.outgoingPaymentId(), a);
                }
            }
        }
        List<String> mismatches = new ArrayList<>();
        // An earlier attempt's payment (stopped part-way) is recorded with what it delivered, not the leg's share.
        for (Map.Entry<String, LegAttempt> e : attemptByPayment.entrySet()) {
            Settled s = settled.get(e.getKey());
            Amount delivered = e.getValue().receivedAmount();
            boolean nothing = delivered == null || delivered.isZero();
            if (s == null ? !nothing : !Objects.equals(delivered, s.credited())) {
                mismatches.add(e.getKey() + ": an earlier attempt recorded as delivering " + delivered
                        + ", the wallet credited " + (s == null ? "nothing" : s.credited()));
            }
        }
        List<String> misdirected = misdirected(checkouts, settled, payeesByOrder);
        Map<Integer, Integer> perLeg = new TreeMap<>();
        for (Leg l : allLegs) {
            Settled s = l.outgoingPaymentId() == null ? null : settled.get(l.outgoingPaymentId());
            perLeg.merge(s == null ? 0 : 1, 1, Integer::sum);
            if (s == null) {
                if (l.status() == LegStatus.COMPLETED) {
                    mismatches.add(l.key() + " " + l.outgoingPaymentId()
                            + ": completed, but the wallet settled no such payment");
                }
                continue;
            }
            if (l.status() == LegStatus.FAILED || l.status() == LegStatus.CANCELLED) {
                mismatches.add(l.key() + " " + s.reference() + ": money moved on a leg recorded as " + l.status());
            }
            if (!Objects.equals(l.debitAmount(), s.debited())) {
                mismatches.add(l.key() + " " + s.reference() + ": debited " + s.debited() + ", the quote said "
                        + l.debitAmount());
            }
            // The current attempt pays what earlier attempts left owed (the whole share when there were none).
            if (!Objects.equals(l.owed(), s.credited())) {
                mismatches.add(l.key() + " " + s.reference() + ": credited " + s.credited() + ", the leg still owed "
                        + l.owed());
            }
            if (!l.payee().id().equals(s.payee())) {
                mismatches.add(l.key() + " " + s.reference() + ": paid " + s.payee() + ", the leg's payee is "
                        + l.payee().id());
            }
        }
        int orphans = 0;
        int duplicates = 0;
        for (Settled s : settled.values()) {
            if (legByPayment.containsKey(s.reference()) || attemptByPayment.containsKey(s.reference())) {
                continue;
            }
            boolean repeatsALeg = legByPayment.entrySet().stream()
                    .anyMatch(e -> e.getValue().payee().id().equals(s.payee())
                            && payerByPayment.get(e.getKey()).equals(s.payer())
                            && Objects.equals(e.getValue().receiveAmount(), s.credited()));
            if (repeatsALeg) {
                duplicates++;
            } else {
                orphans++;
            }
        }
        List<String> conservation = conservation(entries, before, after, settled, legByPayment, attemptByPayment);
        Map<String, BigInteger> debited = new TreeMap<>();
        settled.values()
                .forEach(s -> debited.merge(s.debited().assetCode(), s.debited().value(), BigInteger::add));
        return new Result(
                allLegs.size(),
                perLeg,
                orphans,
                duplicates,
                mismatches,
                conservation.isEmpty(),
                conservation,
                settled.size(),
                debited,
                misdirected);
    }

    private static List<String> misdirected(
            List<Checkout> checkouts, Map<String, Settled> settled, Map<String, List<String>> payeesByOrder) {
        List<String> found = new ArrayList<>();
        for (Checkout c : checkouts) {
            List<String> named = payeesByOrder.getOrDefault(c.orderId(), List.of());
            for (Leg l : c.legs()) {
                Settled s = l.outgoingPaymentId() == null ? null : settled.get(l.outgoingPaymentId());
                if (s == null) continue;
                int i = l.key().payeeIndex();
                String payee = i < named.size() ? named.get(i) : "(no payee named)";
                if (!payee.equals(s.payee())) {
                    found.add(c.orderId() + " " + l.key() + ": " + s.reference() + " credited " + s.payee()
                            + ", the order's payee is " + payee);
                }
            }
        }
        return found;
    }

    /** The ledger's transfers other than funding, by reference (the outgoing payment URL). */
    static Map<String, Settled> settledPayments(List<LedgerEntry> entries) {
        Map<String, List<LedgerEntry>> byReference = new LinkedHashMap<>();
        for (LedgerEntry e : entries) {
            if (!"funding".equals(e.reference())) {
                byReference
                        .computeIfAbsent(e.reference(), k -> new ArrayList<>())
                        .add(e);
            }
        }
        Map<String, Settled> settled = new LinkedHashMap<>();
        byReference.forEach((ref, posted) -> {
            String payer = null;
            String payee = null;
            Amount debited = null;
            Amount credited = null;
            for (LedgerEntry e : posted) {
                if (e.debit().kind() == AccountId.Kind.WALLET) {
                    payer = e.debit().name();
                    debited = debited == null ? e.amount() : debited.plus(e.amount());
                }
                if (e.credit().kind() == AccountId.Kind.WALLET) {
                    payee = e.credit().name();
                    credited = credited == null ? e.amount() : credited.plus(e.amount());
                }
            }
            settled.put(ref, new Settled(ref, payer, payee, debited, credited));
        });
        return settled;
    }

    private static List<String> conservation(
            List<LedgerEntry> entries,
            Map<String, Amount> before,
            Map<String, Amount> after,
            Map<String, Settled> settled,
            Map<String, Leg> legByPayment,
            Map<String, LegAttempt> attemptByPayment) {
        List<String> problems = new ArrayList<>();
        // Each wallet moved by exactly what the ledger posted to and from it during the run.
        Map<String, BigInteger> posted = new LinkedHashMap<>();
        for (LedgerEntry e : entries) {
            if ("funding".equals(e.reference())) {
                continue;
            }
            if (e.debit().kind() == AccountId.Kind.WALLET) {
                posted.merge(e.debit().name(), e.amount().value().negate(), BigInteger::add);
            }
            if (e.credit().kind() == AccountId.Kind.WALLET) {
                posted.merge(e.credit().name(), e.amount().value(), BigInteger::add);
            }
        }
        for (Map.Entry<String, Amount> b : before.entrySet()) {
            BigInteger moved =
                    after.get(b.getKey()).value().subtract(b.getValue().value());
            BigInteger expected = posted.getOrDefault(b.getKey(), BigInteger.ZERO);
            if (!moved.equals(expected)) {
                problems.add(b.getKey() + " moved " + moved + " but the ledger posted " + expected);
            }
        }
        // Customers lost exactly the recorded legs' quoted debits; payees gained exactly the legs' amounts.
        BigInteger recordedDebits = BigInteger.ZERO;
        BigInteger ledgerDebits = BigInteger.ZERO;
        for (Settled s : settled.values()) {
            ledgerDebits = ledgerDebits.add(
                    s.debited() == null ? BigInteger.ZERO : s.debited().value());
            Leg l = legByPayment.get(s.reference());
            if (l != null && l.debitAmount() != null) {
                recordedDebits = recordedDebits.add(l.debitAmount().value());
            }
            // A stopped attempt debited what it sent (the wallet keeps no fee for an unfinished payment).
            LegAttempt a = attemptByPayment.get(s.reference());
            if (a != null && a.sentAmount() != null)
                recordedDebits = recordedDebits.add(a.sentAmount().value());
        }
        if (!recordedDebits.equals(ledgerDebits)) {
            problems.add("customers were debited " + ledgerDebits + " minor units in all; the checkouts record "
                    + recordedDebits);
        }
        return problems;
    }
}

package dev.opfunctions.sandbox.resource;

import dev.opfunctions.client.model.Amount;
import dev.opfunctions.sandbox.auth.Limits;
import dev.opfunctions.sandbox.ledger.Asset;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Rafiki's outgoing-payment grant check ({@code validateGrantAndAddSpentAmountsToPayment}): the
 * receiver must match, assets must match, the payment must fall in an interval, and the amounts
 * already spent in that interval (or in the whole grant) plus this one must stay within the limit.
 * Failed payments count only what they actually sent.
 */
final class GrantLimits {

    /**
     * The outcome; spent amounts are those before this payment, null where Rafiki does not compute them
     * (no amount limit, or no earlier payment): its create response then reports zero.
     */
    record Check(boolean allowed, Amount spentDebit, Amount spentReceive) {
        static Check allowedWithoutSpent() {
            return new Check(true, null, null);
        }
    }

    private GrantLimits() {}

    static Check check(Limits limits, Asset senderAsset, Quote quote, Instant createdAt, List<OutgoingPayment> others) {
        if (limits == null) return Check.allowedWithoutSpent();
        if (limits.receiver() != null && !limits.receiver().equals(quote.receiver)) return new Check(false, null, null);
        if (limits.debitAmount() != null && !Asset.of(limits.debitAmount()).equals(senderAsset))
            return new Check(false, null, null);
        if (limits.receiveAmount() != null && !Asset.of(limits.receiveAmount()).equals(Asset.of(quote.receiveAmount))) {
            return new Check(false, null, null);
        }
        Optional<RepeatingInterval.Window> window = Optional.empty();
        if (limits.interval() != null) {
            window = RepeatingInterval.windowContaining(limits.interval(), createdAt);
            if (window.isEmpty()) return new Check(false, null, null);
        }
        if (limits.debitAmount() == null && limits.receiveAmount() == null) return Check.allowedWithoutSpent();
        if ((limits.debitAmount() != null && limits.debitAmount().value().compareTo(quote.debitAmount.value()) < 0)
                || (limits.receiveAmount() != null
                        && limits.receiveAmount().value().compareTo(quote.receiveAmount.value()) < 0)) {
            return new Check(false, null, null);
        }
        if (others.isEmpty()) return Check.allowedWithoutSpent();
        Amount[] spent = spent(others, window, senderAsset.zero(), quote.receiveAmount.withValue(BigInteger.ZERO));
        boolean exceeds = (limits.debitAmount() != null
                        && limits.debitAmount()
                                        .value()
                                        .subtract(spent[0].value())
                                        .compareTo(quote.debitAmount.value())
                                < 0)
                || (limits.receiveAmount() != null
                        && limits.receiveAmount()
                                        .value()
                                        .subtract(spent[1].value())
                                        .compareTo(quote.receiveAmount.value())
                                < 0);
        return new Check(!exceeds, spent[0], spent[1]);
    }

    /** Spent debit and receive amounts of {@code payments} inside {@code window} (all when empty). */
    static Amount[] spent(
            List<OutgoingPayment> payments,
            Optional<RepeatingInterval.Window> window,
            Amount debitZero,
            Amount receiveZero) {
        BigInteger sent = BigInteger.ZERO;
        BigInteger received = BigInteger.ZERO;
        for (OutgoingPayment p : payments) {
            if (window.isPresent() && !window.get().contains(p.createdAt)) continue;
            if (p.failed()) {
                BigInteger actuallySent = p.sentAmount.value();
                if (actuallySent.signum() == 0) continue;
                sent = sent.add(actuallySent);
                received = received.add(
                        p.quote.receiveAmount.value().multiply(actuallySent).divide(p.quote.debitAmount.value()));
            } else {
                sent = sent.add(p.quote.debitAmount.value());
                received = received.add(p.quote.receiveAmount.value());
            }
        }
        return new Amount[] {debitZero.withValue(sent), receiveZero.withValue(received)};
    }
}

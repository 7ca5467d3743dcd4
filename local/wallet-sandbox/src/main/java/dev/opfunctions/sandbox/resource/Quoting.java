package dev.opfunctions.sandbox.resource;

import dev.opfunctions.client.model.Amount;
import dev.opfunctions.sandbox.http.ApiException;
import dev.opfunctions.sandbox.ledger.Asset;
import dev.opfunctions.sandbox.money.ExchangeRates;
import dev.opfunctions.sandbox.money.FeePolicy;
import java.math.BigInteger;

/**
 * Prices a payment from a sender's asset into a receiver's incoming payment, as Rafiki's quote service
 * prices a local payment: fixed-send (the debit is given, the fee on it and the conversion come out of
 * it), fixed-receive (the delivery is given, conversion and the fee on the converted amount are added on
 * top), or the incoming payment's remaining amount when neither is given. There is no ILP slippage: see
 * the README's behaviour table.
 */
final class Quoting {

    /** A priced payment; {@code fee} is in the sender's asset and included in {@code debit}. */
    record Priced(Amount debit, Amount receive, BigInteger fee) {}

    private final ExchangeRates rates;
    private final FeePolicy fee;

    Quoting(ExchangeRates rates, FeePolicy fee) {
        this.rates = rates;
        this.fee = fee;
    }

    Priced price(Asset sender, IncomingPayment receiver, Amount debitAmount, Amount receiveAmount) {
        Asset target = receiver.walletAddress.asset();
        Amount remaining = receiver.remaining();
        if (debitAmount != null) {
            if (!Asset.of(debitAmount).equals(sender) || debitAmount.isZero()) throw invalidAmount();
            // Rafiki's fixed-send: the fee is computed on the whole debit and taken out of it before conversion.
            BigInteger feeValue = fee.calculate(debitAmount.value());
            BigInteger net = debitAmount.value().subtract(feeValue);
            BigInteger receive = net.signum() <= 0
                    ? BigInteger.ZERO
                    : rates.convertDown(net, sender, target).orElseThrow(Quoting::noRate);
            if (receive.signum() <= 0) throw new ApiException.Resource(400, "non-positive receive amount");
            if (remaining != null && receive.compareTo(remaining.value()) > 0) throw invalidAmount();
            return new Priced(debitAmount, target.amount(receive), feeValue);
        }
        Amount wanted = receiveAmount;
        if (wanted == null) {
            if (remaining == null || remaining.isZero()) throw invalidAmount();
            wanted = remaining;
        }
        if (!Asset.of(wanted).equals(target) || wanted.isZero()) throw invalidAmount();
        if (remaining != null && wanted.compareTo(remaining) > 0) throw invalidAmount();
        // Rafiki's fixed-receive: the fee is computed on the source amount the delivery needs and added on top.
        BigInteger net = rates.sourceNeededFor(wanted.value(), sender, target).orElseThrow(Quoting::noRate);
        BigInteger feeValue = fee.calculate(net);
        return new Priced(sender.amount(net.add(feeValue)), wanted, feeValue);
    }

    private static ApiException invalidAmount() {
        return new ApiException.Resource(400, "invalid amount");
    }

    private static ApiException noRate() {
        return new ApiException.Resource(500, "could not get exchange rate");
    }
}

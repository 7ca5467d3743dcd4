package dev.opfunctions.client.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.opfunctions.client.OpenPaymentsException;

/**
 * Body of {@code POST {resourceServer}/quotes}: {@code {"walletAddress","receiver","method":"ilp", debitAmount xor receiveAmount}}.
 * Use {@link #fixedDebit}, {@link #fixedReceive}, or {@link #forIncomingAmount} when the receiver
 * fixes the amount itself.
 */
@JsonPropertyOrder({"walletAddress", "receiver", "method", "debitAmount", "receiveAmount"})
public record QuoteRequest(
        String walletAddress, String receiver, String method, Amount debitAmount, Amount receiveAmount) {

    public QuoteRequest {
        RequestChecks.url(walletAddress, "walletAddress");
        RequestChecks.receiver(receiver, "receiver");
        if (!"ilp".equals(method)) throw OpenPaymentsException.invalidRequest("method", "must be \"ilp\"");
        if (debitAmount != null && receiveAmount != null) {
            throw OpenPaymentsException.invalidRequest(
                    "debitAmount", "and receiveAmount are mutually exclusive: give one or neither");
        }
        RequestChecks.positive(debitAmount, "debitAmount");
        RequestChecks.positive(receiveAmount, "receiveAmount");
    }

    /** Fixed send: exactly {@code debitAmount} leaves the payer's wallet. */
    public static QuoteRequest fixedDebit(String walletAddress, String receiver, Amount debitAmount) {
        if (debitAmount == null) throw OpenPaymentsException.invalidRequest("debitAmount", "is required");
        return new QuoteRequest(walletAddress, receiver, "ilp", debitAmount, null);
    }

    /** Fixed receive: exactly {@code receiveAmount} arrives at the receiver. */
    public static QuoteRequest fixedReceive(String walletAddress, String receiver, Amount receiveAmount) {
        if (receiveAmount == null) throw OpenPaymentsException.invalidRequest("receiveAmount", "is required");
        return new QuoteRequest(walletAddress, receiver, "ilp", null, receiveAmount);
    }

    /** For a receiver with an {@code incomingAmount}: the remaining amount is quoted. */
    public static QuoteRequest forIncomingAmount(String walletAddress, String receiver) {
        return new QuoteRequest(walletAddress, receiver, "ilp", null, null);
    }
}

package dev.opfunctions.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.client.json.Json;
import dev.opfunctions.client.model.Amount;
import dev.opfunctions.sandbox.http.AmountJson;
import dev.opfunctions.sandbox.resource.IncomingPayment;
import dev.opfunctions.sandbox.resource.OutgoingPayment;
import java.time.Instant;

/**
 * Snapshots of payments for the operator (and for tests that reconcile the ledger to the unit), with
 * what the Open Payments API does not show: the state of an incoming payment at the sandbox clock and
 * the fee inside an outgoing payment's debit.
 */
public final class PaymentViews {

    private PaymentViews() {}

    /**
     * An incoming payment as its wallet sees it.
     *
     * @param state          {@code pending}, {@code completed} or {@code expired}
     * @param incomingAmount null when the payment has no cap
     */
    public record Incoming(
            String id,
            String walletAddress,
            String state,
            boolean completed,
            Amount incomingAmount,
            Amount receivedAmount,
            Instant expiresAt,
            Instant createdAt) {

        static Incoming of(IncomingPayment p, Instant now) {
            return new Incoming(
                    p.url(),
                    p.walletAddressUrl(),
                    p.stateAt(now),
                    p.completed(),
                    p.incomingAmount(),
                    p.receivedAmount(),
                    p.expiresAt(),
                    p.createdAt());
        }

        ObjectNode toJson() {
            ObjectNode n = Json.mapper().createObjectNode();
            n.put("id", id)
                    .put("walletAddress", walletAddress)
                    .put("state", state)
                    .put("completed", completed);
            if (incomingAmount != null) n.set("incomingAmount", AmountJson.of(incomingAmount));
            n.set("receivedAmount", AmountJson.of(receivedAmount));
            n.put("expiresAt", expiresAt.toString()).put("createdAt", createdAt.toString());
            return n;
        }
    }

    /**
     * An outgoing payment with its fee: {@code debitAmount = sentAmount + fee} once completed.
     *
     * @param state         {@code SENDING}, {@code COMPLETED} or {@code FAILED}
     * @param failureReason null unless failed
     */
    public record Outgoing(
            String id,
            String walletAddress,
            String receiver,
            OutgoingPayment.State state,
            boolean failed,
            Amount debitAmount,
            Amount sentAmount,
            Amount receiveAmount,
            Amount fee,
            String failureReason,
            Instant createdAt) {

        static Outgoing of(OutgoingPayment p) {
            return new Outgoing(
                    p.url(),
                    p.walletAddressUrl(),
                    p.receiver(),
                    p.state(),
                    p.failed(),
                    p.debitAmount(),
                    p.sentAmount(),
                    p.receiveAmount(),
                    p.fee(),
                    p.failureReason(),
                    p.createdAt());
        }

        ObjectNode toJson() {
            ObjectNode n = Json.mapper().createObjectNode();
            n.put("id", id)
                    .put("walletAddress", walletAddress)
                    .put("receiver", receiver)
                    .put("state", state.name())
                    .put("failed", failed);
            n.set("debitAmount", AmountJson.of(debitAmount));
            n.set("sentAmount", AmountJson.of(sentAmount));
            n.set("receiveAmount", AmountJson.of(receiveAmount));
            n.set("fee", AmountJson.of(fee));
            if (failureReason != null) n.put("failureReason", failureReason);
            n.put("createdAt", createdAt.toString());
            return n;
        }
    }
}

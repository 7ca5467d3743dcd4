package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.port.WalletGateway.IncomingPayment;
import dev.opfunctions.client.model.Amount;
import java.time.Instant;
import java.util.Locale;

/**
 * One of the merchant's received payments ({@code GET /history/received}) with what it means for the
 * shop, so a storefront need not know Open Payments: there, {@code completed} only says that the
 * incoming payment accepts no more money, and this client completes the ones its checkouts ended
 * without paying (so none stays pending at the payee). {@code completed} therefore never means "paid".
 *
 * @param payment the incoming payment as the merchant's wallet reports it
 * @param state   what became of it (see {@link State})
 */
public record ReceivedPayment(IncomingPayment payment, State state) {

    /** What became of an incoming payment, judged from the wallet's own fields. */
    public enum State {
        /** {@code receivedAmount} reached {@code incomingAmount}: the payee has the whole amount. */
        PAID,
        /**
         * Still accepting money and short of its amount ({@code receivedAmount} may already hold part of
         * it while a payment is moving).
         */
        OPEN,
        /**
         * Closed before its amount arrived: this client closed it because its checkout (or installment)
         * ended without paying it, as the checkout's leg records ({@code incomingClosedAt}). The listing
         * holds only incoming payments this client created, and the wallet completes one by itself only
         * when its amount has arrived, so a completed payment short of its amount was closed by a
         * {@code complete} call. A {@code receivedAmount} above zero is money that arrived before a payment
         * failed midway.
         */
        CLOSED_UNPAID,
        /** Its {@code expiresAt} passed before its amount arrived: the wallet accepts nothing more for it. */
        EXPIRED;

        /** Lower-case form used in JSON ({@code closed_unpaid}). */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Judges {@code ip} at {@code now}. */
    public static ReceivedPayment of(IncomingPayment ip, Instant now) {
        State state;
        if (paid(ip)) state = State.PAID;
        else if (ip.completed()) state = State.CLOSED_UNPAID;
        else if (ip.expiresAt() != null && !now.isBefore(ip.expiresAt())) state = State.EXPIRED;
        else state = State.OPEN;
        return new ReceivedPayment(ip, state);
    }

    /** Whether the payee has received the whole amount; true exactly when {@link #state()} is {@link State#PAID}. */
    public boolean paid() {
        return state == State.PAID;
    }

    /**
     * Paid means {@code receivedAmount} reached {@code incomingAmount}. An incoming payment without an
     * {@code incomingAmount} (never one of this client's) asks for no amount: anything received pays it.
     */
    private static boolean paid(IncomingPayment ip) {
        Amount received = ip.receivedAmount();
        if (received == null) return false;
        Amount asked = ip.incomingAmount();
        if (asked == null) return !received.isZero();
        return received.sameAsset(asked) && received.compareTo(asked) >= 0;
    }
}

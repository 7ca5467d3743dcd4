package dev.opfunctions.sandbox.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.model.Amount;
import dev.opfunctions.sandbox.wallet.WalletAddress;
import java.time.Instant;

/**
 * An outgoing payment. It shares its id with the quote it pays (as in Rafiki), which is what stops
 * a second payment from the same quote. Mutated only under the store's lock.
 */
public final class OutgoingPayment {

    /** Where the payment is: SENDING until the ledger settles it, then COMPLETED or FAILED. */
    public enum State {
        SENDING,
        COMPLETED,
        FAILED
    }

    final String id;
    final String url;
    final long sequence;
    final WalletAddress walletAddress;
    final Quote quote;
    final JsonNode metadata;
    final Instant createdAt;
    final String client;
    final String grantId;
    Amount sentAmount;
    State state = State.SENDING;
    String failureReason;

    OutgoingPayment(
            String id,
            String url,
            long sequence,
            WalletAddress walletAddress,
            Quote quote,
            JsonNode metadata,
            Instant createdAt,
            String client,
            String grantId) {
        this.id = id;
        this.url = url;
        this.sequence = sequence;
        this.walletAddress = walletAddress;
        this.quote = quote;
        this.metadata = metadata;
        this.createdAt = createdAt;
        this.client = client;
        this.grantId = grantId;
        this.sentAmount = quote.debitAmount.withValue(java.math.BigInteger.ZERO);
    }

    public String url() {
        return url;
    }

    public State state() {
        return state;
    }

    public boolean failed() {
        return state == State.FAILED;
    }

    public Amount sentAmount() {
        return sentAmount;
    }

    public String walletAddressUrl() {
        return walletAddress.url();
    }

    /** The incoming payment it pays. */
    public String receiver() {
        return quote.receiver;
    }

    /** What the sender is charged, fee included. */
    public Amount debitAmount() {
        return quote.debitAmount;
    }

    public Amount receiveAmount() {
        return quote.receiveAmount;
    }

    /** The sending provider's fee, in the sender's asset; part of {@link #debitAmount()}. */
    public Amount fee() {
        return quote.debitAmount.withValue(quote.fee);
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** Why it failed, or null. */
    public String failureReason() {
        return failureReason;
    }
}

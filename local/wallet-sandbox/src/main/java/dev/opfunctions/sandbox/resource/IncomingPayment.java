package dev.opfunctions.sandbox.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.model.Amount;
import dev.opfunctions.sandbox.wallet.WalletAddress;
import java.time.Instant;

/** An incoming payment: where a payer's money lands. Mutated only under the store's lock. */
public final class IncomingPayment {

    final String id;
    final String url;
    final long sequence;
    final WalletAddress walletAddress;
    final Amount incomingAmount;
    final Instant expiresAt;
    final JsonNode metadata;
    final Instant createdAt;
    final String client;
    final String ilpAddress;
    final String sharedSecret;
    Amount receivedAmount;
    boolean completed;

    IncomingPayment(
            String id,
            String url,
            long sequence,
            WalletAddress walletAddress,
            Amount incomingAmount,
            Instant expiresAt,
            JsonNode metadata,
            Instant createdAt,
            String client,
            String ilpAddress,
            String sharedSecret) {
        this.id = id;
        this.url = url;
        this.sequence = sequence;
        this.walletAddress = walletAddress;
        this.incomingAmount = incomingAmount;
        this.expiresAt = expiresAt;
        this.metadata = metadata;
        this.createdAt = createdAt;
        this.client = client;
        this.ilpAddress = ilpAddress;
        this.sharedSecret = sharedSecret;
        this.receivedAmount = walletAddress.asset().zero();
    }

    public String url() {
        return url;
    }

    public Amount receivedAmount() {
        return receivedAmount;
    }

    public boolean completed() {
        return completed;
    }

    /** A copy of this payment as it reads once completed, to render an answer before the change is made. */
    IncomingPayment asCompleted() {
        IncomingPayment copy = new IncomingPayment(
                id,
                url,
                sequence,
                walletAddress,
                incomingAmount,
                expiresAt,
                metadata,
                createdAt,
                client,
                ilpAddress,
                sharedSecret);
        copy.receivedAmount = receivedAmount;
        copy.completed = true;
        return copy;
    }

    public Amount incomingAmount() {
        return incomingAmount;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String walletAddressUrl() {
        return walletAddress.url();
    }

    /** Where it stands at {@code now}: completed, expired (and not completed), or pending. */
    public String stateAt(Instant now) {
        return completed ? "completed" : expiredAt(now) ? "expired" : "pending";
    }

    boolean expiredAt(Instant now) {
        return !completed && !now.isBefore(expiresAt);
    }

    /** Open for payments: not completed and not expired. */
    boolean activeAt(Instant now) {
        return !completed && !expiredAt(now);
    }

    /** What can still arrive before incomingAmount is reached, or null when there is no cap. */
    Amount remaining() {
        return incomingAmount == null
                ? null
                : incomingAmount.compareTo(receivedAmount) <= 0
                        ? incomingAmount.withValue(java.math.BigInteger.ZERO)
                        : incomingAmount.minus(receivedAmount);
    }
}

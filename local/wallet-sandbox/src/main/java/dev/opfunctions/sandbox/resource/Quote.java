package dev.opfunctions.sandbox.resource;

import dev.opfunctions.client.model.Amount;
import dev.opfunctions.sandbox.wallet.WalletAddress;
import java.math.BigInteger;
import java.time.Instant;

/**
 * A quote: the sender pays {@code debitAmount} (fee included), the receiver gets
 * {@code receiveAmount}. At most one outgoing payment can be created from it.
 */
final class Quote {

    final String id;
    final String url;
    final WalletAddress walletAddress;
    final String receiver;
    final Amount debitAmount;
    final Amount receiveAmount;
    final BigInteger fee;
    final Instant createdAt;
    final Instant expiresAt;
    final String client;
    boolean used;

    Quote(
            String id,
            String url,
            WalletAddress walletAddress,
            String receiver,
            Amount debitAmount,
            Amount receiveAmount,
            BigInteger fee,
            Instant createdAt,
            Instant expiresAt,
            String client) {
        this.id = id;
        this.url = url;
        this.walletAddress = walletAddress;
        this.receiver = receiver;
        this.debitAmount = debitAmount;
        this.receiveAmount = receiveAmount;
        this.fee = fee;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.client = client;
    }
}

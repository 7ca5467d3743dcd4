package dev.opfunctions.checkout.port;

import dev.opfunctions.checkout.model.GrantToken;
import dev.opfunctions.checkout.model.WalletAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * Shared cache of wallet address documents and non-interactive access tokens, so that a checkout
 * on a wallet server seen before skips the look-up and grant round trips. Token writes are
 * conditional on the version read, which makes rotation single-flight across containers.
 */
public interface WalletCache {

    /**
     * The document last stored for the address {@code url}, fresh or not: callers check
     * {@link CachedWallet#expiresAt()}, and compare a stale one with what the wallet says now.
     */
    Optional<CachedWallet> wallet(String url);

    /**
     * Stores the document fetched from {@code url} (the address asked for, never the document's own id),
     * fresh until {@code expiresAt}; it is kept for a while longer, for comparison.
     */
    void putWallet(String url, WalletAddress wallet, Instant expiresAt);

    Optional<CachedToken> token(String authServer, WalletGateway.AccessKind kind);

    /**
     * Stores {@code token} if the cached version is still {@code expectedVersion} (0 = none cached).
     *
     * @return false when someone else stored a newer token first
     */
    boolean putToken(String authServer, WalletGateway.AccessKind kind, GrantToken token, long expectedVersion);

    record CachedWallet(WalletAddress wallet, Instant expiresAt) {}

    record CachedToken(GrantToken token, long version) {}
}

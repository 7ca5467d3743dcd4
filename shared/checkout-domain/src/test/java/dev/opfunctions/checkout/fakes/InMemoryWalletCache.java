package dev.opfunctions.checkout.fakes;

import dev.opfunctions.checkout.model.GrantToken;
import dev.opfunctions.checkout.model.WalletAddress;
import dev.opfunctions.checkout.port.WalletCache;
import dev.opfunctions.checkout.port.WalletGateway.AccessKind;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link WalletCache} in memory with conditional token writes. */
public final class InMemoryWalletCache implements WalletCache {
    private final Map<String, CachedWallet> wallets = new ConcurrentHashMap<>();
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();

    @Override
    public Optional<CachedWallet> wallet(String url) {
        return Optional.ofNullable(wallets.get(url));
    }

    @Override
    public void putWallet(String url, WalletAddress wallet, Instant expiresAt) {
        wallets.put(url, new CachedWallet(wallet, expiresAt));
    }

    @Override
    public Optional<CachedToken> token(String authServer, AccessKind kind) {
        return Optional.ofNullable(tokens.get(kind + authServer));
    }

    @Override
    public synchronized boolean putToken(String authServer, AccessKind kind, GrantToken token, long expectedVersion) {
        CachedToken current = tokens.get(kind + authServer);
        long version = current == null ? 0 : current.version();
        if (version != expectedVersion) return false;
        tokens.put(kind + authServer, new CachedToken(token, version + 1));
        return true;
    }
}

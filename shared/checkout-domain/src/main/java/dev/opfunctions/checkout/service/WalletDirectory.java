package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.Result;
import dev.opfunctions.checkout.model.GrantToken;
import dev.opfunctions.checkout.model.WalletAddress;
import dev.opfunctions.checkout.order.UrlPolicy;
import dev.opfunctions.checkout.port.WalletCache;
import dev.opfunctions.checkout.port.WalletCache.CachedToken;
import dev.opfunctions.checkout.port.WalletCache.CachedWallet;
import dev.opfunctions.checkout.port.WalletException;
import dev.opfunctions.checkout.port.WalletGateway;
import dev.opfunctions.checkout.port.WalletGateway.AccessKind;
import dev.opfunctions.checkout.wallet.WalletUrls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Wallet address documents and non-interactive tokens, looked up once and reused: first from this
 * container's memory, then from the shared {@link WalletCache}, and only then from the wallet.
 * An expired token is rotated (not re-granted); the conditional cache write makes concurrent
 * rotations settle on one token.
 *
 * <p>A document is believed only when it is the wallet it claims to be: its {@code id} must be the
 * address it was fetched from (in local development the scheme may differ, as local Rafiki names its
 * http addresses https), and the servers it names pass the same {@link UrlPolicy} as wallet addresses.
 * Both caches are keyed by the address asked for, never by what a document says, so no wallet can
 * overwrite another's entry. The shared entry outlives its freshness ({@link WalletCache}) so that a
 * document that names other servers than last time is noticed: it is fetched once more at once, and
 * used only if both answers agree (a wallet that moved); answers that flip between servers are refused.
 */
public final class WalletDirectory {

    private final WalletGateway gateway;
    private final WalletCache cache;
    private final UrlPolicy urls;
    private final WalletUrls identity;
    private final Clock clock;
    private final Duration docTtl;
    private final Duration skew;
    private final Map<String, CachedWallet> wallets = new ConcurrentHashMap<>();
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();

    public WalletDirectory(
            WalletGateway gateway, WalletCache cache, UrlPolicy urls, Clock clock, Duration docTtl, Duration skew) {
        this.gateway = gateway;
        this.cache = cache;
        this.urls = urls;
        this.identity = new WalletUrls(urls.localDevelopment());
        this.clock = clock;
        this.docTtl = docTtl;
        this.skew = skew;
    }

    /**
     * The wallet's document, remembered at once for later calls; a missing, disallowed or lying wallet
     * is a {@link CheckoutException}.
     */
    public WalletAddress wallet(String url) {
        return lookup(url, Map.of(), this::remember);
    }

    /** Look-ups for one request that remember what they fetched only if the request succeeds ({@link Lookups#keep}). */
    public Lookups lookups() {
        return new Lookups();
    }

    /**
     * Documents fetched for one request (a checkout being started), kept out of both caches until the
     * request has succeeded: a refused request writes nothing, not even a cache entry.
     */
    public final class Lookups {
        private final Map<String, CachedWallet> fetched = new ConcurrentHashMap<>();

        private Lookups() {}

        public WalletAddress wallet(String url) {
            return lookup(url, fetched, fetched::put);
        }

        /** The request succeeded: later ones reuse what it fetched. */
        public void keep() {
            fetched.forEach(WalletDirectory.this::remember);
        }
    }

    private WalletAddress lookup(String url, Map<String, CachedWallet> pending, BiConsumer<String, CachedWallet> keep) {
        Instant now = clock.instant();
        for (CachedWallet known : new CachedWallet[] {pending.get(url), wallets.get(url)}) {
            if (known != null && now.isBefore(known.expiresAt())) return known.wallet();
        }
        Optional<CachedWallet> shared = cache.wallet(url);
        if (shared.isPresent() && now.isBefore(shared.get().expiresAt())) {
            wallets.put(url, shared.get());
            return shared.get().wallet();
        }
        WalletAddress doc = fetch(url);
        CachedWallet before = shared.orElse(wallets.get(url));
        if (before != null && !sameServers(before.wallet(), doc) && !sameServers(doc, fetch(url))) {
            throw new CheckoutException(
                    ErrorCode.WALLET_REJECTED,
                    "the wallet at " + url + " named different servers on two fetches in a row (it was "
                            + servers(before.wallet()) + "); a wallet that changes its answer is not used");
        }
        keep.accept(url, new CachedWallet(doc, now.plus(docTtl)));
        return doc;
    }

    private void remember(String url, CachedWallet entry) {
        cache.putWallet(url, entry.wallet(), entry.expiresAt());
        wallets.put(url, entry);
    }

    private WalletAddress fetch(String url) {
        WalletAddress doc;
        try {
            doc = gateway.walletAddress(url);
        } catch (WalletException e) {
            if (e.kind() == WalletException.Kind.NOT_FOUND) {
                throw new CheckoutException(ErrorCode.WALLET_ADDRESS_NOT_FOUND, "no wallet address found at " + url);
            }
            throw e;
        }
        if (!identity.sameResource(doc.id(), url)) {
            throw new CheckoutException(
                    ErrorCode.WALLET_REJECTED,
                    "the wallet at " + url + " says it is " + doc.id()
                            + "; a wallet address must name itself, so this one is not used");
        }
        for (String server : new String[] {doc.authServer(), doc.resourceServer()}) {
            if (urls.serverUrl(server, "the server " + server + " named by wallet " + url)
                    instanceof Result.Err<String> err) {
                throw new CheckoutException(err.problem());
            }
        }
        return doc;
    }

    private static boolean sameServers(WalletAddress a, WalletAddress b) {
        return a.authServer().equals(b.authServer()) && a.resourceServer().equals(b.resourceServer());
    }

    private static String servers(WalletAddress w) {
        return "authServer " + w.authServer() + ", resourceServer " + w.resourceServer();
    }

    /** A usable token for {@code kind} at {@code authServer}: cached, rotated if expired, or newly granted. */
    public GrantToken token(String authServer, AccessKind kind) {
        String key = kind + " " + authServer;
        Instant now = clock.instant();
        CachedToken hit = tokens.get(key);
        if (hit == null || hit.token().expiredAt(now, skew)) {
            hit = cache.token(authServer, kind).orElse(hit);
        }
        if (hit != null && !hit.token().expiredAt(now, skew)) {
            tokens.put(key, hit);
            return hit.token();
        }
        return hit == null ? grant(authServer, kind, 0) : rotate(authServer, kind, hit);
    }

    /** Calls a wallet with a usable token for {@code kind}; see {@link #withToken(String, AccessKind, GrantToken, Function)}. */
    public <T> T withToken(String authServer, AccessKind kind, Function<GrantToken, T> call) {
        return withToken(authServer, kind, token(authServer, kind), call);
    }

    /**
     * Calls a wallet with {@code token} and, if the wallet answers that the token is inactive (revoked
     * or expired early), once more with a {@link #refresh refreshed} one. A request refused for its
     * token created nothing, so the second call cannot double anything.
     */
    public <T> T withToken(String authServer, AccessKind kind, GrantToken token, Function<GrantToken, T> call) {
        try {
            return call.apply(token);
        } catch (WalletException e) {
            if (e.kind() != WalletException.Kind.TOKEN_INACTIVE) throw e;
            return call.apply(refresh(authServer, kind, token));
        }
    }

    /** After a wallet said {@code stale} is inactive: rotate it, unless someone already replaced it. */
    public GrantToken refresh(String authServer, AccessKind kind, GrantToken stale) {
        String key = kind + " " + authServer;
        Optional<CachedToken> shared = cache.token(authServer, kind);
        if (shared.isPresent() && !shared.get().token().value().equals(stale.value())) {
            tokens.put(key, shared.get());
            return shared.get().token();
        }
        CachedToken current = shared.orElse(new CachedToken(stale, 0));
        return rotate(authServer, kind, current);
    }

    private GrantToken rotate(String authServer, AccessKind kind, CachedToken old) {
        GrantToken fresh;
        try {
            fresh = gateway.rotateToken(old.token());
        } catch (WalletException e) {
            if (e.retryable()) throw e;
            // Someone else rotated first (the old token is revoked) or the grant is gone: use theirs or start over.
            Optional<CachedToken> now = cache.token(authServer, kind);
            if (now.isPresent() && now.get().version() != old.version()) {
                tokens.put(kind + " " + authServer, now.get());
                return now.get().token();
            }
            return grant(authServer, kind, old.version());
        }
        return store(authServer, kind, fresh, old.version());
    }

    private GrantToken grant(String authServer, AccessKind kind, long expectedVersion) {
        return store(authServer, kind, gateway.requestGrant(authServer, kind), expectedVersion);
    }

    private GrantToken store(String authServer, AccessKind kind, GrantToken token, long expectedVersion) {
        String key = kind + " " + authServer;
        if (cache.putToken(authServer, kind, token, expectedVersion)) {
            tokens.put(key, new CachedToken(token, expectedVersion + 1));
        } else {
            // Another container stored a token first; ours is valid too, so use it for this call only.
            tokens.remove(key);
        }
        return token;
    }
}

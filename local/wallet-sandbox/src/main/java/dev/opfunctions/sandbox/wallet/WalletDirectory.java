package dev.opfunctions.sandbox.wallet;

import dev.opfunctions.client.keys.Jwk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Every wallet address in the sandbox, across providers, and the client keys registered on them. */
public final class WalletDirectory {

    /** Names that would collide with the auth, resource or well-known paths. */
    private static final List<String> RESERVED = List.of("auth", "op", "admin", ".well-known", "favicon.ico");

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_~-]{0,62}");

    private final Map<String, WalletAddress> byUrl = new ConcurrentHashMap<>();
    private final Map<String, List<Jwk>> keys = new ConcurrentHashMap<>();

    public WalletAddress add(
            Provider provider, String name, dev.opfunctions.sandbox.ledger.Asset asset, String publicName) {
        if (!NAME.matcher(name).matches() || RESERVED.contains(name)) {
            throw new IllegalArgumentException(
                    "wallet address name must match " + NAME + " and not be one of " + RESERVED + ", got " + name);
        }
        WalletAddress address = new WalletAddress(provider.walletAddressUrl(name), provider, name, asset, publicName);
        if (byUrl.putIfAbsent(address.url(), address) != null) {
            throw new IllegalArgumentException("wallet address already exists: " + address.url());
        }
        keys.put(address.url(), new ArrayList<>());
        return address;
    }

    public Optional<WalletAddress> find(String url) {
        if (url == null) return Optional.empty();
        WalletAddress found = byUrl.get(url);
        if (found == null && url.endsWith("/")) found = byUrl.get(url.substring(0, url.length() - 1));
        return Optional.ofNullable(found);
    }

    public Optional<WalletAddress> find(Provider provider, String name) {
        return find(provider.walletAddressUrl(name));
    }

    public List<WalletAddress> all() {
        return byUrl.values().stream()
                .sorted(java.util.Comparator.comparing(WalletAddress::url))
                .toList();
    }

    public List<WalletAddress> of(Provider provider) {
        return all().stream()
                .filter(w -> w.provider().name().equals(provider.name()))
                .toList();
    }

    /** Adds or replaces (same kid) a client key published at the address's {@code jwks.json}. */
    public void registerKey(String walletAddressUrl, Jwk key) {
        WalletAddress address = find(walletAddressUrl)
                .orElseThrow(() -> new IllegalArgumentException("no wallet address " + walletAddressUrl));
        List<Jwk> list = keys.get(address.url());
        synchronized (list) {
            list.removeIf(k -> k.kid().equals(key.kid()));
            list.add(key);
        }
    }

    public List<Jwk> keys(String walletAddressUrl) {
        return find(walletAddressUrl)
                .map(a -> {
                    List<Jwk> list = keys.get(a.url());
                    synchronized (list) {
                        return List.copyOf(list);
                    }
                })
                .orElse(List.of());
    }

    /** Snapshot for the admin view: url → key ids. */
    public Map<String, List<String>> keyIds() {
        Map<String, List<String>> view = new LinkedHashMap<>();
        all().forEach(a ->
                view.put(a.url(), keys(a.url()).stream().map(Jwk::kid).toList()));
        return view;
    }
}

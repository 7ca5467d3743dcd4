package dev.opfunctions.checkout.wallet;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Compares URLs a wallet gave us with the server that gave them. A URL is accepted only on the origin
 * (scheme, host, port) of the server that issued it, so an answer can never send this client to a
 * third host: whatever {@code UrlPolicy} decided about that server holds for everything it returns.
 *
 * <p>In local development the scheme is ignored and only host and port are compared: local Rafiki
 * serves {@code http://host:3000/...} while naming its own URLs {@code https://host:3000/...}, and the
 * client sends https URLs as http there anyway.
 */
public final class WalletUrls {

    private final boolean localDevelopment;

    public WalletUrls(boolean localDevelopment) {
        this.localDevelopment = localDevelopment;
    }

    /** Whether {@code url} is on the same origin as {@code server}. Unparseable URLs are never the same. */
    public boolean sameOrigin(String url, String server) {
        Optional<String> a = origin(url);
        return a.isPresent() && a.equals(origin(server));
    }

    /** Whether two URLs name the same resource: same origin and same path (a trailing slash aside). */
    public boolean sameResource(String a, String b) {
        return sameOrigin(a, b) && path(a).equals(path(b));
    }

    /** {@code scheme://host:port} of an absolute http(s) URL, or just {@code host:port} in local development. */
    public Optional<String> origin(String url) {
        URI uri = parse(url);
        if (uri == null || uri.getHost() == null || uri.getRawUserInfo() != null) return Optional.empty();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) return Optional.empty();
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if (localDevelopment) return Optional.of(host + ":" + port);
        if (port == -1) port = scheme.equals("https") ? 443 : 80;
        return Optional.of(scheme + "://" + host + ":" + port);
    }

    private static String path(String url) {
        URI uri = parse(url);
        String p = uri == null || uri.getRawPath() == null ? "" : uri.getRawPath();
        String q = uri == null || uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return (p.endsWith("/") ? p.substring(0, p.length() - 1) : p) + q;
    }

    private static URI parse(String url) {
        if (url == null) return null;
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}

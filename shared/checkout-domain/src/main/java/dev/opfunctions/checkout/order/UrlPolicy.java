package dev.opfunctions.checkout.order;

import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.Result;
import dev.opfunctions.checkout.port.HostResolver;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which URLs this client will call or send customers to. Outside local development a wallet URL must
 * be https and must not resolve to a loopback, private, link-local or otherwise internal address:
 * the function would otherwise become a way into the network it runs in. The same check applies to
 * the auth and resource server URLs that wallet documents name.
 */
public final class UrlPolicy {

    private static final int MAX_URL_LENGTH = 2048;

    private final boolean localDevelopment;
    private final Set<String> allowedReturnOrigins;
    private final HostResolver resolver;

    public UrlPolicy(boolean localDevelopment, Set<String> allowedReturnOrigins, HostResolver resolver) {
        this.localDevelopment = localDevelopment;
        this.allowedReturnOrigins = allowedReturnOrigins.stream().map(UrlPolicy::stripSlash).collect(java.util.stream.Collectors.toSet());
        this.resolver = resolver;
    }

    public boolean localDevelopment() {
        return localDevelopment;
    }

    /** Normalises ({@code $host/path} becomes {@code https://host/path}) and checks a wallet address. */
    public Result<String> walletAddress(String raw, String field) {
        if (raw == null || raw.isBlank()) return Result.err(ErrorCode.MISSING_FIELD, field + " is required");
        String url = raw.startsWith("$") ? "https://" + raw.substring(1) : raw;
        Result<URI> parsed = parse(url, field, ErrorCode.INVALID_WALLET_ADDRESS);
        if (parsed instanceof Result.Err<URI> e) return Result.err(e.problem());
        URI uri = ((Result.Ok<URI>) parsed).value();
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Result.err(ErrorCode.INVALID_WALLET_ADDRESS, field + " must not have a query or fragment: " + raw);
        }
        return checkHost(uri, field).map(ok -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** Checks a server URL a wallet document names (authServer, resourceServer) before calling it. */
    public Result<String> serverUrl(String url, String what) {
        Result<URI> parsed = parse(url, what, ErrorCode.WALLET_ADDRESS_NOT_ALLOWED);
        if (parsed instanceof Result.Err<URI> e) return Result.err(e.problem());
        return checkHost(((Result.Ok<URI>) parsed).value(), what).map(ok -> url);
    }

    /** A return URL must be absolute http(s) and its origin must be on the allow-list. */
    public Result<String> returnUrl(String raw) {
        Result<URI> parsed = parse(raw, "returnUrl", ErrorCode.RETURN_URL_NOT_ALLOWED);
        if (parsed instanceof Result.Err<URI> e) return Result.err(e.problem());
        URI uri = ((Result.Ok<URI>) parsed).value();
        String origin = origin(uri);
        if (!allowedReturnOrigins.contains(origin)) {
            return Result.err(ErrorCode.RETURN_URL_NOT_ALLOWED, "returnUrl origin " + origin
                    + " is not allowed; allowed origins are set in ALLOWED_RETURN_ORIGINS");
        }
        return Result.ok(raw);
    }

    private Result<URI> parse(String raw, String field, ErrorCode code) {
        if (raw.length() > MAX_URL_LENGTH) return Result.err(code, field + " is longer than " + MAX_URL_LENGTH + " characters");
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            return Result.err(code, field + " is not a valid URL: " + raw);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean httpsOnly = !localDevelopment;
        if (!(scheme.equals("https") || (!httpsOnly && scheme.equals("http")))) {
            return Result.err(code, field + " must be an " + (httpsOnly ? "https" : "http(s)") + " URL: " + raw);
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            return Result.err(code, field + " must name a host and no user info: " + raw);
        }
        return Result.ok(uri);
    }

    private Result<Boolean> checkHost(URI uri, String field) {
        if (localDevelopment) return Result.ok(true);
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        List<InetAddress> addresses;
        try {
            // Literals are checked as they are; only names go through the resolver.
            addresses = isLiteral(host) ? List.of(InetAddress.getByName(host)) : resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Result.err(ErrorCode.WALLET_ADDRESS_NOT_FOUND, field + " host " + host + " does not resolve");
        }
        for (InetAddress a : addresses) {
            if (isInternal(a)) {
                return Result.err(ErrorCode.WALLET_ADDRESS_NOT_ALLOWED, field + " host " + host
                        + " resolves to an internal address (" + a.getHostAddress() + "); only public wallets can be used");
            }
        }
        return Result.ok(true);
    }

    private static boolean isLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    /** Loopback, private, link-local, unspecified, multicast, carrier-grade NAT and IPv6 unique-local ranges. */
    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second <= 127) || (first == 169 && second == 254)
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) || first >= 240;
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) return true; // fc00::/7 unique local
            boolean mapped = true; // ::ffff:a.b.c.d carries an IPv4 address
            for (int i = 0; i < 10; i++) mapped &= b[i] == 0;
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isInternal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private static String stripSlash(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}

package dev.opfunctions.checkout.order;

import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.Result;
import dev.opfunctions.checkout.port.HostResolver;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which URLs this client will call or send customers to. Outside local development a wallet URL must
 * be https and its host must not be, embed or resolve to a loopback, private, link-local or otherwise
 * special-purpose address ({@link SpecialAddresses}: the IANA IPv4/IPv6 special-purpose registries,
 * IPv4-mapped/-compatible, NAT64, 6to4 and Teredo forms); numeric hosts other than a dotted quad are
 * refused. The function would otherwise become a way into the network it runs in. The same check
 * applies to the auth and resource server URLs that wallet documents name.
 *
 * <p>The checks of URLs resolve a name when they run, and a name's DNS answer may change before the
 * HTTP client connects (DNS rebinding). So the client resolves through {@link #connectAddresses} too:
 * it connects only to the addresses that method checked and returned.
 */
public final class UrlPolicy {

    private static final int MAX_URL_LENGTH = 2048;

    private final boolean localDevelopment;
    private final Set<String> allowedReturnOrigins;
    private final HostResolver resolver;

    public UrlPolicy(boolean localDevelopment, Set<String> allowedReturnOrigins, HostResolver resolver) {
        this.localDevelopment = localDevelopment;
        this.allowedReturnOrigins =
                allowedReturnOrigins.stream().map(UrlPolicy::stripSlash).collect(java.util.stream.Collectors.toSet());
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
            return Result.err(
                    ErrorCode.RETURN_URL_NOT_ALLOWED,
                    "returnUrl origin " + origin
                            + " is not allowed; allowed origins are set in ALLOWED_RETURN_ORIGINS");
        }
        return Result.ok(raw);
    }

    private Result<URI> parse(String raw, String field, ErrorCode code) {
        if (raw.length() > MAX_URL_LENGTH)
            return Result.err(code, field + " is longer than " + MAX_URL_LENGTH + " characters");
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

    /**
     * The addresses the HTTP client may connect to for {@code host} (an IPv6 literal with or without
     * brackets): resolved once through this policy's {@link HostResolver} and returned only if none is
     * special-purpose, so the address connected to is the address checked. In local development every
     * name resolves unchecked (wallets run on localhost there).
     *
     * @return the addresses, or {@code WALLET_ADDRESS_NOT_FOUND} (no answer) or {@code WALLET_ADDRESS_NOT_ALLOWED}
     */
    public Result<List<InetAddress>> connectAddresses(String host) {
        if (!localDevelopment) return checkedAddresses(host, "wallet server");
        try {
            return Result.ok(resolver.resolve(unbracketed(host)));
        } catch (UnknownHostException e) {
            return Result.err(ErrorCode.WALLET_ADDRESS_NOT_FOUND, "wallet server host " + host + " does not resolve");
        }
    }

    private Result<Boolean> checkHost(URI uri, String field) {
        if (localDevelopment) return Result.ok(true);
        return checkedAddresses(uri.getHost(), field).map(addresses -> true);
    }

    private Result<List<InetAddress>> checkedAddresses(String rawHost, String field) {
        String host = unbracketed(rawHost);
        boolean ipv6Literal = host.indexOf(':') >= 0;
        if (!ipv6Literal && NumericHost.endsInNumber(host) && !NumericHost.isDottedQuad(host)) {
            // 2130706433, 0x7f.1, 0177.0.0.1, 127.1: parsers disagree on these, so none is trusted.
            return Result.err(
                    ErrorCode.WALLET_ADDRESS_NOT_ALLOWED,
                    field + " host " + host
                            + " is an IPv4 address in a non-standard form; only public wallets named in the usual way can be used");
        }
        List<InetAddress> addresses;
        if (ipv6Literal || NumericHost.isDottedQuad(host)) {
            try {
                addresses = List.of(InetAddress.getByName(host)); // a literal: parsed, never looked up
            } catch (UnknownHostException e) {
                return Result.err(
                        ErrorCode.WALLET_ADDRESS_NOT_ALLOWED,
                        field + " host " + host + " is not an IP address this service can call");
            }
        } else {
            try {
                addresses = resolver.resolve(host);
            } catch (UnknownHostException e) {
                return Result.err(ErrorCode.WALLET_ADDRESS_NOT_FOUND, field + " host " + host + " does not resolve");
            }
        }
        if (addresses.isEmpty()) {
            return Result.err(ErrorCode.WALLET_ADDRESS_NOT_FOUND, field + " host " + host + " does not resolve");
        }
        for (InetAddress a : addresses) {
            var refusal = SpecialAddresses.refusal(a);
            if (refusal.isPresent()) {
                return Result.err(
                        ErrorCode.WALLET_ADDRESS_NOT_ALLOWED,
                        field + " host " + host + " is or resolves to an internal address (" + a.getHostAddress() + ": "
                                + refusal.get() + "); only public wallets can be used");
            }
        }
        return Result.ok(addresses);
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * Whether {@code a} is in an IANA special-purpose range, multicast, or an IPv6 form that embeds such an
     * IPv4 address (see {@link SpecialAddresses}).
     */
    static boolean isInternal(InetAddress a) {
        return SpecialAddresses.refusal(a).isPresent();
    }

    private static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort =
                port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private static String stripSlash(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}

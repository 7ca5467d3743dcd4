package dev.opfunctions.client.http;

import dev.opfunctions.client.OpenPaymentsException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Checks URLs before anything is sent, naming the field that holds a bad one. */
public final class Urls {

    private Urls() {}

    /**
     * Returns {@code url} unchanged when it is an absolute {@code https} URL with a host, no user
     * info and no fragment ({@code http} too when {@code allowHttp}) that can be sent: characters that
     * must be percent-encoded on the wire (non-ASCII, spaces) are allowed here and encoded, before
     * signing, when the request is sent. Otherwise throws {@link OpenPaymentsException} of kind
     * {@code INVALID_REQUEST} naming {@code field}.
     */
    public static String require(String url, String field, boolean allowHttp) {
        String wire = WireUrl.of(url, field);
        String scheme = wire.substring(0, wire.indexOf(':'));
        if (scheme.equals("http") && !allowHttp) {
            throw OpenPaymentsException.invalidRequest(
                    field, "must be an https URL (plain http needs ClientConfig.localDevelopment), got " + url);
        }
        return url;
    }

    /** Like {@link #require} but for URLs received from servers: http and https both pass. */
    public static URI parse(String url, String field) {
        if (url == null || url.isBlank()) throw OpenPaymentsException.invalidRequest(field, "is required");
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw OpenPaymentsException.invalidRequest(field, "is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http"))
            throw OpenPaymentsException.invalidRequest(field, "must be an absolute https URL, got " + url);
        if (uri.getRawAuthority() == null
                || uri.getHost() == null
                || uri.getHost().isEmpty()) throw OpenPaymentsException.invalidRequest(field, "has no host: " + url);
        if (uri.getRawUserInfo() != null) throw OpenPaymentsException.invalidRequest(field, "must not carry user info");
        if (uri.getRawFragment() != null) throw OpenPaymentsException.invalidRequest(field, "must not have a fragment");
        return uri;
    }

    /** Whether {@code url} is an absolute http(s) URL with a host (for checking server answers). */
    public static boolean isHttpUrl(String url) {
        try {
            parse(url, "url");
            return true;
        } catch (OpenPaymentsException e) {
            return false;
        }
    }

    /** The JS client's {@code useHttp}: only the scheme changes, the rest of the string stays byte for byte. */
    static String toHttp(String url) {
        return url.regionMatches(true, 0, "https://", 0, 8) ? "http://" + url.substring(8) : url;
    }

    /**
     * Turns a payment pointer ({@code $ilp.example.com/alice}) into its wallet address URL
     * ({@code https://ilp.example.com/alice}; a bare host gets {@code /.well-known/pay}); other input is returned unchanged.
     */
    public static String fromPaymentPointer(String walletAddress) {
        if (walletAddress == null || !walletAddress.startsWith("$")) return walletAddress;
        String rest = walletAddress.substring(1);
        return rest.contains("/") ? "https://" + rest : "https://" + rest + "/.well-known/pay";
    }
}

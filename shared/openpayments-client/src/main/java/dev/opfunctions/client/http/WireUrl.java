package dev.opfunctions.client.http;

import dev.opfunctions.client.OpenPaymentsException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/**
 * A URL written exactly as it goes on the wire, so that the signed {@code @target-uri} is the one the server
 * rebuilds. Rafiki checks the signature against Koa's {@code ctx.href}: the scheme, the {@code Host} header and
 * the request-target as received. {@code java.net.http} changes a URL on its way out in three ways, which are
 * done here first, before signing:
 *
 * <ul>
 *   <li>the request-target: a path or query with non-ASCII characters is NFC-normalised and its UTF-8 bytes
 *       percent-encoded (upper-case hex, as the JDK client does); an empty path becomes {@code /}; an empty
 *       query ({@code ?} with nothing after it) is dropped;</li>
 *   <li>the {@code Host} header: the port is left out when it is the scheme's default;</li>
 *   <li>the scheme is lower case (Koa's {@code ctx.protocol}).</li>
 * </ul>
 *
 * ASCII characters that a URI may not hold unescaped (space, {@code " < > \ ^ ` { | }}, and {@code [ ]} in the
 * path) are percent-encoded too, as a browser's URL parser would, rather than refused. Existing
 * {@code %XX} escapes are kept as written (never encoded twice). Refused, with an {@code INVALID_REQUEST}
 * naming the field: control characters, a {@code %} that does not start an escape, unpaired surrogates,
 * and everything {@link Urls#parse} refuses (no host, user info, a fragment, a scheme other than http(s)).
 */
final class WireUrl {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** ASCII that java.net.URI refuses anywhere after the authority. */
    private static final String ILLEGAL_ASCII = " \"<>\\^`{|}";
    /** ASCII that java.net.URI refuses in a path but accepts in a query. */
    private static final String ILLEGAL_IN_PATH = "[]";

    private WireUrl() {}

    /** {@code url} as {@code java.net.http} sends it (idempotent: the result maps to itself). */
    static String of(String url, String field) {
        if (url == null || url.isBlank()) throw OpenPaymentsException.invalidRequest(field, "is required");
        int start = url.indexOf("://");
        int targetStart = start < 0 ? url.length() : firstOf(url, start + 3, "/?#");
        URI uri = Urls.parse(url.substring(0, targetStart) + encodeTarget(url.substring(targetStart), field), field);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || port == (scheme.equals("https") ? 443 : 80);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null || uri.getRawQuery().isEmpty() ? "" : "?" + uri.getRawQuery();
        return scheme + "://" + uri.getHost() + (defaultPort ? "" : ":" + port) + path + query;
    }

    /** Percent-encodes the path and query (the fragment, if any, is left for {@link Urls#parse} to refuse). */
    private static String encodeTarget(String target, String field) {
        String text = isAscii(target) ? target : Normalizer.normalize(target, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(text.length() + 16);
        boolean inPath = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '?' || c == '#') {
                inPath = false;
            }
            if (c < 0x20 || c == 0x7f) {
                throw OpenPaymentsException.invalidRequest(field, "must not contain control characters");
            } else if (c == '%') {
                if (i + 2 >= text.length() || !isHex(text.charAt(i + 1)) || !isHex(text.charAt(i + 2))) {
                    throw OpenPaymentsException.invalidRequest(field, "has a '%' that does not start a %XX escape");
                }
                out.append(c);
            } else if (c >= 0x80) {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) >= 0x80) end++;
                appendUtf8(out, text.substring(i, end), field);
                i = end - 1;
            } else if (ILLEGAL_ASCII.indexOf(c) >= 0 || (inPath && ILLEGAL_IN_PATH.indexOf(c) >= 0)) {
                appendEscape(out, (byte) c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void appendUtf8(StringBuilder out, String run, String field) {
        ByteBuffer bytes;
        try {
            bytes = StandardCharsets.UTF_8
                    .newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(run));
        } catch (CharacterCodingException e) {
            throw OpenPaymentsException.invalidRequest(field, "is not valid Unicode (an unpaired surrogate)");
        }
        while (bytes.hasRemaining()) appendEscape(out, bytes.get());
    }

    private static void appendEscape(StringBuilder out, byte b) {
        out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
    }

    private static int firstOf(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) return i;
        }
        return s.length();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) return false;
        }
        return true;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}

package dev.opfunctions.functions.startcheckout;

import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a request's {@code Content-Type} announces a JSON body the API reads, by parsing the media
 * type (RFC 9110 §8.3.1: {@code type "/" subtype *( OWS ";" OWS [ name "=" ( token / quoted-string ) ] )}),
 * not by prefix, so {@code application/jsonp} and {@code application/json-patch+json} are not mistaken for it.
 *
 * <p>Accepted: {@code application/json} in any letter case, with any well-formed parameters; a
 * {@code charset} parameter must say {@code utf-8} (RFC 8259 §8.1: JSON exchanged between systems is UTF-8,
 * and the parser reads the body as UTF-8, so another announced charset would be misread, not converted).
 */
public final class JsonContentType {

    private static final String TOKEN_CHARS = "!#$%&'*+-.^_`|~";

    private JsonContentType() {}

    /**
     * Why {@code header} is not an acceptable JSON media type, as a message for the caller; empty when it is.
     *
     * @param header the {@code Content-Type} value, {@code null} when the request has none
     */
    public static Optional<String> refusal(String header) {
        if (header == null || header.isBlank())
            return Optional.of("the request has no Content-Type; send the order as application/json");
        Parser p = new Parser(header);
        p.skipWhitespace();
        String type = p.token();
        if (type == null || !p.take('/'))
            return Optional.of("Content-Type " + quoted(header) + " is not a media type; send application/json");
        String subtype = p.token();
        if (subtype == null)
            return Optional.of("Content-Type " + quoted(header) + " is not a media type; send application/json");
        String mediaType = type.toLowerCase(Locale.ROOT) + "/" + subtype.toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            return Optional.of("Content-Type " + mediaType + " is not accepted; send the order as application/json");
        }
        while (true) {
            p.skipWhitespace();
            if (p.atEnd()) return Optional.empty();
            if (!p.take(';'))
                return Optional.of(
                        "Content-Type " + quoted(header) + " has text after the media type that is not a parameter");
            p.skipWhitespace();
            if (p.atEnd() || p.peek() == ';') continue; // an empty parameter is allowed by the grammar
            String name = p.token();
            if (name == null || !p.take('='))
                return Optional.of("Content-Type " + quoted(header) + " has a malformed parameter");
            String value = p.peek() == '"' ? p.quotedString() : p.token();
            if (value == null)
                return Optional.of("Content-Type " + quoted(header) + " has a malformed parameter value");
            if (name.equalsIgnoreCase("charset") && !value.equalsIgnoreCase("utf-8")) {
                return Optional.of("charset " + quoted(value)
                        + " is not accepted; JSON bodies must be UTF-8 (charset=utf-8 or no charset)");
            }
        }
    }

    private static String quoted(String s) {
        String shown = s.length() > 100 ? s.substring(0, 100) + "…" : s;
        return "\"" + shown.replaceAll("[\\p{Cntrl}\"\\\\]", "?") + "\"";
    }

    /** A cursor over the header value. */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return i >= s.length();
        }

        char peek() {
            return atEnd() ? '\0' : s.charAt(i);
        }

        boolean take(char c) {
            if (atEnd() || s.charAt(i) != c) return false;
            i++;
            return true;
        }

        void skipWhitespace() {
            while (!atEnd() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
        }

        /** One or more token characters (RFC 9110 §5.6.2), or {@code null}. */
        String token() {
            int start = i;
            while (!atEnd() && isTokenChar(s.charAt(i))) i++;
            return i > start ? s.substring(start, i) : null;
        }

        /** A quoted-string's content with its backslash escapes undone, or {@code null} when unterminated or invalid. */
        String quotedString() {
            StringBuilder out = new StringBuilder();
            i++; // opening quote
            while (!atEnd()) {
                char c = s.charAt(i++);
                if (c == '"') return out.toString();
                if (c == '\\') {
                    if (atEnd()) return null;
                    c = s.charAt(i++);
                }
                if (c < 0x20 && c != '\t' || c == 0x7f) return null;
                out.append(c);
            }
            return null;
        }

        private static boolean isTokenChar(char c) {
            return (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || TOKEN_CHARS.indexOf(c) >= 0;
        }
    }
}

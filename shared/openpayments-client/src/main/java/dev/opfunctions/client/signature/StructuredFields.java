package dev.opfunctions.client.signature;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The small part of RFC 8941 structured field syntax that signature headers need: splitting dictionaries
 * and inner lists at top level, strings and byte sequences. Hand-written instead of regular expressions
 * because it runs on every signed request.
 */
final class StructuredFields {

    private StructuredFields() {}

    /** Splits at {@code separator} outside strings, byte sequences and parentheses; trims RFC 8941 whitespace. */
    static List<String> splitTopLevel(String text, char separator) {
        List<String> parts = new ArrayList<>(4);
        int depth = 0;
        boolean inString = false;
        boolean inBytes = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (inBytes) {
                inBytes = c != ':';
            } else if (c == '"') {
                inString = true;
            } else if (c == ':' && (i == start || "=( ,;".indexOf(text.charAt(i - 1)) >= 0)) {
                // Tokens may contain ':' too; a byte sequence only starts where an item or value starts.
                inBytes = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == separator && depth == 0) {
                parts.add(trim(text, start, i));
                start = i + 1;
            }
        }
        parts.add(trim(text, start, text.length()));
        return parts;
    }

    /** The value part of an item, without its {@code ;param} suffix. */
    static String stripParameters(String item) {
        List<String> parts = splitTopLevel(item, ';');
        return parts.get(0);
    }

    /** Decodes {@code :base64:}. */
    static byte[] byteSequence(String value, String what) {
        if (value.length() < 2 || value.charAt(0) != ':' || value.charAt(value.length() - 1) != ':') {
            throw new IllegalArgumentException(what + " is not a byte sequence :base64:");
        }
        try {
            return Base64.getDecoder().decode(value.substring(1, value.length() - 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not valid base64");
        }
    }

    /** Decodes an sf-string {@code "…"} with {@code \"} and {@code \\} escapes. */
    static String string(String value, String what) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            throw new IllegalArgumentException(what + " is not a quoted string");
        }
        int end = value.length() - 1;
        boolean plain = true;
        for (int i = 1; i < end && plain; i++) {
            char c = value.charAt(i);
            plain = c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
        }
        if (plain) {
            return value.substring(1, end); // the usual case: nothing to unescape
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                if (i + 1 >= value.length() - 1) {
                    throw new IllegalArgumentException(what + " ends inside an escape");
                }
                c = value.charAt(++i);
                if (c != '"' && c != '\\') {
                    throw new IllegalArgumentException(what + " has an invalid escape");
                }
            } else if (c == '"' || c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException(what + " has a character a structured string cannot hold");
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Printable ASCII only, at most 40 characters: safe to put header text into an error message. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), 41));
        for (int i = 0; i < s.length() && i < 40; i++) {
            char c = s.charAt(i);
            out.append(c >= 0x20 && c <= 0x7e ? c : '?');
        }
        return s.length() > 40 ? out.append('…').toString() : out.toString();
    }

    private static String trim(String text, int from, int to) {
        while (from < to && (text.charAt(from) == ' ' || text.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (text.charAt(to - 1) == ' ' || text.charAt(to - 1) == '\t')) {
            to--;
        }
        return text.substring(from, to);
    }
}

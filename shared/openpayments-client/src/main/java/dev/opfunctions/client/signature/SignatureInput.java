package dev.opfunctions.client.signature;

import dev.opfunctions.client.signature.SignatureVerificationException.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code sig1} member of a {@code Signature-Input} header.
 *
 * @param components the covered component ids, in order, unquoted
 * @param keyId      the {@code keyid} parameter, or {@code null}
 * @param params     the member's text after {@code sig1=}: the {@code @signature-params} line of the base
 */
record SignatureInput(List<String> components, String keyId, String params) {

    static SignatureInput parse(String header) throws SignatureVerificationException {
        String member = member(header, HttpSignatureSigner.LABEL);
        if (member == null) {
            throw new SignatureVerificationException(
                    Reason.WRONG_LABEL,
                    "Signature-Input has no sig1 member; Open Payments servers only read the label sig1");
        }
        try {
            return parseMember(member);
        } catch (IllegalArgumentException e) {
            throw new SignatureVerificationException(
                    Reason.MALFORMED_SIGNATURE_HEADERS, "Signature-Input is malformed: " + e.getMessage());
        }
    }

    /** The raw value of dictionary member {@code label}, or {@code null}. */
    static String member(String dictionary, String label) {
        for (String member : StructuredFields.splitTopLevel(dictionary, ',')) {
            int eq = member.indexOf('=');
            if (eq > 0 && member.regionMatches(0, label, 0, eq) && eq == label.length()) {
                return member.substring(eq + 1);
            }
        }
        return null;
    }

    private static SignatureInput parseMember(String member) {
        if (member.isEmpty() || member.charAt(0) != '(') {
            throw new IllegalArgumentException("sig1 must start with a parenthesised component list");
        }
        int close = closingParen(member);
        List<String> components = new ArrayList<>(6);
        String inner = member.substring(1, close).strip();
        if (!inner.isEmpty()) {
            for (String item : StructuredFields.splitTopLevel(inner, ' ')) {
                if (item.isEmpty()) {
                    continue; // RFC 8941 allows several spaces between inner-list items
                }
                if (item.indexOf(';') >= 0) {
                    throw new IllegalArgumentException(
                            "component parameters are not supported: " + StructuredFields.printable(item));
                }
                String id = StructuredFields.string(item, "component id " + StructuredFields.printable(item));
                if (components.contains(id)) {
                    throw new IllegalArgumentException("component " + id + " is listed twice");
                }
                components.add(id);
            }
        }
        String keyId = null;
        String rest = member.substring(close + 1);
        if (!rest.isEmpty()) {
            if (rest.charAt(0) != ';') {
                throw new IllegalArgumentException("expected ';' after the component list");
            }
            List<String> params = StructuredFields.splitTopLevel(rest.substring(1), ';');
            for (String param : params) {
                int eq = param.indexOf('=');
                String name = eq < 0 ? param : param.substring(0, eq);
                if (name.equals("keyid")) {
                    if (eq < 0) {
                        throw new IllegalArgumentException("keyid has no value");
                    }
                    keyId = StructuredFields.string(param.substring(eq + 1), "keyid");
                }
            }
        }
        return new SignatureInput(List.copyOf(components), keyId, member);
    }

    private static int closingParen(String member) {
        boolean inString = false;
        for (int i = 1; i < member.length(); i++) {
            char c = member.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == ')') {
                return i;
            }
        }
        throw new IllegalArgumentException("the component list is not closed");
    }
}

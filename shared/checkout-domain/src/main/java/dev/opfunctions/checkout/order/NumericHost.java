package dev.opfunctions.checkout.order;

/**
 * Recognises host names that are really IPv4 addresses. URL parsers (WHATWG, curl, inet_aton) read a host whose
 * last label is a number, such as {@code 2130706433}, {@code 0x7f.1} or {@code 0177.0.0.1}, as an IPv4 address,
 * each in its own way, while a resolver may look it up as a name; only the plain dotted quad means the same to all.
 */
final class NumericHost {

    private NumericHost() {}

    /** Whether the last label (ignoring one trailing dot) is decimal digits or {@code 0x} hex, as WHATWG's "ends in a number". */
    static boolean endsInNumber(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = h.substring(h.lastIndexOf('.') + 1);
        if (last.isEmpty()) return false;
        if (last.chars().allMatch(c -> c >= '0' && c <= '9')) return true;
        return (last.startsWith("0x") || last.startsWith("0X"))
                && last.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    /** Exactly four decimal labels 0–255 without leading zeros, e.g. {@code 93.184.216.34}. */
    static boolean isDottedQuad(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) return false;
        for (String p : parts) {
            if (p.isEmpty()
                    || p.length() > 3
                    || (p.length() > 1 && p.charAt(0) == '0')
                    || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
            if (Integer.parseInt(p) > 255) return false;
        }
        return true;
    }
}

package dev.opfunctions.client.resource;

import dev.opfunctions.client.OpenPaymentsException;

/**
 * Which page of a list to fetch: {@code first} items after {@code cursor} (forward), or {@code last}
 * items before it (backward). Never both {@code first} and {@code last}; sizes are 1..100 (Rafiki's
 * default is 20). Cursors are opaque (resource ids in Rafiki).
 */
public record PageRequest(Integer first, Integer last, String cursor) {

    public PageRequest {
        if (first != null && last != null)
            throw OpenPaymentsException.invalidRequest("first", "and last are mutually exclusive");
        check(first, "first");
        check(last, "last");
        if (cursor != null && cursor.isEmpty())
            throw OpenPaymentsException.invalidRequest("cursor", "must not be empty");
    }

    public static PageRequest first(int n) {
        return new PageRequest(n, null, null);
    }

    public static PageRequest firstAfter(int n, String cursor) {
        return new PageRequest(n, null, cursor);
    }

    public static PageRequest lastBefore(int n, String cursor) {
        return new PageRequest(null, n, cursor);
    }

    private static void check(Integer n, String field) {
        if (n != null && (n < 1 || n > 100))
            throw OpenPaymentsException.invalidRequest(field, "must be 1..100, got " + n);
    }
}

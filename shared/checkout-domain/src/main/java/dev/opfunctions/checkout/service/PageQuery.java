package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.Result;
import java.util.regex.Pattern;

/**
 * What a history route was asked for: a page size and, after the first page, the opaque cursor the
 * previous page answered with ({@link Listing#nextCursor()}). Only the shape is checked here; what
 * the cursor says is checked by the route that reads it ({@link HistoryCursor}).
 *
 * @param limit  1 to {@link #MAX_LIMIT} items
 * @param cursor null for the first page
 */
public record PageQuery(int limit, String cursor) {

    /** Rafiki's default page size; a storefront page of rows, and one wallet page of incoming payments. */
    public static final int DEFAULT_LIMIT = 20;

    /** The most a wallet answers per page (the spec's {@code first} is 1 to 100), and one small query. */
    public static final int MAX_LIMIT = 100;

    /** Longer than any cursor this API issues (a wallet address URL and a few fields, base64url). */
    static final int MAX_CURSOR_LENGTH = 1024;

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,3}");
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");

    /** The first page of {@code limit} items. */
    public static PageQuery first(int limit) {
        return new PageQuery(limit, null);
    }

    /** The page after {@code cursor}. */
    public PageQuery after(String next) {
        return new PageQuery(limit, next);
    }

    /**
     * Reads the query parameters {@code limit} and {@code cursor} (either may be absent) as a request
     * sends them; a value that cannot be one is {@link ErrorCode#INVALID_FIELD} naming the parameter.
     */
    public static Result<PageQuery> parse(String limit, String cursor) {
        int size = DEFAULT_LIMIT;
        if (limit != null) {
            if (!DIGITS.matcher(limit).matches() || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > MAX_LIMIT)
                return Result.err(
                        ErrorCode.INVALID_FIELD,
                        "query parameter limit must be a whole number from 1 to " + MAX_LIMIT + " (default "
                                + DEFAULT_LIMIT + ")");
            size = Integer.parseInt(limit);
        }
        if (cursor != null
                && (cursor.length() > MAX_CURSOR_LENGTH
                        || !BASE64URL.matcher(cursor).matches()))
            return Result.err(ErrorCode.INVALID_FIELD, HistoryCursor.NOT_OURS);
        return Result.ok(new PageQuery(size, cursor));
    }
}

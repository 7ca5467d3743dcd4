package dev.opfunctions.checkout;

/**
 * Stable error codes of the checkout API. Storefronts may branch on them; they are never renamed.
 * The HTTP status for each is decided in one place at the edge.
 */
public enum ErrorCode {
    /** The body exceeds the size limit. */
    BODY_TOO_LARGE,
    /** The body is not a JSON object (syntax error, duplicate key, wrong top-level type). */
    MALFORMED_JSON,
    /** The body has a field the API does not know (often a typo). */
    UNKNOWN_FIELD,
    /** A required field is absent. */
    MISSING_FIELD,
    /** A field has the wrong type, length or format. */
    INVALID_FIELD,
    /** An amount is not a positive whole number of minor units that fits in 64 bits. */
    INVALID_AMOUNT,
    /** The order's asset differs from a payee wallet's, or a quote came back in another asset. */
    ASSET_MISMATCH,
    /** A wallet address is not a valid https URL (or payment pointer). */
    INVALID_WALLET_ADDRESS,
    /** A wallet address (or a server it names) resolves to a private, loopback or otherwise internal network. */
    WALLET_ADDRESS_NOT_ALLOWED,
    /** No wallet answers at that address. */
    WALLET_ADDRESS_NOT_FOUND,
    /** The return URL's origin is not in the configured allow-list. */
    RETURN_URL_NOT_ALLOWED,
    /** The payee shares cannot split the amount (a payee would get nothing, duplicates, too many payees). */
    INVALID_SPLIT,
    /** The order id already has a checkout created from a different body. */
    ORDER_CONFLICT,
    /** The installment terms are unusable (count, period, or an amount too small to split). */
    INVALID_PLAN,
    /**
     * The installment plan makes more payments in total (installments × payees) than one checkout can hold
     * ({@code CheckoutRequestParser.MAX_PLAN_PAYMENTS}).
     */
    PLAN_TOO_LARGE,
    /** No checkout with that id. */
    CHECKOUT_NOT_FOUND,
    /** The checkout is past the point where it can be cancelled. */
    CHECKOUT_NOT_CANCELLABLE,
    /** A wallet server did not answer or answered with a server error; retrying later may work. */
    WALLET_UNAVAILABLE,
    /** A wallet server refused a request this client made (grant, incoming payment, quote). */
    WALLET_REJECTED,
    /** The request's content type is not JSON. */
    UNSUPPORTED_MEDIA_TYPE,
    /** No such route. */
    ROUTE_NOT_FOUND,
    /** A finish callback whose hash is missing, wrong, or made for another grant. */
    INVALID_CALLBACK,
    /** A finish callback for a checkout that is no longer waiting for consent (already used, expired, cancelled). */
    CALLBACK_NOT_EXPECTED,
    /** The checkout has no storefront event with that sequence (or it is older than the delivery rows are kept). */
    EVENT_NOT_FOUND,
    /** The event's delivery row changed under the request repeatedly (an attempt in progress); try again shortly. */
    EVENT_BUSY,
    /** Webhooks are not configured, so there is nothing to redeliver to. */
    WEBHOOKS_DISABLED,
    /** Something unexpected on our side; the message says nothing more. */
    INTERNAL_ERROR
}

package dev.opfunctions.checkout;

/**
 * Why a checkout, a leg or an installment attempt failed, or why an unfinished checkout needs
 * attention: the {@code failure.code}, {@code reason.code} and {@code lastFailure.code} the storefront
 * reads on {@code GET /checkouts/{id}}. Stored by name, so names never change.
 * ({@link ErrorCode} is the other vocabulary: why an API request was refused.)
 */
public enum FailureCode {
    /** The storefront cancelled the checkout or plan. */
    CANCELLED,
    /** The approved grant could not be redeemed and consent was asked again (a reason, not a failure). */
    CONSENT_NOT_REDEEMED,
    /** The approved grant could not be redeemed, and asking again was refused or done too often. */
    CONSENT_NOT_REDEEMABLE,
    /**
     * The grant was revoked at the customer's wallet: nothing more can be charged (a plan), or the
     * payments in flight delivered nothing to the payees (a one-time checkout).
     */
    GRANT_REVOKED,
    /** The current installment failed its quick retries; slower retries follow until its interval ends (a reason). */
    INSTALLMENT_PAST_DUE,
    /** An installment's grant interval ended without a payment: the plan fails. */
    INSTALLMENT_UNCOLLECTED,
    /** A payee or the customer's wallet quoted or holds another asset than the order needs. */
    ASSET_MISMATCH,
    /** A wallet address the installment needs could not be found any more. */
    WALLET_ADDRESS_NOT_FOUND,
    /** The customer's wallet marked an outgoing payment failed. */
    PAYMENT_FAILED,
    /** The customer's wallet refused to create an outgoing payment. */
    PAYMENT_REFUSED,
    /**
     * Payments exist (or may) but could not be confirmed yet: money may be moving (a reason). Still the
     * reason once the bounded re-checks are spent and the checkout needs review.
     */
    PAYMENT_UNCONFIRMED,
    /**
     * The customer's wallet answers 404 for an outgoing payment this client recorded: it may have moved
     * money and forgotten it (a reset sandbox, a lost database). The checkout needs review (a reason).
     */
    PAYMENT_NOT_FOUND,
    /**
     * A payee's wallet answers 404 for an incoming payment this client created and did not close, while
     * money was sent to it. The checkout needs review (a reason).
     */
    INCOMING_PAYMENT_NOT_FOUND,
    /** A quote expired before consent and the new one costs more than the customer agreed to. */
    PRICE_CHANGED,
    /** An installment's new quote costs more than the plan's per-interval limit (fees or the exchange rate moved). */
    RATE_MOVED,
    /** A wallet refused a request while an installment was prepared. */
    WALLET_REJECTED,
    /** A wallet did not answer in all the attempts before any payment was created. */
    WALLET_UNAVAILABLE;

    /** The failure code for a refusal met while preparing an installment. */
    public static FailureCode of(ErrorCode refusal) {
        return switch (refusal) {
            case ASSET_MISMATCH -> ASSET_MISMATCH;
            case WALLET_ADDRESS_NOT_FOUND -> WALLET_ADDRESS_NOT_FOUND;
            case WALLET_UNAVAILABLE -> WALLET_UNAVAILABLE;
            default -> WALLET_REJECTED;
        };
    }
}

package dev.opfunctions.local.chaos;

/** The kinds of checkout a chaos run drives, in rotation. */
enum CheckoutKind {
    /** One payee, the customer's own currency. */
    ONE_TIME,
    /** Two payees (merchant and marketplace), one grant, one payment each. */
    SPLIT,
    /** A USD customer paying an MXN merchant. */
    CROSS_CURRENCY,
    /** Two installments a minute apart, the first at consent. */
    INSTALLMENTS,
    /** Cancelled by the shop before consent. */
    CANCELLED,
    /** The customer denies consent. */
    REJECTED,
    /** A hostile shopper: the customer wallet lies ({@link HostileCustomers}); the POST must be refused. */
    HOSTILE
}

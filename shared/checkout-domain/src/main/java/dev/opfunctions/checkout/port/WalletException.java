package dev.opfunctions.checkout.port;

/**
 * A wallet call that did not succeed. {@link Kind} is what the services decide on; the HTTP status
 * and the wallet's description are for the record. Messages never contain tokens.
 */
public final class WalletException extends RuntimeException {

    /** What a failure means for the caller. */
    public enum Kind {
        /** 5xx, 408, 429, timeout or connection failure: may succeed later; for a create the outcome is unknown. */
        UNAVAILABLE,
        /** The access token is expired, revoked or unknown (401, or Rafiki's 403 "Inactive Token"). */
        TOKEN_INACTIVE,
        /** The AS wants us to wait longer before continuing ({@code too_fast}). */
        TOO_FAST,
        /** The resource or wallet address does not exist (404). */
        NOT_FOUND,
        /** Any other refusal (4xx): definitive, retrying the same request will not help. */
        REJECTED
    }

    private final Kind kind;
    private final int status;
    private final String url;

    public WalletException(Kind kind, int status, String url, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.url = url;
    }

    public WalletException(Kind kind, int status, String url, String message) {
        this(kind, status, url, message, null);
    }

    public Kind kind() { return kind; }

    /** HTTP status, or 0 when no response arrived. */
    public int status() { return status; }

    public String url() { return url; }

    public boolean retryable() {
        return kind == Kind.UNAVAILABLE || kind == Kind.TOO_FAST;
    }
}

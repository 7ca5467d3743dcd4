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
    private final boolean outOfTime;

    public WalletException(Kind kind, int status, String url, String message, Throwable cause) {
        this(kind, status, url, message, cause, false);
    }

    private WalletException(Kind kind, int status, String url, String message, Throwable cause, boolean outOfTime) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.url = url;
        this.outOfTime = outOfTime;
    }

    /**
     * The caller's time budget ran out before the wallet answered (or before the call could be made):
     * {@link Kind#UNAVAILABLE} for every decision about the call itself (a create's outcome is unknown),
     * but no evidence that the wallet is down, so never a reason to record a failure.
     */
    public static WalletException outOfTime(String url, String message, Throwable cause) {
        return new WalletException(Kind.UNAVAILABLE, 0, url, message, cause, true);
    }

    public WalletException(Kind kind, int status, String url, String message) {
        this(kind, status, url, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }

    /** The answer in words for messages: "no answer" when none arrived, else "HTTP 503" and the like. */
    public String answer() {
        return status == 0 ? "no answer" : "HTTP " + status;
    }

    public String url() {
        return url;
    }

    /** Whether this call ran out of the caller's time rather than being failed by the wallet (see {@link #outOfTime}). */
    public boolean outOfTime() {
        return outOfTime;
    }

    /**
     * Whether the wallet certainly did not act on the request, so that a create may be tried again at
     * once: it refused it (a 4xx) or said it did not process it (408, 429, {@code too_fast}). No answer,
     * a 5xx (from the wallet or a gateway in front of it) or a garbled 2xx may mean the resource exists.
     */
    public boolean certainlyNotActed() {
        if (status == 0 || outOfTime || (status >= 200 && status < 300) || status >= 500) return false;
        return kind != Kind.UNAVAILABLE || status == 408 || status == 429;
    }

    public boolean retryable() {
        return kind == Kind.UNAVAILABLE || kind == Kind.TOO_FAST;
    }
}

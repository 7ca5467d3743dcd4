package dev.opfunctions.client;

import java.util.Locale;

/**
 * The one exception the Open Payments client throws: a refused input, a transport failure, an
 * error status from a server, or a server answer that breaks the spec.
 *
 * <p>Carries the HTTP status (0 when none was received), the server's error {@code code} and
 * {@code description} (the AS sends {@code {"error":{"code":"too_fast",...}}}, Rafiki's RS the same
 * shape with the status as the code, e.g. {@code "403"}: key decisions on {@link #status()}), the
 * method and URL of the request, and the offending field for invalid requests and responses.
 * Messages never contain access tokens, continue tokens, keys or signatures.
 */
public final class OpenPaymentsException extends RuntimeException {

    /** What went wrong, broadly. */
    public enum Kind {
        /** The input was refused before anything was sent. */
        INVALID_REQUEST,
        /** Connection refused, reset, TLS failure, or an I/O error mid-exchange. */
        CONNECTION,
        /** The connect or request timeout elapsed. */
        TIMEOUT,
        /** The server answered with a non-2xx status. */
        HTTP,
        /** The server answered 2xx with a body that breaks the spec or the protocol's rules. */
        INVALID_RESPONSE,
        /** The calling thread was interrupted while waiting. */
        INTERRUPTED,
        /**
         * The caller's {@link dev.opfunctions.client.Deadline} ran out: either too little was left to
         * send the request at all (nothing was sent), or no answer came in the time that was left (as
         * with {@link #TIMEOUT}, a POST's outcome is then unknown). Says nothing about the server's health.
         */
        DEADLINE,
        /**
         * The server's answer (its body or its headers) was larger than the client reads
         * ({@link dev.opfunctions.client.http.ClientConfig#maxResponseBytes()}): reading stopped at the limit and
         * the connection was closed. The request itself did reach the server. Not a passing failure: the same
         * request would get the same answer.
         */
        RESPONSE_TOO_LARGE
    }

    private final Kind kind;
    private final int status;
    private final String errorCode;
    private final String errorDescription;
    private final String method;
    private final String requestUrl;
    private final String field;
    private final boolean idempotent;

    private OpenPaymentsException(Builder b, Throwable cause) {
        super(message(b), cause);
        this.kind = b.kind;
        this.status = b.status;
        this.errorCode = b.errorCode;
        this.errorDescription = b.errorDescription;
        this.method = b.method;
        this.requestUrl = b.url;
        this.field = b.field;
        this.idempotent = b.method != null && isIdempotent(b.method);
    }

    /** A refused input, naming the field (e.g. {@code incomingAmount.assetCode}). Nothing was sent. */
    public static OpenPaymentsException invalidRequest(String field, String problem) {
        return new Builder(Kind.INVALID_REQUEST)
                .field(field)
                .description(problem)
                .build(null);
    }

    /** A 2xx answer that breaks the spec; {@code field} is a JSON path like {@code $.receivedAmount}. */
    public static OpenPaymentsException invalidResponse(
            String method, String url, int status, String field, String problem) {
        return new Builder(Kind.INVALID_RESPONSE)
                .request(method, url)
                .status(status)
                .field(field)
                .description(problem)
                .build(null);
    }

    public static OpenPaymentsException transport(
            Kind kind, String method, String url, String problem, Throwable cause) {
        return new Builder(kind).request(method, url).description(problem).build(cause);
    }

    public static OpenPaymentsException http(String method, String url, int status, String code, String description) {
        return new Builder(Kind.HTTP)
                .request(method, url)
                .status(status)
                .code(code)
                .description(description)
                .build(null);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status received, or 0 when no response arrived. */
    public int status() {
        return status;
    }

    /** The server's {@code error.code} (GNAP code or the status as a string), or {@code null}. */
    public String errorCode() {
        return errorCode;
    }

    /** The server's {@code error.description}, or this client's explanation for local failures. */
    public String errorDescription() {
        return errorDescription;
    }

    /** The HTTP method, or {@code null} for input refused before a request was formed. */
    public String method() {
        return method;
    }

    /** The URL as sent on the wire, or {@code null} for input refused before a request was formed. */
    public String requestUrl() {
        return requestUrl;
    }

    /** The offending field for {@link Kind#INVALID_REQUEST} and {@link Kind#INVALID_RESPONSE}, else {@code null}. */
    public String field() {
        return field;
    }

    /**
     * Whether the failure is of a passing kind (connection error, timeout, 408, 429, 5xx),
     * regardless of whether the request may be repeated.
     */
    public boolean transientFailure() {
        return switch (kind) {
            case CONNECTION, TIMEOUT, DEADLINE -> true;
            case HTTP -> status == 408 || status == 429 || status >= 500;
            case INVALID_REQUEST, INVALID_RESPONSE, INTERRUPTED, RESPONSE_TOO_LARGE -> false;
        };
    }

    /**
     * Whether sending the same request again is safe: a {@link #transientFailure()} of an idempotent
     * request (GET, DELETE). A failed POST is never retryable: it may have created the resource, so
     * reconcile by reading back instead.
     */
    public boolean retryable() {
        return idempotent && transientFailure();
    }

    static boolean isIdempotent(String method) {
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD", "DELETE", "PUT", "OPTIONS" -> true;
            default -> false;
        };
    }

    private static String message(Builder b) {
        StringBuilder sb = new StringBuilder();
        if (b.method != null) sb.append(b.method).append(' ').append(b.url).append(": ");
        switch (b.kind) {
            case HTTP -> sb.append("HTTP ").append(b.status);
            case INVALID_REQUEST -> sb.append("invalid request");
            case INVALID_RESPONSE ->
                sb.append("invalid response (HTTP ").append(b.status).append(')');
            case RESPONSE_TOO_LARGE -> sb.append("response too large");
            default -> sb.append(b.kind.name().toLowerCase(Locale.ROOT));
        }
        if (b.errorCode != null) sb.append(" [").append(b.errorCode).append(']');
        if (b.field != null) sb.append(' ').append(b.field);
        if (b.errorDescription != null) sb.append(": ").append(b.errorDescription);
        return sb.toString();
    }

    private static final class Builder {
        private final Kind kind;
        private int status;
        private String errorCode;
        private String errorDescription;
        private String method;
        private String url;
        private String field;

        Builder(Kind kind) {
            this.kind = kind;
        }

        Builder request(String m, String u) {
            this.method = m;
            this.url = u;
            return this;
        }

        Builder status(int s) {
            this.status = s;
            return this;
        }

        Builder code(String c) {
            this.errorCode = c;
            return this;
        }

        Builder description(String d) {
            this.errorDescription = d;
            return this;
        }

        Builder field(String f) {
            this.field = f;
            return this;
        }

        OpenPaymentsException build(Throwable cause) {
            return new OpenPaymentsException(this, cause);
        }
    }
}

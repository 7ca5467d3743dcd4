package dev.opfunctions.client.signature;

/**
 * A request whose HTTP message signature does not verify. {@link #reason()} is stable for programs
 * (mapping to a GNAP error, metrics); the message says what to fix and never contains tokens or keys.
 */
public final class SignatureVerificationException extends Exception {

    /** Why verification failed; one value per check so that callers and tests can tell them apart. */
    public enum Reason {
        /** No {@code Signature} or {@code Signature-Input} header. */
        MISSING_SIGNATURE_HEADERS,
        /** The headers have no {@code sig1} member: Open Payments servers only read that label. */
        WRONG_LABEL,
        /** {@code Signature-Input} or {@code Signature} is not the RFC 8941 syntax expected. */
        MALFORMED_SIGNATURE_HEADERS,
        /** A component id has upper-case letters. */
        UPPERCASE_COMPONENT,
        /** A derived component other than {@code @method} and {@code @target-uri}, or a component parameter. */
        UNSUPPORTED_COMPONENT,
        /** {@code @method} or {@code @target-uri} is not covered. */
        MISSING_REQUIRED_COMPONENT,
        /** The request has an {@code Authorization} header that the signature does not cover. */
        AUTHORIZATION_NOT_COVERED,
        /** The request has a body that the signature does not cover through {@code content-digest}. */
        BODY_NOT_COVERED,
        /** A covered header is absent from the request. */
        MISSING_COVERED_HEADER,
        /** {@code content-digest} is covered but Content-Digest, Content-Length or Content-Type is missing. */
        MISSING_CONTENT_HEADERS,
        /** {@code content-digest} is covered but the body is empty. */
        MISSING_BODY,
        /** Content-Digest is malformed or uses an algorithm other than sha-256 and sha-512. */
        INVALID_DIGEST_HEADER,
        /** Content-Digest does not match the body. */
        DIGEST_MISMATCH,
        /** {@code Signature-Input} has no {@code keyid}. */
        MISSING_KEYID,
        /** No key with that {@code keyid} is known for the client. */
        UNKNOWN_KEY,
        /** The resolved JWK is not a usable Ed25519 key. */
        INVALID_KEY,
        /** The signature does not verify with the key: wrong key, or anything covered was changed. */
        BAD_SIGNATURE
    }

    private final Reason reason;

    public SignatureVerificationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** The failed check. */
    public Reason reason() {
        return reason;
    }
}

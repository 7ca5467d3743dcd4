package dev.opfunctions.sandbox.http;

import dev.opfunctions.client.keys.Jwk;
import java.util.Optional;

/**
 * Checks HTTP message signatures the way the reference server does (RFC 9421 as profiled by Open
 * Payments): label {@code sig1}, body digest against {@code JSON.stringify} of the parsed body.
 */
public interface SignatureVerification {

    /** The {@code keyid} parameter of {@code Signature-Input}, if the header has one. */
    Optional<String> keyId(HttpCall call);

    /**
     * Whether the signature headers are present and cover what they must ({@code @method},
     * {@code @target-uri}, {@code authorization} when sent, the content headers when there is a body).
     */
    boolean headersValid(HttpCall call);

    /** Whether the signature verifies with {@code key}. Never throws for a bad request. */
    boolean verify(HttpCall call, Jwk key);
}

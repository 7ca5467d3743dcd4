package dev.opfunctions.sandbox.http;

import dev.opfunctions.client.json.Json;
import dev.opfunctions.client.keys.Jwk;
import dev.opfunctions.client.signature.ContentDigest;
import dev.opfunctions.client.signature.SignatureVerificationException;
import dev.opfunctions.client.signature.SignatureVerificationException.Reason;
import dev.opfunctions.client.signature.SignatureVerifier;
import dev.opfunctions.client.signature.VerifiableRequest;
import dev.opfunctions.sandbox.SandboxConfig.BodyDigest;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link SignatureVerification} with the client library's {@link SignatureVerifier}: the same code
 * that checks our own requests against the reference format checks every request the sandbox gets.
 * The target URI is the one the sandbox received (Host header, raw path and query).
 *
 * <p>The body the signature is checked over depends on the {@link BodyDigest} rule. Under
 * {@link BodyDigest#JSON_STRINGIFY} it is what Rafiki's middleware hands to {@code validateSignature}:
 * {@code JSON.stringify(ctx.request.body)}, i.e. the parsed body written again the JS way, so a digest
 * over pretty-printed or differently escaped bytes fails even when it matches what was sent. Under
 * {@link BodyDigest#RAW_BYTES} the digest must match the bytes on the wire and nothing else.
 */
public final class LibrarySignatureVerification implements SignatureVerification {

    /** Failures Rafiki's {@code validateSignatureHeaders} catches before any key is looked up. */
    private static final Set<Reason> HEADER_PROBLEMS = EnumSet.of(
            Reason.MISSING_SIGNATURE_HEADERS,
            Reason.WRONG_LABEL,
            Reason.MALFORMED_SIGNATURE_HEADERS,
            Reason.UPPERCASE_COMPONENT,
            Reason.UNSUPPORTED_COMPONENT,
            Reason.MISSING_REQUIRED_COMPONENT,
            Reason.AUTHORIZATION_NOT_COVERED,
            Reason.BODY_NOT_COVERED,
            Reason.MISSING_COVERED_HEADER,
            Reason.MISSING_CONTENT_HEADERS);

    // Rafiki's getKeyId reads keyid straight from the sig1 member of Signature-Input.
    private static final Pattern KEY_ID = Pattern.compile("sig1=.*?;\\s*keyid=\"([^\"]*)\"");

    private final BodyDigest digestRule;

    public LibrarySignatureVerification(BodyDigest digestRule) {
        this.digestRule = digestRule;
    }

    @Override
    public Optional<String> keyId(HttpCall call) {
        return call.header("signature-input")
                .map(KEY_ID::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .filter(k -> !k.isEmpty());
    }

    @Override
    public boolean headersValid(HttpCall call) {
        try {
            SignatureVerifier.verify(request(call), keyId -> Optional.empty());
            return true;
        } catch (SignatureVerificationException e) {
            return !HEADER_PROBLEMS.contains(e.reason());
        }
    }

    @Override
    public boolean verify(HttpCall call, Jwk key) {
        if (digestRule == BodyDigest.RAW_BYTES && call.hasBody() && !rawDigestMatches(call)) return false;
        try {
            SignatureVerifier.verify(
                    request(call), keyId -> keyId.equals(key.kid()) ? Optional.of(key) : Optional.empty());
            return true;
        } catch (SignatureVerificationException e) {
            return false;
        }
    }

    private static boolean rawDigestMatches(HttpCall call) {
        Optional<String> digest = call.header("content-digest");
        if (digest.isEmpty()) return true; // the verifier reports the missing header itself
        try {
            return ContentDigest.verify(digest.get(), call.body());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private VerifiableRequest request(HttpCall call) {
        return new VerifiableRequest(
                call.method(), call.targetUri(), call.flatHeaders(), call.hasBody() ? body(call) : null);
    }

    /** The bytes the digest is checked against: Rafiki's re-serialised body, or the raw bytes. */
    private byte[] body(HttpCall call) {
        if (digestRule == BodyDigest.RAW_BYTES) return call.body();
        try {
            return Json.reserialise(call.body());
        } catch (IllegalArgumentException e) {
            // Not JSON: Rafiki's body parser refuses it before any signature check; the route answers 400.
            return call.body();
        }
    }
}

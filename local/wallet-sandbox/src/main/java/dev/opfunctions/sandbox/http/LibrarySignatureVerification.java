package dev.opfunctions.sandbox.http;

import dev.opfunctions.client.keys.Jwk;
import dev.opfunctions.client.signature.SignatureVerificationException;
import dev.opfunctions.client.signature.SignatureVerificationException.Reason;
import dev.opfunctions.client.signature.SignatureVerifier;
import dev.opfunctions.client.signature.VerifiableRequest;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link SignatureVerification} with the client library's {@link SignatureVerifier}: the same code
 * that checks our own requests against the reference format checks every request the sandbox gets.
 * The target URI is the one the sandbox received (Host header, raw path and query), and the body
 * digest is checked against the bytes and against {@code JSON.stringify} of the parsed body, as
 * Rafiki does.
 */
public final class LibrarySignatureVerification implements SignatureVerification {

    /** Failures Rafiki's {@code validateSignatureHeaders} catches before any key is looked up. */
    private static final Set<Reason> HEADER_PROBLEMS = EnumSet.of(Reason.MISSING_SIGNATURE_HEADERS, Reason.WRONG_LABEL,
            Reason.MALFORMED_SIGNATURE_HEADERS, Reason.UPPERCASE_COMPONENT, Reason.UNSUPPORTED_COMPONENT,
            Reason.MISSING_REQUIRED_COMPONENT, Reason.AUTHORIZATION_NOT_COVERED, Reason.BODY_NOT_COVERED,
            Reason.MISSING_COVERED_HEADER, Reason.MISSING_CONTENT_HEADERS);

    // Rafiki's getKeyId reads keyid straight from the sig1 member of Signature-Input.
    private static final Pattern KEY_ID = Pattern.compile("sig1=.*?;\\s*keyid=\"([^\"]*)\"");

    @Override
    public Optional<String> keyId(HttpCall call) {
        return call.header("signature-input").map(KEY_ID::matcher).filter(Matcher::find).map(m -> m.group(1))
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
        try {
            SignatureVerifier.verify(request(call), keyId -> keyId.equals(key.kid()) ? Optional.of(key) : Optional.empty());
            return true;
        } catch (SignatureVerificationException e) {
            return false;
        }
    }

    private static VerifiableRequest request(HttpCall call) {
        return new VerifiableRequest(call.method(), call.targetUri(), call.flatHeaders(), call.hasBody() ? call.body() : null);
    }
}

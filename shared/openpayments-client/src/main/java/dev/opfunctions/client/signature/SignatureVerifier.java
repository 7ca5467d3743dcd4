package dev.opfunctions.client.signature;

import dev.opfunctions.client.json.Json;
import dev.opfunctions.client.keys.Jwk;
import dev.opfunctions.client.signature.SignatureVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Verifies Open Payments HTTP message signatures the way Rafiki does (protocol notes §1.5), with
 * messages that say what to fix. Checks, in order: {@code sig1} present; component ids lower case;
 * {@code @method} and {@code @target-uri} covered; {@code authorization} covered when the header is
 * present; a body covered through {@code content-digest} (the spec's MUST; Rafiki does not insist);
 * when {@code content-digest} is covered, Content-Digest, Content-Length and Content-Type present, a
 * body, and a digest that matches either the raw bytes or the body re-serialised as
 * {@code JSON.stringify} would (Rafiki only tries the latter); {@code keyid} resolves; Ed25519 verifies.
 *
 * <p>Like Rafiki it does not look at {@code created} or {@code expires}: there is no replay window.
 */
public final class SignatureVerifier {

    // Decoding a public key point costs a square root; servers see the same few client keys again and again.
    private static final int KEY_CACHE_LIMIT = 1024;
    private static final Map<String, Ed25519PublicKeyParameters> KEYS = new ConcurrentHashMap<>();

    private SignatureVerifier() {}

    /**
     * Verifies {@code request}'s {@code sig1} signature.
     *
     * @return the {@code keyid} that signed it
     * @throws SignatureVerificationException naming the first failed check
     */
    public static String verify(VerifiableRequest request, KeyResolver keys) throws SignatureVerificationException {
        String signatureInput = request.header("signature-input");
        String signature = request.header("signature");
        if (signatureInput == null || signature == null) {
            throw fail(
                    Reason.MISSING_SIGNATURE_HEADERS,
                    "the request has no " + (signatureInput == null ? "Signature-Input" : "Signature")
                            + " header; sign it (RFC 9421, label sig1)");
        }
        SignatureInput input = SignatureInput.parse(signatureInput);
        checkComponents(input, request);
        if (input.components().contains("content-digest")) {
            checkDigest(request);
        }
        for (String id : input.components()) {
            if (!id.startsWith("@") && request.header(id) == null) {
                throw fail(
                        Reason.MISSING_COVERED_HEADER,
                        "the signature covers \"" + StructuredFields.printable(id)
                                + "\" but the request has no such header");
            }
        }
        if (input.keyId() == null || input.keyId().isEmpty()) {
            throw fail(
                    Reason.MISSING_KEYID,
                    "Signature-Input has no keyid parameter; set it to the kid of the client's JWK");
        }
        Ed25519PublicKeyParameters publicKey = publicKey(input.keyId(), keys);
        byte[] sig = signatureBytes(signature);
        byte[] base = base(input, request).getBytes(StandardCharsets.UTF_8);
        if (!publicKey.verify(Ed25519.Algorithm.Ed25519, null, base, 0, base.length, sig, 0)) {
            throw fail(
                    Reason.BAD_SIGNATURE,
                    "the signature does not verify with key " + StructuredFields.printable(input.keyId())
                            + ": the request was signed with another key, or the method, URL or a covered header differs from what was signed");
        }
        return input.keyId();
    }

    private static void checkComponents(SignatureInput input, VerifiableRequest request)
            throws SignatureVerificationException {
        for (String id : input.components()) {
            if (!id.equals(id.toLowerCase(Locale.ROOT))) {
                throw fail(
                        Reason.UPPERCASE_COMPONENT,
                        "component id \"" + StructuredFields.printable(id) + "\" must be lower case");
            }
            if (id.startsWith("@")) {
                if (!id.equals("@method") && !id.equals("@target-uri")) {
                    throw fail(
                            Reason.UNSUPPORTED_COMPONENT,
                            "derived component " + StructuredFields.printable(id)
                                    + " is not used by Open Payments; cover @method and @target-uri");
                }
            }
        }
        if (!input.components().contains("@method") || !input.components().contains("@target-uri")) {
            throw fail(Reason.MISSING_REQUIRED_COMPONENT, "the signature must cover \"@method\" and \"@target-uri\"");
        }
        if (request.header("authorization") != null && !input.components().contains("authorization")) {
            throw fail(
                    Reason.AUTHORIZATION_NOT_COVERED,
                    "the request has an Authorization header, so the signature must cover \"authorization\"");
        }
        if (request.hasBody() && !input.components().contains("content-digest")) {
            throw fail(
                    Reason.BODY_NOT_COVERED,
                    "the request has a body, so the signature must cover \"content-digest\" (with content-length and content-type)");
        }
    }

    private static void checkDigest(VerifiableRequest request) throws SignatureVerificationException {
        String digest = request.header("content-digest");
        if (digest == null || request.header("content-length") == null || request.header("content-type") == null) {
            throw fail(
                    Reason.MISSING_CONTENT_HEADERS,
                    "content-digest is covered, so Content-Digest, Content-Length and Content-Type must all be sent");
        }
        if (!request.hasBody()) {
            throw fail(Reason.MISSING_BODY, "content-digest is covered but the request has no body");
        }
        try {
            if (ContentDigest.verify(digest, request.body())
                    || ContentDigest.verify(digest, reserialised(request.body()))) {
                return;
            }
        } catch (IllegalArgumentException e) {
            throw fail(Reason.INVALID_DIGEST_HEADER, e.getMessage());
        }
        throw fail(
                Reason.DIGEST_MISMATCH,
                "Content-Digest does not match the body; hash exactly the bytes sent, written as JSON.stringify would");
    }

    /** The body as Rafiki hashes it: {@code JSON.stringify(JSON.parse(body))}; the raw bytes if it is not JSON. */
    private static byte[] reserialised(byte[] body) {
        try {
            return Json.reserialise(body);
        } catch (RuntimeException e) {
            return body;
        }
    }

    private static Ed25519PublicKeyParameters publicKey(String keyId, KeyResolver keys)
            throws SignatureVerificationException {
        Optional<Jwk> jwk = keys.find(keyId);
        if (jwk.isEmpty()) {
            throw fail(
                    Reason.UNKNOWN_KEY,
                    "no key with keyid \"" + StructuredFields.printable(keyId)
                            + "\" is known for this client; publish it in the wallet address's jwks.json");
        }
        String x = jwk.get().x();
        Ed25519PublicKeyParameters cached = KEYS.get(x);
        if (cached != null) {
            return cached;
        }
        Ed25519PublicKeyParameters decoded;
        try {
            decoded = new Ed25519PublicKeyParameters(jwk.get().publicKeyBytes(), 0);
        } catch (IllegalArgumentException e) {
            throw fail(
                    Reason.INVALID_KEY,
                    "the JWK for keyid \"" + StructuredFields.printable(keyId)
                            + "\" is not a valid Ed25519 public key");
        }
        if (KEYS.size() >= KEY_CACHE_LIMIT) {
            KEYS.clear();
        }
        KEYS.put(x, decoded);
        return decoded;
    }

    private static byte[] signatureBytes(String header) throws SignatureVerificationException {
        String member = SignatureInput.member(header, HttpSignatureSigner.LABEL);
        if (member == null) {
            throw fail(
                    Reason.WRONG_LABEL, "Signature has no sig1 member; Open Payments servers only read the label sig1");
        }
        byte[] sig;
        try {
            sig = StructuredFields.byteSequence(StructuredFields.stripParameters(member), "Signature sig1");
        } catch (IllegalArgumentException e) {
            throw fail(Reason.MALFORMED_SIGNATURE_HEADERS, e.getMessage());
        }
        if (sig.length != Ed25519.SIGNATURE_SIZE) {
            throw fail(
                    Reason.MALFORMED_SIGNATURE_HEADERS,
                    "an Ed25519 signature has 64 bytes, Signature sig1 has " + sig.length);
        }
        return sig;
    }

    /** RFC 9421 §2.5, with header values used as received (Rafiki does not canonicalise them either). */
    static String base(SignatureInput input, VerifiableRequest request) {
        StringBuilder base = new StringBuilder(512);
        for (String id : input.components()) {
            String value = switch (id) {
                case "@method" -> request.method().toUpperCase(Locale.ROOT);
                case "@target-uri" -> request.targetUri();
                default -> request.header(id);
            };
            base.append('"').append(id).append("\": ").append(value).append('\n');
        }
        return base.append("\"@signature-params\": ").append(input.params()).toString();
    }

    private static SignatureVerificationException fail(Reason reason, String message) {
        return new SignatureVerificationException(reason, message);
    }
}

package dev.opfunctions.client.signature;

import dev.opfunctions.client.keys.SigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Signs requests exactly as {@code @interledger/http-signature-utils} 2.0.3 {@code createHeaders} does
 * (protocol notes §1.1–1.3), so that Rafiki and every other Open Payments server accept them:
 * label {@code sig1}; parameters {@code keyid} then {@code created}; covered components
 * {@code "@method" "@target-uri"}, then {@code "authorization"} when a token is sent, then
 * {@code "content-digest" "content-length" "content-type"} when there is a body; pure Ed25519 over the
 * UTF-8 signature base.
 *
 * <p>Thread-safe. The body bytes must be the ones sent; to match the server's re-serialisation they
 * should come from {@link dev.opfunctions.client.json.Json#stringify(Object)}.
 */
public final class HttpSignatureSigner implements RequestSigner {

    static final String LABEL = "sig1";
    static final String CONTENT_TYPE = "application/json";

    // The four possible component lists, built once: requests differ only in token and body presence.
    private static final String COMPONENTS_BARE = "(\"@method\" \"@target-uri\")";
    private static final String COMPONENTS_AUTH = "(\"@method\" \"@target-uri\" \"authorization\")";
    private static final String COMPONENTS_BODY =
            "(\"@method\" \"@target-uri\" \"content-digest\" \"content-length\" \"content-type\")";
    private static final String COMPONENTS_AUTH_BODY =
            "(\"@method\" \"@target-uri\" \"authorization\" \"content-digest\" \"content-length\" \"content-type\")";

    private final SigningKey key;
    private final Clock clock;
    private final String keyIdParameter;

    /** A signer that stamps {@code created} from the system clock. */
    public HttpSignatureSigner(SigningKey key) {
        this(key, Clock.systemUTC());
    }

    /** A signer with an explicit clock (tests, reproducible vectors). */
    public HttpSignatureSigner(SigningKey key, Clock clock) {
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keyIdParameter = ";keyid=\"" + checkedKeyId(key.keyId()) + "\";created=";
    }

    /** The key id this signer puts in {@code keyid}. */
    public String keyId() {
        return key.keyId();
    }

    @Override
    public Map<String, String> sign(String method, String targetUri, String authorization, byte[] body) {
        checkMethod(method);
        checkHeaderText("target URI", targetUri);
        if (!targetUri.startsWith("https://") && !targetUri.startsWith("http://")) {
            throw new IllegalArgumentException(
                    "target URI must be absolute http(s), was " + StructuredFields.printable(targetUri));
        }
        boolean hasAuthorization = authorization != null;
        if (hasAuthorization) {
            checkHeaderText("Authorization", authorization);
        }
        boolean hasBody = body != null && body.length > 0;

        Map<String, String> headers = new LinkedHashMap<>(8);
        StringBuilder base = new StringBuilder(512)
                .append("\"@method\": ")
                .append(method)
                .append("\n\"@target-uri\": ")
                .append(targetUri);
        if (hasAuthorization) {
            base.append("\n\"authorization\": ").append(authorization);
        }
        if (hasBody) {
            String digest = ContentDigest.create(body);
            String length = Integer.toString(body.length);
            headers.put("Content-Digest", digest);
            headers.put("Content-Length", length);
            headers.put("Content-Type", CONTENT_TYPE);
            base.append("\n\"content-digest\": ")
                    .append(digest)
                    .append("\n\"content-length\": ")
                    .append(length)
                    .append("\n\"content-type\": ")
                    .append(CONTENT_TYPE);
        }
        String components = hasAuthorization
                ? (hasBody ? COMPONENTS_AUTH_BODY : COMPONENTS_AUTH)
                : (hasBody ? COMPONENTS_BODY : COMPONENTS_BARE);
        String params = components + keyIdParameter + clock.instant().getEpochSecond();
        base.append("\n\"@signature-params\": ").append(params);

        byte[] signature = key.sign(base.toString().getBytes(StandardCharsets.UTF_8));
        headers.put("Signature-Input", LABEL + "=" + params);
        headers.put("Signature", LABEL + "=:" + Base64.getEncoder().encodeToString(signature) + ":");
        return headers;
    }

    private static String checkedKeyId(String keyId) {
        if (keyId == null || keyId.isEmpty()) {
            throw new IllegalArgumentException("signing key has no key id");
        }
        for (int i = 0; i < keyId.length(); i++) {
            char c = keyId.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == ';') {
                throw new IllegalArgumentException("key id must be printable ASCII without '\"', '\\' or ';'");
            }
        }
        return keyId;
    }

    private static void checkMethod(String method) {
        if (method == null || method.isEmpty()) {
            throw new IllegalArgumentException("HTTP method is missing");
        }
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (c < 'A' || c > 'Z') {
                throw new IllegalArgumentException("HTTP method must be upper case letters (it is signed as sent): "
                        + StructuredFields.printable(method));
            }
        }
    }

    /** Line breaks would forge extra lines in the signature base; they are never valid in a header anyway. */
    private static void checkHeaderText(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException(what + " contains a control character");
            }
        }
    }
}

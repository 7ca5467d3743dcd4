package dev.opfunctions.client.signature;

import static dev.opfunctions.client.signature.HttpSignatureSignerTest.CREATED_1700000000;
import static dev.opfunctions.client.signature.HttpSignatureSignerTest.GET_URL;
import static dev.opfunctions.client.signature.HttpSignatureSignerTest.POST_BODY;
import static dev.opfunctions.client.signature.HttpSignatureSignerTest.POST_URL;
import static dev.opfunctions.client.signature.HttpSignatureSignerTest.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.opfunctions.client.keys.Ed25519Keys;
import dev.opfunctions.client.keys.Jwk;
import dev.opfunctions.client.keys.Jwks;
import dev.opfunctions.client.keys.LocalEd25519Key;
import dev.opfunctions.client.keys.TestKeys;
import dev.opfunctions.client.signature.SignatureVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {

    private static final byte[] BODY = POST_BODY.getBytes(StandardCharsets.UTF_8);

    private final LocalEd25519Key key = TestKeys.rfc8032Test1("key-1");
    private final HttpSignatureSigner signer = new HttpSignatureSigner(key, CREATED_1700000000);
    private final KeyResolver resolver = Jwks.of(key.publicJwk())::find;

    @Test
    void verifiesTheNotesPostVectorFromItsHeaderTextAlone() throws Exception {
        Map<String, String> headers = Map.of(
                "authorization", TOKEN,
                "content-digest",
                        "sha-512=:s1LBf2X19QHHYnV14nQvBtk6+Ac0ulX9lAEEDoTV+oP8iFFI28sz4d6eCaOq54keNedK+Ooh3hBpv6BZYlOslw==:",
                "content-length", "116",
                "content-type", "application/json",
                "signature-input",
                        "sig1=(\"@method\" \"@target-uri\" \"authorization\" \"content-digest\" \"content-length\" \"content-type\");keyid=\"key-1\";created=1700000000",
                "signature",
                        "sig1=:E0UBuq+jvXytOfURf3TLhlUKeYnqAU6aiQgqiEcopLB/gk/ks2LIf8DFMvHa4bL8TdYuHEA6xzbe0uyOVPehBA==:");

        String keyId = SignatureVerifier.verify(
                new VerifiableRequest("POST", POST_URL, headers, BODY),
                kid -> kid.equals("key-1")
                        ? java.util.Optional.of(Jwk.of("key-1", TestKeys.RFC8032_TEST1_X))
                        : java.util.Optional.empty());

        assertEquals("key-1", keyId);
    }

    @Test
    void verifiesEveryRequestShapeTheSignerProduces() throws Exception {
        assertEquals("key-1", SignatureVerifier.verify(signed("GET", GET_URL, TOKEN, null), resolver));
        assertEquals("key-1", SignatureVerifier.verify(signed("POST", POST_URL, TOKEN, BODY), resolver));
        assertEquals(
                "key-1", SignatureVerifier.verify(signed("POST", "https://auth.example.com/t1", null, BODY), resolver));
        assertEquals(
                "key-1",
                SignatureVerifier.verify(signed("POST", "https://auth.example.com/token/9", TOKEN, null), resolver));
        assertEquals(
                "key-1",
                SignatureVerifier.verify(
                        signed("DELETE", "https://auth.example.com/continue/9", TOKEN, null), resolver));
    }

    @Test
    void looksUpHeadersInAnyCase() throws Exception {
        VerifiableRequest upper = edit(signed("POST", POST_URL, TOKEN, BODY), h -> {
            Map<String, String> copy = new HashMap<>(h);
            h.clear();
            copy.forEach((name, value) -> h.put(name.toUpperCase(), value));
        });

        assertEquals("key-1", SignatureVerifier.verify(upper, resolver));
    }

    @Test
    void acceptsDigestOfTheReserialisedBodyLikeRafiki() throws Exception {
        // A JS client hashes JSON.stringify(JSON.parse(body)) but may send other whitespace.
        VerifiableRequest compactSigned = signed("POST", POST_URL, TOKEN, BODY);
        byte[] pretty = POST_BODY.replace(",", ",\n  ").getBytes(StandardCharsets.UTF_8);

        VerifiableRequest sentPretty = new VerifiableRequest("POST", POST_URL, compactSigned.headers(), pretty);

        assertEquals("key-1", SignatureVerifier.verify(sentPretty, resolver));
    }

    @Test
    void acceptsDigestOfTheRawBytesToo() throws Exception {
        byte[] pretty = "{\n  \"a\": 2.0\n}".getBytes(StandardCharsets.UTF_8);

        assertEquals("key-1", SignatureVerifier.verify(signed("POST", POST_URL, TOKEN, pretty), resolver));
    }

    @Test
    void acceptsSha256Digest() throws Exception {
        String sha256 = "sha-256=:"
                + java.util.Base64.getEncoder()
                        .encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(BODY))
                + ":";
        Map<String, String> headers = new HashMap<>(Map.of(
                "Authorization",
                TOKEN,
                "Content-Digest",
                sha256,
                "Content-Length",
                "116",
                "Content-Type",
                "application/json"));
        String params =
                "(\"@method\" \"@target-uri\" \"authorization\" \"content-digest\" \"content-length\" \"content-type\");created=1;keyid=\"key-1\";alg=\"ed25519\"";
        String base = "\"@method\": POST\n\"@target-uri\": " + POST_URL + "\n\"authorization\": " + TOKEN
                + "\n\"content-digest\": " + sha256
                + "\n\"content-length\": 116\n\"content-type\": application/json\n\"@signature-params\": " + params;
        headers.put("Signature-Input", "sig1=" + params);
        headers.put(
                "Signature",
                "sig1=:" + java.util.Base64.getEncoder().encodeToString(key.sign(base.getBytes(StandardCharsets.UTF_8)))
                        + ":");

        assertEquals(
                "key-1", SignatureVerifier.verify(new VerifiableRequest("POST", POST_URL, headers, BODY), resolver));
    }

    @Test
    void picksSig1AmongSeveralSignatures() throws Exception {
        VerifiableRequest twoSignatures = edit(signed("GET", GET_URL, TOKEN, null), h -> {
            h.put("Signature-Input", "proxy=(\"@method\");keyid=\"p\", " + h.get("Signature-Input"));
            h.put("Signature", "proxy=:AAAA:, " + h.get("Signature"));
        });

        assertEquals("key-1", SignatureVerifier.verify(twoSignatures, resolver));
    }

    @Test
    void rejectsTamperedBody() {
        VerifiableRequest signed = signed("POST", POST_URL, TOKEN, BODY);
        byte[] tampered = POST_BODY.replace("2500", "9500").getBytes(StandardCharsets.UTF_8);

        assertReason(
                Reason.DIGEST_MISMATCH, new VerifiableRequest("POST", POST_URL, signed.headers(), tampered), resolver);
    }

    @Test
    void rejectsSignatureOfAnotherKeyUnderTheSameKeyId() {
        LocalEd25519Key other = (LocalEd25519Key) Ed25519Keys.generate("key-1").signingKey();
        VerifiableRequest signedByOther =
                from(new HttpSignatureSigner(other, CREATED_1700000000), "GET", GET_URL, TOKEN, null);

        assertReason(Reason.BAD_SIGNATURE, signedByOther, resolver);
    }

    @Test
    void rejectsChangedUrl() {
        VerifiableRequest signed = signed("GET", GET_URL, TOKEN, null);

        assertReason(
                Reason.BAD_SIGNATURE,
                new VerifiableRequest("GET", GET_URL.replace("first=10", "first=11"), signed.headers(), null),
                resolver);
    }

    @Test
    void rejectsOtherLabel() {
        VerifiableRequest relabelled = edit(signed("GET", GET_URL, TOKEN, null), h -> {
            h.put("Signature-Input", h.get("Signature-Input").replace("sig1=", "sig2="));
            h.put("Signature", h.get("Signature").replace("sig1=", "sig2="));
        });

        assertReason(Reason.WRONG_LABEL, relabelled, resolver);
    }

    @Test
    void rejectsAuthorizationThatIsNotCovered() {
        VerifiableRequest unsignedToken = edit(signed("GET", GET_URL, null, null), h -> h.put("Authorization", TOKEN));

        assertReason(Reason.AUTHORIZATION_NOT_COVERED, unsignedToken, resolver);
    }

    @Test
    void rejectsCoveredDigestWithoutTheContentHeaders() {
        VerifiableRequest noLength = edit(signed("POST", POST_URL, TOKEN, BODY), h -> h.remove("Content-Length"));

        assertReason(Reason.MISSING_CONTENT_HEADERS, noLength, resolver);
    }

    @Test
    void rejectsUnknownKeyId() {
        assertReason(Reason.UNKNOWN_KEY, signed("GET", GET_URL, TOKEN, null), kid -> java.util.Optional.empty());
    }

    @Test
    void rejectsJwkWhoseXIsNotACurvePoint() {
        Jwk notAPoint = Jwk.of(
                "key-1", java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(firstNonPointEncoding()));

        assertReason(Reason.INVALID_KEY, signed("GET", GET_URL, TOKEN, null), kid -> java.util.Optional.of(notAPoint));
    }

    /** About half of all y coordinates have no x on the curve; the first such small y. */
    private static byte[] firstNonPointEncoding() {
        for (int y = 2; ; y++) {
            byte[] encoded = new byte[32];
            encoded[0] = (byte) y;
            try {
                new org.bouncycastle.crypto.params.Ed25519PublicKeyParameters(encoded, 0);
            } catch (IllegalArgumentException e) {
                return encoded;
            }
        }
    }

    @Test
    void rejectsUnsignedRequest() {
        assertReason(Reason.MISSING_SIGNATURE_HEADERS, new VerifiableRequest("GET", GET_URL, Map.of(), null), resolver);
    }

    @Test
    void rejectsUpperCaseComponentIds() {
        assertReason(
                Reason.UPPERCASE_COMPONENT,
                edit(
                        signed("GET", GET_URL, TOKEN, null),
                        h -> h.put(
                                "Signature-Input",
                                h.get("Signature-Input").replace("\"authorization\"", "\"Authorization\""))),
                resolver);
    }

    @Test
    void rejectsSignatureThatDoesNotCoverTheTargetUri() {
        assertReason(
                Reason.MISSING_REQUIRED_COMPONENT,
                edit(
                        signed("GET", GET_URL, TOKEN, null),
                        h -> h.put("Signature-Input", h.get("Signature-Input").replace(" \"@target-uri\"", ""))),
                resolver);
    }

    @Test
    void rejectsBodyThatTheSignatureDoesNotCover() {
        VerifiableRequest signedWithoutBody = signed("POST", POST_URL, TOKEN, null);

        assertReason(
                Reason.BODY_NOT_COVERED,
                new VerifiableRequest("POST", POST_URL, signedWithoutBody.headers(), BODY),
                resolver);
    }

    @Test
    void rejectsCoveredDigestWithoutBody() {
        VerifiableRequest signed = signed("POST", POST_URL, TOKEN, BODY);

        assertReason(Reason.MISSING_BODY, new VerifiableRequest("POST", POST_URL, signed.headers(), null), resolver);
    }

    @Test
    void rejectsUnsupportedDigestAlgorithm() {
        assertReason(
                Reason.INVALID_DIGEST_HEADER,
                edit(signed("POST", POST_URL, TOKEN, BODY), h -> h.put("Content-Digest", "md5=:AAAA:")),
                resolver);
    }

    @Test
    void rejectsMissingKeyId() {
        assertReason(
                Reason.MISSING_KEYID,
                edit(
                        signed("GET", GET_URL, TOKEN, null),
                        h -> h.put("Signature-Input", h.get("Signature-Input").replace(";keyid=\"key-1\"", ""))),
                resolver);
    }

    @Test
    void rejectsMalformedSignatureInput() {
        assertReason(
                Reason.MALFORMED_SIGNATURE_HEADERS,
                edit(
                        signed("GET", GET_URL, TOKEN, null),
                        h -> h.put("Signature-Input", "sig1=\"@method\" \"@target-uri\"")),
                resolver);
    }

    @Test
    void rejectsTruncatedSignature() {
        assertReason(
                Reason.MALFORMED_SIGNATURE_HEADERS,
                edit(signed("GET", GET_URL, TOKEN, null), h -> h.put("Signature", "sig1=:AAAA:")),
                resolver);
    }

    @Test
    void rejectsCoveredHeaderThatIsAbsent() {
        assertReason(
                Reason.MISSING_COVERED_HEADER,
                edit(
                        signed("GET", GET_URL, TOKEN, null),
                        h -> h.put(
                                "Signature-Input",
                                h.get("Signature-Input")
                                        .replace("\"authorization\"", "\"authorization\" \"x-missing\""))),
                resolver);
    }

    @Test
    void everyFailureHasItsOwnReason() {
        Set<Reason> all = java.util.EnumSet.allOf(Reason.class);

        assertEquals(
                all.size(),
                all.stream().map(Reason::name).collect(Collectors.toSet()).size());
    }

    @Test
    void messagesNeverContainTheToken() {
        VerifiableRequest unsignedToken = edit(signed("GET", GET_URL, null, null), h -> h.put("Authorization", TOKEN));

        SignatureVerificationException e = assertThrows(
                SignatureVerificationException.class, () -> SignatureVerifier.verify(unsignedToken, resolver));

        assertFalse(e.getMessage().contains("OS9M2PMHKUR64TB8N6BW7OZB8CDFONP219RP1LT0"));
        assertFalse(unsignedToken.toString().contains("OS9M2PMHKUR64TB8N6BW7OZB8CDFONP219RP1LT0"));
    }

    private VerifiableRequest signed(String method, String url, String authorization, byte[] body) {
        return from(signer, method, url, authorization, body);
    }

    static VerifiableRequest from(
            HttpSignatureSigner signer, String method, String url, String authorization, byte[] body) {
        Map<String, String> headers = new HashMap<>(signer.sign(method, url, authorization, body));
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        return new VerifiableRequest(method, url, headers, body);
    }

    private static VerifiableRequest edit(VerifiableRequest request, Consumer<Map<String, String>> change) {
        Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.headers());
        change.accept(headers);
        return new VerifiableRequest(request.method(), request.targetUri(), headers, request.body());
    }

    private static void assertReason(Reason expected, VerifiableRequest request, KeyResolver keys) {
        SignatureVerificationException e =
                assertThrows(SignatureVerificationException.class, () -> SignatureVerifier.verify(request, keys));
        assertEquals(expected, e.reason(), e.getMessage());
    }
}

package dev.opfunctions.client.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.client.keys.LocalEd25519Key;
import dev.opfunctions.client.keys.TestKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The protocol notes §1.4 vectors (made with http-signature-utils 2.0.3), reproduced bit for bit. */
class HttpSignatureSignerTest {

    static final Clock CREATED_1700000000 = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    static final String TOKEN = "GNAP OS9M2PMHKUR64TB8N6BW7OZB8CDFONP219RP1LT0";
    static final String POST_URL = "https://ilp.example.com/tenant1/incoming-payments";
    static final String POST_BODY =
            "{\"walletAddress\":\"https://ilp.example.com/alice\",\"incomingAmount\":{\"value\":\"2500\",\"assetCode\":\"USD\",\"assetScale\":2}}";
    static final String GET_URL =
            "https://ilp.example.com/tenant1/incoming-payments?wallet-address=https%3A%2F%2Filp.example.com%2Falice&first=10";

    private final LocalEd25519Key key = TestKeys.rfc8032Test1("key-1");
    private final HttpSignatureSigner signer = new HttpSignatureSigner(key, CREATED_1700000000);

    @Test
    void rfc8032KeyHasTheJwkOfTheNotes() {
        assertEquals(TestKeys.RFC8032_TEST1_X, key.publicJwk().x());
    }

    @Test
    void signsThePostVectorBitForBit() {
        byte[] body = POST_BODY.getBytes(StandardCharsets.UTF_8);

        Map<String, String> headers = signer.sign("POST", POST_URL, TOKEN, body);

        assertEquals(116, body.length);
        assertEquals(
                "sha-512=:s1LBf2X19QHHYnV14nQvBtk6+Ac0ulX9lAEEDoTV+oP8iFFI28sz4d6eCaOq54keNedK+Ooh3hBpv6BZYlOslw==:",
                headers.get("Content-Digest"));
        assertEquals("116", headers.get("Content-Length"));
        assertEquals("application/json", headers.get("Content-Type"));
        assertEquals(
                "sig1=(\"@method\" \"@target-uri\" \"authorization\" \"content-digest\" \"content-length\" \"content-type\")"
                        + ";keyid=\"key-1\";created=1700000000",
                headers.get("Signature-Input"));
        assertEquals(
                "sig1=:E0UBuq+jvXytOfURf3TLhlUKeYnqAU6aiQgqiEcopLB/gk/ks2LIf8DFMvHa4bL8TdYuHEA6xzbe0uyOVPehBA==:",
                headers.get("Signature"));
        assertEquals(
                List.of("Content-Digest", "Content-Length", "Content-Type", "Signature-Input", "Signature"),
                List.copyOf(headers.keySet()));
    }

    @Test
    void signsTheGetVectorBitForBit() {
        Map<String, String> headers = signer.sign("GET", GET_URL, TOKEN, null);

        assertEquals(
                "sig1=(\"@method\" \"@target-uri\" \"authorization\");keyid=\"key-1\";created=1700000000",
                headers.get("Signature-Input"));
        assertEquals(
                "sig1=:wqZq3lYcPRnJ7i4vFrbtaLWxoaGRgVQmYdhbqSylpqwPiAuOcREbKXwaWsKhB7JjR3oHbUodw7H4agR7ADJSCQ==:",
                headers.get("Signature"));
        assertEquals(List.of("Signature-Input", "Signature"), List.copyOf(headers.keySet()));
    }

    @Test
    void signsTheBaseRfc9421Describes() {
        Map<String, String> headers = signer.sign("POST", POST_URL, TOKEN, POST_BODY.getBytes(StandardCharsets.UTF_8));
        String base = "\"@method\": POST\n"
                + "\"@target-uri\": " + POST_URL + "\n"
                + "\"authorization\": " + TOKEN + "\n"
                + "\"content-digest\": " + headers.get("Content-Digest") + "\n"
                + "\"content-length\": 116\n"
                + "\"content-type\": application/json\n"
                + "\"@signature-params\": " + headers.get("Signature-Input").substring("sig1=".length());

        byte[] expected = key.sign(base.getBytes(StandardCharsets.UTF_8));

        String sig = headers.get("Signature");
        assertArrayEquals(expected, java.util.Base64.getDecoder().decode(sig.substring(6, sig.length() - 1)));
    }

    @Test
    void grantRequestCoversBodyButNoAuthorization() {
        Map<String, String> headers = signer.sign(
                "POST", "https://auth.example.com/tenant1", null, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

        assertEquals(
                "sig1=(\"@method\" \"@target-uri\" \"content-digest\" \"content-length\" \"content-type\");keyid=\"key-1\";created=1700000000",
                headers.get("Signature-Input"));
    }

    @Test
    void tokenRotationCoversAuthorizationOnly() {
        Map<String, String> headers = signer.sign("POST", "https://auth.example.com/token/abc", TOKEN, null);

        assertEquals(
                "sig1=(\"@method\" \"@target-uri\" \"authorization\");keyid=\"key-1\";created=1700000000",
                headers.get("Signature-Input"));
        assertFalse(headers.containsKey("Content-Digest"));
    }

    @Test
    void emptyBodyIsSignedAsNoBody() {
        Map<String, String> headers = signer.sign("POST", "https://auth.example.com/continue/1", TOKEN, new byte[0]);

        assertFalse(headers.containsKey("Content-Length"));
        assertTrue(headers.get("Signature-Input").startsWith("sig1=(\"@method\" \"@target-uri\" \"authorization\");"));
    }

    @Test
    void contentLengthCountsUtf8Bytes() {
        byte[] body = "{\"description\":\"café ☕\"}".getBytes(StandardCharsets.UTF_8);

        Map<String, String> headers = signer.sign("POST", POST_URL, TOKEN, body);

        assertEquals(String.valueOf(body.length), headers.get("Content-Length"));
        assertEquals("{\"description\":\"café ☕\"}".length() + 3, body.length); // é is 2 bytes, ☕ is 3
    }

    @Test
    void refusesLowerCaseMethodBecauseItIsSignedAsSent() {
        assertThrows(IllegalArgumentException.class, () -> signer.sign("post", POST_URL, TOKEN, null));
    }

    @Test
    void refusesLineBreaksThatWouldForgeBaseLinesWithoutEchoingTheToken() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> signer.sign("GET", POST_URL, "GNAP secret\n\"@method\": POST", null));

        assertFalse(e.getMessage().contains("secret"));
    }

    @Test
    void refusesRelativeTargetUri() {
        assertThrows(IllegalArgumentException.class, () -> signer.sign("GET", "/incoming-payments", TOKEN, null));
    }

    @Test
    void createdComesFromTheClock() {
        HttpSignatureSigner later =
                new HttpSignatureSigner(key, Clock.fixed(Instant.ofEpochSecond(1_800_000_123L), ZoneOffset.UTC));

        assertTrue(
                later.sign("GET", GET_URL, TOKEN, null).get("Signature-Input").endsWith(";created=1800000123"));
    }
}

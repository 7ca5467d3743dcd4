package dev.opfunctions.client.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.client.json.Json;
import dev.opfunctions.client.json.NodeScript;
import dev.opfunctions.client.keys.Ed25519Keys;
import dev.opfunctions.client.keys.GeneratedKeyPair;
import dev.opfunctions.client.keys.Jwk;
import dev.opfunctions.client.keys.Jwks;
import dev.opfunctions.client.keys.LocalEd25519Key;
import dev.opfunctions.client.signature.SignatureVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Our signer against {@code @interledger/http-signature-utils} 2.0.3 {@code validateSignature} (checked the
 * way Rafiki calls it), and its {@code createHeaders} against our {@link SignatureVerifier}; all cases in
 * one Node process.
 */
class HttpSignatureInteropTest {

    /** A request shape Open Payments clients send. */
    record Shape(String method, String url, String authorization, String body) {
        byte[] bodyBytes() {
            return body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        }
    }

    static final String TOKEN = "GNAP 8A1C4F2E9B7D3056";
    static final Map<String, Shape> SHAPES = new LinkedHashMap<>();
    /** Not what JSON.stringify writes: JS puts the keys "1" and "2" first. Json.stringify does too. */
    static final String UNNORMALISED_BODY =
            "{\"walletAddress\":\"https://ilp.example.com/alice\",\"metadata\":{\"description\":\"Café <b>&</b> ☕ 𝄞\",\"2\":\"b\",\"1\":\"a\"}}";

    static {
        SHAPES.put(
                "GET with token",
                new Shape("GET", "https://ilp.example.com/tenant1/incoming-payments/3f1c", TOKEN, null));
        SHAPES.put(
                "GET list with query string",
                new Shape(
                        "GET",
                        "https://ilp.example.com/tenant1/incoming-payments?wallet-address=https%3A%2F%2Filp.example.com%2Falice&first=10&cursor=c0a8",
                        TOKEN,
                        null));
        SHAPES.put(
                "POST with body and token",
                new Shape(
                        "POST",
                        "https://ilp.example.com/tenant1/incoming-payments",
                        TOKEN,
                        string(Map.of(
                                "walletAddress",
                                "https://ilp.example.com/alice",
                                "incomingAmount",
                                Map.of("value", "2500", "assetCode", "USD", "assetScale", 2)))));
        SHAPES.put(
                "POST grant request with body and no token",
                new Shape(
                        "POST",
                        "https://auth.ilp.example.com/tenant1",
                        null,
                        "{\"access_token\":{\"access\":[{\"type\":\"outgoing-payment\",\"actions\":[\"create\",\"read\"],\"identifier\":\"https://ilp.example.com/alice\","
                                + "\"limits\":{\"debitAmount\":{\"value\":\"1999\",\"assetCode\":\"EUR\",\"assetScale\":2},\"receiver\":\"https://ilp.example.com/tenant1/incoming-payments/9\"}}]},"
                                + "\"client\":\"https://shop.example/pay\",\"interact\":{\"start\":[\"redirect\"],\"finish\":{\"method\":\"redirect\","
                                + "\"uri\":\"https://shop.example/finish?checkout=42&lang=fr\",\"nonce\":\"n-1\"}}}"));
        SHAPES.put(
                "POST token rotation with token and no body",
                new Shape("POST", "https://auth.ilp.example.com/token/7b2e", TOKEN, null));
        SHAPES.put(
                "POST continue with interact_ref",
                new Shape("POST", "https://auth.ilp.example.com/continue/11", TOKEN, "{\"interact_ref\":\"ref-1\"}"));
        SHAPES.put("DELETE grant cancel", new Shape("DELETE", "https://auth.ilp.example.com/continue/11", TOKEN, null));
        SHAPES.put(
                "POST over plain http with port and query",
                new Shape(
                        "POST",
                        "http://localhost:4000/quotes?x=%C3%A9&y=a+b",
                        TOKEN,
                        "{\"walletAddress\":\"http://localhost:4000/alice\",\"receiver\":\"http://localhost:4000/incoming-payments/1\",\"method\":\"ilp\"}"));
        SHAPES.put(
                "POST with non-ASCII, HTML characters and numeric keys",
                new Shape(
                        "POST",
                        "https://ilp.example.com/tenant1/incoming-payments",
                        TOKEN,
                        string(Json.parseTree(UNNORMALISED_BODY.getBytes(StandardCharsets.UTF_8)))));
    }

    static GeneratedKeyPair ours;
    static Map<String, Map<String, String>> signedByUs = new HashMap<>();
    static Map<String, JsonNode> node;
    static LocalEd25519Key nodeKeyLoadedByUs;

    @BeforeAll
    static void runNodeOnce() {
        ours = Ed25519Keys.generate("java-key-1");
        HttpSignatureSigner signer = new HttpSignatureSigner(ours.signingKey());
        List<ObjectNode> cases = new ArrayList<>();
        SHAPES.forEach((name, shape) -> {
            Map<String, String> headers = new LinkedHashMap<>(
                    signer.sign(shape.method(), shape.url(), shape.authorization(), shape.bodyBytes()));
            if (shape.authorization() != null) {
                headers.put("Authorization", shape.authorization());
            }
            signedByUs.put(name, headers);
            cases.add(op("verify:" + name, "verify")
                    .<ObjectNode>set("jwk", Json.mapper().valueToTree(ours.publicJwk()))
                    .set("request", request(shape, headers)));
            ObjectNode sign = op("sign:" + name, "sign")
                    .put("privateKeyPem", ours.privateKeyPem())
                    .put("keyId", ours.publicJwk().kid());
            Map<String, String> requestHeaders =
                    shape.authorization() == null ? Map.of() : Map.of("Authorization", shape.authorization());
            cases.add(sign.set("request", request(shape, requestHeaders)));
        });
        // A tampered copy, so that the Node side is shown to be able to say no.
        Shape post = SHAPES.get("POST with body and token");
        cases.add(op("verify:tampered", "verify")
                .<ObjectNode>set("jwk", Json.mapper().valueToTree(ours.publicJwk()))
                .set(
                        "request",
                        request(
                                new Shape(
                                        post.method(),
                                        post.url(),
                                        post.authorization(),
                                        post.body().replace("2500", "2501")),
                                signedByUs.get("POST with body and token"))));
        Shape unnormalised = new Shape("POST", post.url(), TOKEN, UNNORMALISED_BODY);
        cases.add(op("verify:unnormalised", "verify")
                .<ObjectNode>set("jwk", Json.mapper().valueToTree(ours.publicJwk()))
                .set(
                        "request",
                        request(
                                unnormalised,
                                withAuthorization(signer.sign("POST", post.url(), TOKEN, unnormalised.bodyBytes())))));
        cases.add(op("jwk", "jwk").put("privateKeyPem", ours.privateKeyPem()).put("keyId", "java-key-1"));
        cases.add(op("loadBase64", "loadBase64")
                .put("keyId", "java-key-1")
                .put(
                        "base64Pem",
                        Base64.getEncoder().encodeToString(ours.privateKeyPem().getBytes(StandardCharsets.US_ASCII))));
        cases.add(op("generate", "generate").put("keyId", "node-key-1"));
        node = NodeScript.runCases("signatures.mjs", cases);
    }

    @TestFactory
    Stream<DynamicTest> nodeValidatesWhatWeSign() {
        return SHAPES.keySet().stream()
                .map(name -> dynamicTest(name, () -> {
                    JsonNode result = node.get("verify:" + name);
                    assertTrue(result.get("headersValid").asBoolean(), "validateSignatureHeaders");
                    assertTrue(result.get("signatureValid").asBoolean(), "validateSignature");
                }));
    }

    @Test
    void nodeRejectsOurSignatureOverATamperedBody() {
        assertFalse(node.get("verify:tampered").get("headersValid").asBoolean()
                && node.get("verify:tampered").get("signatureValid").asBoolean());
    }

    @Test
    void nodeRejectsABodyWhoseBytesJsonStringifyWouldChangeWhichIsWhyJsonStringifyNormalises() {
        assertFalse(node.get("verify:unnormalised").get("headersValid").asBoolean());
    }

    @TestFactory
    Stream<DynamicTest> weVerifyWhatNodeSigns() {
        KeyResolver keys = Jwks.of(ours.publicJwk())::find;
        return SHAPES.entrySet().stream()
                .map(e -> dynamicTest(e.getKey(), () -> {
                    VerifiableRequest request =
                            signedByNode(e.getKey(), e.getValue(), e.getValue().bodyBytes());
                    assertEquals("java-key-1", SignatureVerifier.verify(request, keys));
                }));
    }

    @TestFactory
    Stream<DynamicTest> nodeSignsTheSameHeadersAsWeDoApartFromCreated() {
        return SHAPES.keySet().stream()
                .map(name -> dynamicTest(name, () -> {
                    Map<String, String> theirs =
                            headers(node.get("sign:" + name).get("headers"));
                    Map<String, String> mine = new LinkedHashMap<>(signedByUs.get(name));
                    mine.remove("Authorization");
                    String created = theirs.get("Signature-Input").replaceAll(".*;created=", "");
                    if (mine.get("Signature-Input").endsWith(";created=" + created)) {
                        assertEquals(theirs, mine); // same second: Ed25519 is deterministic, so byte-identical
                    } else {
                        theirs.remove("Signature");
                        mine.remove("Signature");
                        assertEquals(theirs.keySet(), mine.keySet());
                        assertEquals(
                                theirs.get("Signature-Input").replaceAll(";created=.*", ""),
                                mine.get("Signature-Input").replaceAll(";created=.*", ""));
                    }
                }));
    }

    @Test
    void weRejectANodeSignatureOverATamperedBody() {
        Shape post = SHAPES.get("POST with body and token");
        VerifiableRequest tampered = signedByNode(
                "POST with body and token",
                post,
                post.body().replace("2500", "2501").getBytes(StandardCharsets.UTF_8));

        SignatureVerificationException e = assertThrows(
                SignatureVerificationException.class,
                () -> SignatureVerifier.verify(tampered, Jwks.of(ours.publicJwk())::find));

        assertEquals(Reason.DIGEST_MISMATCH, e.reason());
    }

    @Test
    void generateJwkDerivesOurJwkFromOurPem() {
        assertEquals(
                ours.publicJwk(), Json.mapper().convertValue(node.get("jwk").get("jwk"), Jwk.class));
        assertEquals(
                new String(Json.stringify(ours.publicJwk()), StandardCharsets.UTF_8),
                node.get("jwk").get("jwk").toString());
    }

    @Test
    void loadBase64KeyAcceptsOurKeyAsBase64Pem() {
        assertEquals(
                ours.publicJwk().x(), node.get("loadBase64").get("jwk").get("x").asText());
    }

    @Test
    void weLoadAKeyNodeGeneratedAndNodeVerifiesOurSignatureWithIt() throws Exception {
        JsonNode generated = node.get("generate");
        Jwk nodeJwk = Json.mapper().convertValue(generated.get("jwk"), Jwk.class);

        LocalEd25519Key loaded =
                Ed25519Keys.fromPem("node-key-1", generated.get("privateKeyPem").asText());

        assertEquals(nodeJwk, loaded.publicJwk());
        Shape get = SHAPES.get("GET with token");
        Map<String, String> headers =
                new HashMap<>(new HttpSignatureSigner(loaded).sign(get.method(), get.url(), TOKEN, null));
        headers.put("Authorization", TOKEN);
        assertEquals(
                "node-key-1",
                SignatureVerifier.verify(
                        new VerifiableRequest("GET", get.url(), headers, null), Jwks.of(nodeJwk)::find));
    }

    private static VerifiableRequest signedByNode(String name, Shape shape, byte[] body) {
        Map<String, String> headers = headers(node.get("sign:" + name).get("headers"));
        if (shape.authorization() != null) {
            headers.put("Authorization", shape.authorization());
        }
        return new VerifiableRequest(shape.method(), shape.url(), headers, body);
    }

    private static Map<String, String> withAuthorization(Map<String, String> signed) {
        Map<String, String> headers = new LinkedHashMap<>(signed);
        headers.put("Authorization", TOKEN);
        return headers;
    }

    private static Map<String, String> headers(JsonNode json) {
        Map<String, String> headers = new LinkedHashMap<>();
        json.properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        return headers;
    }

    private static ObjectNode op(String id, String op) {
        return Json.mapper().createObjectNode().put("id", id).put("op", op);
    }

    private static ObjectNode request(Shape shape, Map<String, String> headers) {
        ObjectNode request =
                Json.mapper().createObjectNode().put("method", shape.method()).put("url", shape.url());
        headers.forEach(request.putObject("headers")::put);
        if (headers.isEmpty()) {
            request.putObject("headers");
        }
        if (shape.body() != null) {
            request.put("body", shape.body());
        }
        return request;
    }

    private static String string(Object value) {
        return new String(Json.stringify(value), StandardCharsets.UTF_8);
    }
}

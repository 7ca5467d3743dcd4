package dev.opfunctions.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.client.json.Json;
import dev.opfunctions.client.json.NodeScript;
import dev.opfunctions.client.keys.Ed25519Keys;
import dev.opfunctions.client.keys.GeneratedKeyPair;
import dev.opfunctions.client.signature.HttpSignatureSigner;
import dev.opfunctions.client.testing.FakeServer;
import dev.opfunctions.client.testing.FakeServer.Answer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Requests to URLs with non-ASCII (and other must-be-encoded) characters in path and query, sent by
 * {@link OpenPaymentsHttp} to a real HTTP server on loopback; each request as the server received it is
 * verified with the official {@code @interledger/http-signature-utils} {@code validateSignature}, fed the way
 * Rafiki feeds it ({@code url} = Koa's {@code ctx.href}: scheme, {@code Host} header, request-target as received).
 */
class NonAsciiUrlSignatureInteropTest {

    /** Path-and-query as a caller writes it (unencoded); sent as GET with a token and as POST with a body. */
    static final Map<String, String> TARGETS = new LinkedHashMap<>();

    static {
        TARGETS.put("non-ASCII path", "/op/incoming-payments/café-€-日本");
        TARGETS.put(
                "non-ASCII query", "/op/incoming-payments?wallet-address=https://ilp.example.com/jürgen&note=naïve");
        TARGETS.put("decomposed accent (NFD)", "/op/cafe\u0301?q=cafe\u0301");
        TARGETS.put("emoji (surrogate pair)", "/op/pay-\ud83d\udcb8?e=\ud83d\udcb8");
        TARGETS.put("spaces, braces, pipe, caret, backtick", "/op/a b/{id}?q=x y|z^`");
        TARGETS.put("brackets in path and query", "/op/[1]?a[]=1");
        TARGETS.put("escapes already present, mixed with raw", "/op/caf%C3%A9/é?x=%E2%82%AC€&w=https%3A%2F%2Fa");
        TARGETS.put("empty query", "/op/plain?");
    }

    static final String TOKEN = "OS9M2PMHKUR64TB8N6BW7OZB8CDFONP219RP1LT0";
    static final FakeServer SERVER = new FakeServer();
    static final GeneratedKeyPair KEY = Ed25519Keys.generate("wire-url-key");
    static final Map<String, FakeServer.Recorded> RECEIVED = new LinkedHashMap<>();
    static Map<String, JsonNode> node;

    @BeforeAll
    static void sendEveryTargetThenVerifyAllInOneNodeRun() {
        SERVER.handler(r -> Answer.json(200, "{}"));
        List<ObjectNode> cases = new ArrayList<>();
        try (OpenPaymentsHttp http = new OpenPaymentsHttp(
                ClientConfig.defaults().withLocalDevelopment(true), new HttpSignatureSigner(KEY.signingKey()))) {
            TARGETS.forEach((name, target) -> {
                http.send(ApiRequest.get(SERVER.base() + target, TOKEN));
                RECEIVED.put("GET " + name, SERVER.last());
                http.send(ApiRequest.post(
                        SERVER.base() + target, TOKEN, Map.of("walletAddress", "https://ilp.example.com/ü")));
                RECEIVED.put("POST " + name, SERVER.last());
            });
        }
        RECEIVED.forEach((id, r) -> cases.add(verifyCase(id, asRafikiSeesIt(r), r)));
        // Control: the same received request, signed over the URL as written instead of as sent.
        String written = SERVER.base() + TARGETS.get("non-ASCII query");
        FakeServer.Recorded sent = RECEIVED.get("GET non-ASCII query");
        Map<String, String> signedAsWritten = new LinkedHashMap<>(
                new HttpSignatureSigner(KEY.signingKey()).sign("GET", written, "GNAP " + TOKEN, null));
        signedAsWritten.put("Authorization", "GNAP " + TOKEN);
        signedAsWritten.put("Host", sent.header("Host"));
        cases.add(verifyCase(
                "control",
                asRafikiSeesIt(sent),
                new FakeServer.Recorded("GET", sent.rawTarget(), toLists(signedAsWritten), new byte[0])));
        node = NodeScript.runCases("signatures.mjs", cases);
    }

    @AfterAll
    static void stopServer() {
        SERVER.close();
    }

    @TestFactory
    Stream<DynamicTest> theOfficialVerifierAcceptsEachRequestAsReceived() {
        return RECEIVED.keySet().stream()
                .map(id -> dynamicTest(id, () -> {
                    JsonNode result = node.get(id);
                    assertTrue(
                            result.get("headersValid").asBoolean(),
                            "validateSignatureHeaders for " + asRafikiSeesIt(RECEIVED.get(id)));
                    assertTrue(
                            result.get("signatureValid").asBoolean(),
                            "validateSignature for " + asRafikiSeesIt(RECEIVED.get(id)));
                }));
    }

    @TestFactory
    Stream<DynamicTest> theServerReceivesAsciiThatDecodesToTheWrittenPathAndQuery() {
        return TARGETS.entrySet().stream()
                .map(e -> dynamicTest(e.getKey(), () -> {
                    String rawTarget = RECEIVED.get("GET " + e.getKey()).rawTarget();
                    assertTrue(rawTarget.chars().allMatch(c -> c > 0x20 && c < 0x7f), rawTarget);
                    URI received = URI.create(rawTarget);
                    assertEquals(decodedPath(e.getValue()), received.getPath());
                    assertEquals(decodedQuery(e.getValue()), received.getQuery() == null ? "" : received.getQuery());
                }));
    }

    @Test
    void theOfficialVerifierRefusesASignatureOverTheUrlAsWritten() {
        assertTrue(node.get("control").get("headersValid").asBoolean());
        assertFalse(node.get("control").get("signatureValid").asBoolean());
    }

    private static String asRafikiSeesIt(FakeServer.Recorded r) {
        return "http://" + r.header("Host") + r.rawTarget();
    }

    private static ObjectNode verifyCase(String id, String url, FakeServer.Recorded r) {
        ObjectNode c = Json.mapper().createObjectNode().put("id", id).put("op", "verify");
        c.set("jwk", Json.mapper().valueToTree(KEY.publicJwk()));
        ObjectNode request = c.putObject("request").put("method", r.method()).put("url", url);
        ObjectNode headers = request.putObject("headers");
        r.headers().forEach((name, values) -> headers.put(name, values.get(0)));
        if (r.body().length > 0) request.put("body", r.bodyText());
        return c;
    }

    private static Map<String, List<String>> toLists(Map<String, String> headers) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        headers.forEach((k, v) -> lists.put(k, List.of(v)));
        return lists;
    }

    /** The written path, NFC-normalised and with %XX escapes decoded: what the server must see after decoding. */
    private static String decodedPath(String target) {
        int q = target.indexOf('?');
        return decode(q < 0 ? target : target.substring(0, q));
    }

    private static String decodedQuery(String target) {
        int q = target.indexOf('?');
        return q < 0 ? "" : decode(target.substring(q + 1));
    }

    /** Percent-decodes {@code s} after NFC: the text a server gets back from what was written. */
    private static String decode(String s) {
        String nfc = Normalizer.normalize(s, Normalizer.Form.NFC);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < nfc.length(); i++) {
            if (nfc.charAt(i) == '%') {
                bytes.write(Integer.parseInt(nfc.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                int end = Character.isHighSurrogate(nfc.charAt(i)) ? i + 2 : i + 1;
                bytes.writeBytes(nfc.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

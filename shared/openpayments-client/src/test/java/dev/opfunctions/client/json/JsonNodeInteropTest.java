package dev.opfunctions.client.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.client.model.IncomingPayment;
import dev.opfunctions.client.model.IncomingPaymentRequest;
import dev.opfunctions.client.model.OutgoingPaymentRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Json against Node's own JSON.stringify, byte for byte; all cases go to one Node process. */
class JsonNodeInteropTest {

    static final Map<String, String> STRINGS = new LinkedHashMap<>();
    static final Map<String, String> DOCUMENTS = new LinkedHashMap<>();
    static final List<Double> RANDOM_DOUBLES = new ArrayList<>();
    static Map<String, JsonNode> node;
    /** Free-form metadata with null members at every depth; numeric keys so the JS key order matters too. */
    static final String NULL_METADATA =
            "{\"keep\":1,\"gone\":null,\"nested\":{\"x\":null,\"2\":null},\"list\":[null,{\"y\":null}],\"s\":\"null\"}";

    static final String NULLS_IN = "incoming payment request with null metadata members";
    static final String NULLS_OUT = "outgoing payment request with null metadata members";

    static {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        StringBuilder bmp = new StringBuilder();
        for (char c = 0x20; c < 0x3000; c++) {
            bmp.append(c);
        }
        STRINGS.put("all C0 controls", controls.toString());
        STRINGS.put("printable ASCII, Latin, Greek, Cyrillic, CJK punctuation", bmp.toString());
        STRINGS.put("quote backslash slash", "\"\\/'");
        STRINGS.put("html characters", "<script>&amp;</script> \u2028\u2029");
        STRINGS.put("DEL and C1 controls", "\u007f\u0080\u009f");
        STRINGS.put("BOM and non-characters", "\ufeff\ufffe\uffff");
        STRINGS.put("emoji pair", "pay \ud83d\udcb8 now");
        STRINGS.put("lone high surrogate", "a\ud800b");
        STRINGS.put("lone low surrogate", "a\udc00b");
        STRINGS.put("reversed pair", "\udc00\ud800");
        STRINGS.put("high at end", "x\udbff");
        STRINGS.put("two highs then low", "\ud800\ud800\udc00");
        STRINGS.put("empty", "");

        DOCUMENTS.put("array-index keys move first", "{\"b\":1,\"1\":2,\"a\":3,\"0\":4,\"10\":5,\"9\":6}");
        DOCUMENTS.put(
                "keys that are not array indexes keep their place",
                "{\"z\":0,\"4294967295\":1,\"4294967294\":2,\"-1\":3,\"1.5\":4,\"007\":5,\"\":6,\" 1\":7,\"1e3\":8}");
        DOCUMENTS.put("duplicate keys keep first position, last value", "{\"a\":1,\"b\":2,\"a\":3}");
        DOCUMENTS.put("whitespace removed", " {\n \"a\" : [ 1 , 2 ] ,\t\"b\" : { } , \"c\" : [ ] } ");
        DOCUMENTS.put(
                "escapes decoded and re-escaped",
                "{\"s\":\"\\u0041\\u00e9\\u2028\\ud83d\\udcb8\\ud800\\/\\b\\u000b\"}");
        DOCUMENTS.put(
                "numbers",
                "[0,-0,-0.0,1.0,1e2,1E+2,1e-7,0.000001,123e-20,1e21,1e400,-1e400,12345678901234567890,"
                        + "9007199254740993,0.1,2.5e-324,5e-324,1.7976931348623157e308,100.000]");
        DOCUMENTS.put("literals", "[true,false,null,\"null\"]");
        DOCUMENTS.put(
                "grant request",
                "{\"access_token\":{\"access\":[{\"type\":\"outgoing-payment\",\"actions\":[\"create\",\"read\"],"
                        + "\"identifier\":\"https://ilp.example.com/alice\",\"limits\":{\"debitAmount\":{\"value\":\"500\",\"assetCode\":\"USD\",\"assetScale\":2},"
                        + "\"interval\":\"R11/2025-01-01T00:00:00Z/P1M\"}}]},\"client\":\"https://shop.example/\",\"interact\":{\"start\":[\"redirect\"],"
                        + "\"finish\":{\"method\":\"redirect\",\"uri\":\"https://shop.example/finish?id=1&x=<y>\",\"nonce\":\"abc\"}}}");
        DOCUMENTS.put(
                "metadata with numeric keys and unicode",
                "{\"metadata\":{\"description\":\"Café – 2×\",\"2\":\"second\",\"1\":\"first\"}}");
        DOCUMENTS.put("deep nesting", "[".repeat(200) + "]".repeat(200));
        DOCUMENTS.put(
                NULLS_IN, "{\"walletAddress\":\"https://ilp.example.com/alice\",\"metadata\":" + NULL_METADATA + "}");
        DOCUMENTS.put(
                NULLS_OUT,
                "{\"walletAddress\":\"https://ilp.example.com/alice\",\"quoteId\":\"https://ilp.example.com/quotes/q1\","
                        + "\"metadata\":" + NULL_METADATA + "}");

        SplittableRandom random = new SplittableRandom(20_251_121L);
        while (RANDOM_DOUBLES.size() < 3000) {
            double d = switch (RANDOM_DOUBLES.size() % 3) {
                case 0 -> Double.longBitsToDouble(random.nextLong()); // any exponent
                case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(-8, 23)); // around the format switch points
                default -> (double) random.nextLong(-(1L << 60), 1L << 60); // large integers
            };
            if (Double.isFinite(d)) {
                RANDOM_DOUBLES.add(d);
            }
        }
        for (double d : new double[] {
            5e-324,
            4.9e-324,
            1e-323,
            1e21,
            1e21 - 65536,
            9.999999999999999e20,
            1e-7,
            1.0000000000000001e-7,
            0.000001,
            0.0000009999999999999999,
            2e23,
            1e23,
            Math.pow(2, 60),
            Math.pow(2, 53) + 2,
            Double.MAX_VALUE,
            Double.MIN_NORMAL
        }) {
            RANDOM_DOUBLES.add(d);
            RANDOM_DOUBLES.add(-d);
        }
    }

    @BeforeAll
    static void runNodeOnce() {
        List<ObjectNode> cases = new ArrayList<>();
        STRINGS.forEach((name, s) -> {
            ObjectNode c = caseOf("s:" + name, "string");
            s.chars().forEach(c.withArray("units")::add);
            cases.add(c);
        });
        DOCUMENTS.forEach(
                (name, text) -> cases.add(caseOf("d:" + name, "reserialise").put("text", text)));
        for (int i = 0; i < RANDOM_DOUBLES.size(); i++) {
            cases.add(caseOf("n:" + i, "reserialise").put("text", Double.toString(RANDOM_DOUBLES.get(i))));
        }
        node = NodeScript.runCases("json-stringify.mjs", cases);
    }

    @TestFactory
    Stream<DynamicTest> stringifyEscapesStringsAsNodeDoes() {
        return STRINGS.entrySet().stream()
                .map(e -> dynamicTest(
                        e.getKey(), () -> assertSameBytes(node("s:" + e.getKey()), Json.stringify(e.getValue()))));
    }

    @TestFactory
    Stream<DynamicTest> reserialiseMatchesJsonStringifyOfJsonParse() {
        return DOCUMENTS.entrySet().stream()
                .map(e -> dynamicTest(
                        e.getKey(),
                        () -> assertSameBytes(
                                node("d:" + e.getKey()),
                                Json.reserialise(e.getValue().getBytes(StandardCharsets.UTF_8)))));
    }

    @TestFactory
    Stream<DynamicTest> stringifyWritesDocumentsAsNodeDoesWhenNumbersAreExact() {
        return Stream.of(
                        "array-index keys move first",
                        "duplicate keys keep first position, last value",
                        "escapes decoded and re-escaped",
                        "grant request",
                        "metadata with numeric keys and unicode",
                        "literals")
                .map(name -> dynamicTest(
                        name,
                        () -> assertSameBytes(
                                node("d:" + name),
                                Json.stringify(
                                        Json.parseTree(DOCUMENTS.get(name).getBytes(StandardCharsets.UTF_8))))));
    }

    @Test
    void requestBodiesKeepNullMetadataMembersAndOmitAbsentFieldsAsJsonStringifyDoes() {
        Map<String, Object> metadata = metadata(NULL_METADATA);

        // No incomingAmount and no expiresAt: absent, as in a JS object without them, never "…":null.
        assertSameBytes(
                node("d:" + NULLS_IN),
                Json.stringify(IncomingPaymentRequest.of("https://ilp.example.com/alice", null)
                        .withMetadata(metadata)));
        assertSameBytes(
                node("d:" + NULLS_OUT),
                Json.stringify(OutgoingPaymentRequest.fromQuote(
                        "https://ilp.example.com/alice", "https://ilp.example.com/quotes/q1", metadata)));
    }

    @Test
    void metadataReadFromAServerIsSentBackUnchanged() {
        String answer =
                "{\"id\":\"https://ilp.example.com/incoming-payments/1\",\"walletAddress\":\"https://ilp.example.com/alice\",\"completed\":false,"
                        + "\"receivedAmount\":{\"value\":\"0\",\"assetCode\":\"USD\",\"assetScale\":2},\"metadata\":"
                        + NULL_METADATA + ","
                        + "\"createdAt\":\"2025-06-01T12:00:00.000Z\"}";
        IncomingPayment received = Json.parse(answer.getBytes(StandardCharsets.UTF_8), IncomingPayment.class);

        assertSameBytes(
                node("d:" + NULLS_IN),
                Json.stringify(IncomingPaymentRequest.of(received.walletAddress(), null)
                        .withMetadata(received.metadata())));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(String json) {
        return Json.mapper().convertValue(Json.parseTree(json.getBytes(StandardCharsets.UTF_8)), Map.class);
    }

    @Test
    void writesEveryDoubleAsNodeDoes() {
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < RANDOM_DOUBLES.size(); i++) {
            double d = RANDOM_DOUBLES.get(i);
            String expected = node("n:" + i);
            String stringified = new String(Json.stringify(d), StandardCharsets.UTF_8);
            String reserialised = new String(
                    Json.reserialise(Double.toString(d).getBytes(StandardCharsets.US_ASCII)), StandardCharsets.UTF_8);
            if (!expected.equals(stringified) || !expected.equals(reserialised)) {
                mismatches.add(Double.toString(d) + ": node " + expected + ", stringify " + stringified
                        + ", reserialise " + reserialised);
            }
        }
        assertEquals(
                List.of(),
                mismatches.subList(0, Math.min(10, mismatches.size())),
                mismatches.size() + " of " + RANDOM_DOUBLES.size() + " differ");
    }

    private static ObjectNode caseOf(String id, String kind) {
        return Json.mapper().createObjectNode().put("id", id).put("kind", kind);
    }

    private static String node(String id) {
        return new String(Base64.getDecoder().decode(node.get(id).get("out").asText()), StandardCharsets.UTF_8);
    }

    private static void assertSameBytes(String expectedFromNode, byte[] actual) {
        // Compare bytes, then show the texts with non-ASCII made visible if they differ.
        byte[] expected = expectedFromNode.getBytes(StandardCharsets.UTF_8);
        if (!java.util.Arrays.equals(expected, actual)) {
            assertEquals(visible(expectedFromNode), visible(new String(actual, StandardCharsets.UTF_8)));
        }
    }

    private static String visible(String s) {
        StringBuilder out = new StringBuilder();
        s.chars()
                .forEach(
                        c -> out.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("<%04x>", c)));
        return out.toString();
    }
}

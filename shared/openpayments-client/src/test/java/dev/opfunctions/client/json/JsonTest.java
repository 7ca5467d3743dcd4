package dev.opfunctions.client.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected texts are what Node 20's JSON.stringify printed for the same values (see JsonNodeInteropTest for the live check). */
class JsonTest {

    record Amount(String value, String assetCode, int assetScale) {}

    record Payment(String walletAddress, Amount incomingAmount, String expiresAt) {}

    @Test
    void writesRecordsCompactlyInDeclarationOrderWithoutNulls() {
        Payment payment = new Payment("https://ilp.example.com/alice", new Amount("2500", "USD", 2), null);

        assertEquals(
                "{\"walletAddress\":\"https://ilp.example.com/alice\",\"incomingAmount\":{\"value\":\"2500\",\"assetCode\":\"USD\",\"assetScale\":2}}",
                text(Json.stringify(payment)));
    }

    record Body(String walletAddress, Amount incomingAmount, Map<String, Object> metadata) {}

    @Test
    void keepsNullMembersOfFreeFormDataButOmitsAbsentRecordComponents() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("x", null);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("keep", 1);
        metadata.put("gone", null);
        metadata.put("nested", nested);
        metadata.put("list", java.util.Arrays.asList(null, "a"));
        metadata.put("tree", Json.parseTree("{\"t\":null}".getBytes(StandardCharsets.UTF_8)));

        assertEquals(
                "{\"walletAddress\":\"https://ilp.example.com/alice\",\"metadata\":{\"keep\":1,\"gone\":null,"
                        + "\"nested\":{\"x\":null},\"list\":[null,\"a\"],\"tree\":{\"t\":null}}}",
                text(Json.stringify(new Body("https://ilp.example.com/alice", null, metadata))));
        assertEquals(
                "{\"walletAddress\":\"https://ilp.example.com/alice\"}",
                text(Json.stringify(new Body("https://ilp.example.com/alice", null, null))));
    }

    @Test
    void movesArrayIndexKeysFirstAsJsObjectsDo() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("b", 1);
        metadata.put("1", 2);
        metadata.put("a", "x");
        metadata.put("0", 3);
        metadata.put("4294967294", 4);
        metadata.put("4294967295", 5);
        metadata.put("01", 6);

        assertEquals(
                "{\"0\":3,\"1\":2,\"4294967294\":4,\"b\":1,\"a\":\"x\",\"4294967295\":5,\"01\":6}",
                text(Json.stringify(metadata)));
    }

    @Test
    void escapesStringsLikeJs() {
        List<String> strings = List.of("\u0000\u001f\b\f\n\r\t\"\\/\u007f\u2028\ud800\udc00x\udc00\ud800", "<&>\u00e9");

        assertEquals(
                "[\"\\u0000\\u001f\\b\\f\\n\\r\\t\\\"\\\\/\u007f\u2028\ud800\udc00x\\udc00\\ud800\",\"<&>\u00e9\"]",
                new String(Json.stringify(strings), StandardCharsets.UTF_8));
    }

    @Test
    void writesNumbersLikeJs() {
        List<Object> numbers = List.of(
                5e-324,
                1e21,
                1e-7,
                0.000001,
                123456789012345680000d,
                -0.0,
                1.5,
                2.0,
                0.1 + 0.2,
                1e300,
                9007199254740992L,
                4.35,
                100,
                1.234e-7,
                0.1f,
                new BigDecimal("2.50"),
                BigInteger.TWO.pow(53).add(BigInteger.TWO));

        assertEquals(
                "[5e-324,1e+21,1e-7,0.000001,123456789012345680000,0,1.5,2,0.30000000000000004,1e+300,"
                        + "9007199254740992,4.35,100,1.234e-7,0.1,2.5,9007199254740994]",
                text(Json.stringify(numbers)));
    }

    @Test
    void refusesIntegersThatJsonParseWouldChange() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Json.stringify(Map.of("value", new BigInteger("12345678901234567890"))));

        assertEquals(true, e.getMessage().contains("send it as a string"));
        // 2^60 is a double, but JS writes it as 1152921504606847000: another number for any non-JS reader.
        assertThrows(IllegalArgumentException.class, () -> Json.stringify(List.of(1L << 60)));
        assertThrows(
                IllegalArgumentException.class,
                () -> Json.stringify(List.of(new BigDecimal("0.10000000000000000001"))));
    }

    @Test
    void reserialisesLikeJsonStringifyOfJsonParse() {
        byte[] sent =
                "{ \"a\" : 1, \"a\": 2, \"b\": [1e400, -1e400, 1E2, 12345678901234567890, 0.30000000000000004, -0.0] }"
                        .getBytes(StandardCharsets.UTF_8);

        assertEquals(
                "{\"a\":2,\"b\":[null,null,100,12345678901234567000,0.30000000000000004,0]}",
                text(Json.reserialise(sent)));
    }

    record WithRaw(
            @com.fasterxml.jackson.annotation.JsonRawValue String payload) {}

    @Test
    void rewritesRawJsonValuesTheJsWay() {
        assertEquals("{\"payload\":{\"1\":1,\"b\":2}}", text(Json.stringify(new WithRaw("{ \"b\": 2, \"1\": 1.0 }"))));
    }

    @Test
    void refusesTrailingTextLikeJsonParse() {
        assertThrows(IllegalArgumentException.class, () -> Json.parseTree("{} x".getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

package dev.opfunctions.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The compressed document: it reads back exactly, refuses an encoding it does not know, and is much smaller
 * than the JSON string the first layout stored. Prints bytes before and after for every golden document, as
 * they are and with wallet addresses and resource ids as long as real ones (about 120 characters).
 */
class DocCodecTest {

    /** Golden hosts to long ones (tenant paths and long account names, as Rafiki-style wallets have). */
    static String realistic(String json) {
        return json.replace(
                        "https://cloudnine.example", "https://ilp.customer-bank-of-the-americas.example/3b1d6a3e-5f6c")
                .replace("/customer\"", "/accounts/customer-4a0e-9d9b-0c1f2e3d4a5b-personal-checking\"")
                .replace("https://happylife.example", "https://ilp.marketplace-payments-platform.example/7c8d9e0f-1a2b")
                .replace("/retailer\"", "/merchants/happylife-retail-store-mexico-city-4c3d-8e4f-5a6b7c8d9e0f\"")
                .replace("https://market.example", "https://ilp.marketplace-payments-platform.example/0c1d2e3f-4a5b")
                .replace("/fees\"", "/merchants/marketplace-fees-account-8a9b-0c1d2e3f4a5b\"");
    }

    @Test
    void everyGoldenDocumentShrinksAndReadsBackExactly() throws Exception {
        long plain = 0, packed = 0, longPlain = 0, longPacked = 0;
        System.out.printf(
                "%-45s %6s %6s | %6s %6s (bytes, ~120-character ids)%n",
                "document", "json", "deflate", "json", "deflate");
        for (Path file : GoldenCheckouts.files()) {
            JsonNode doc = CheckoutJson.MAPPER.readTree(GoldenCheckouts.read(file));
            JsonNode longDoc = CheckoutJson.MAPPER.readTree(realistic(doc.toString()));
            int[] a = sizes(doc), b = sizes(longDoc);
            System.out.printf("%-45s %6d %6d | %6d %6d%n", file.getFileName(), a[0], a[1], b[0], b[1]);
            plain += a[0];
            packed += a[1];
            longPlain += b[0];
            longPacked += b[1];
        }
        System.out.printf(
                "all: %d -> %d bytes (%.0f %%); with long ids %d -> %d bytes (%.0f %%)%n",
                plain, packed, 100.0 * packed / plain, longPlain, longPacked, 100.0 * longPacked / longPlain);
        assertTrue(longPacked * 3 < longPlain, "at least three times smaller");
    }

    /** The compact JSON the first layout stored, and the compressed bytes; checks the round trip. */
    private static int[] sizes(JsonNode doc) throws Exception {
        byte[] packed = DocCodec.encode(doc);
        JsonNode back = CheckoutJson.MAPPER.readTree(DocCodec.decode(DocCodec.ENCODING, packed));
        assertEquals(DocCodec.withoutNulls(doc), back);
        return new int[] {doc.toString().getBytes(StandardCharsets.UTF_8).length, packed.length};
    }

    @Test
    void refusesAnEncodingItDoesNotKnowAndBytesThatDoNotInflate() {
        byte[] packed = DocCodec.encode(CheckoutJson.MAPPER.createObjectNode().put("a", 1));
        assertThrows(IllegalArgumentException.class, () -> DocCodec.decode(2, packed));
        assertThrows(IllegalArgumentException.class, () -> DocCodec.decode(1, new byte[] {1, 2, 3}));
    }
}

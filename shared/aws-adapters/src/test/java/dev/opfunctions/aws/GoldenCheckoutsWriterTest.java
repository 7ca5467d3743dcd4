package dev.opfunctions.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.checkout.model.Checkout;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the golden files from {@link StoredCheckoutSamples} with the real serializer. Runs only when
 * asked ({@code -Dgolden.update=true}): the committed files are the stored form of the day they were
 * written, and regenerating them after a change to the records would hide exactly the break they catch.
 * Regenerate only to add samples (a new state), and review the diff: existing documents must not change.
 */
@EnabledIfSystemProperty(named = "golden.update", matches = "true")
class GoldenCheckoutsWriterTest {

    @Test
    void writesEverySampleAsItsStoredDocument() throws IOException {
        Files.createDirectories(GoldenCheckouts.folder());
        Map<String, Checkout> samples = StoredCheckoutSamples.all();
        for (var e : samples.entrySet()) {
            JsonNode stored = CheckoutJson.MAPPER.readTree(StoredCheckoutForm.write(e.getValue()));
            String pretty = CheckoutJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(stored);
            Files.writeString(GoldenCheckouts.folder().resolve(e.getKey() + ".json"), pretty + "\n");
        }
        assertEquals(samples.size(), GoldenCheckouts.files().size(), "a golden file no sample writes any more");
    }
}

package dev.opfunctions.client.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.opfunctions.client.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AmountJsonTest {

    @Test
    void writesOnlyTheThreeWireFields() {
        assertEquals(
                "{\"value\":\"0\",\"assetCode\":\"USD\",\"assetScale\":2}",
                new String(Json.stringify(Amount.zero("USD", 2)), StandardCharsets.UTF_8));
    }

    @Test
    void refusesNegativeFractionalAndTooLargeValues() {
        assertEquals(
                "value",
                assertThrows(Amount.InvalidAmountException.class, () -> Amount.of(-1, "USD", 2))
                        .field());
        assertEquals(
                "value",
                assertThrows(Amount.InvalidAmountException.class, () -> Amount.parse("1.5", "USD", 2))
                        .field());
        assertEquals(
                "value",
                assertThrows(Amount.InvalidAmountException.class, () -> Amount.parse("18446744073709551616", "USD", 2))
                        .field());
        assertEquals(
                Amount.MAX_VALUE, Amount.parse("18446744073709551615", "USD", 2).value());
    }
}

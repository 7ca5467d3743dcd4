package dev.opfunctions.aws;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.opfunctions.checkout.model.WalletAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The stored JSON forms of the table's documents (the {@code doc} attribute). Records map field by
 * field, instants as ISO-8601 strings, amounts in their Open Payments wire form. A checkout's document
 * is versioned and read strictly ({@link StoredCheckoutForm}); a cached wallet document tolerates
 * unknown fields, since a cache entry that reads badly is only fetched again.
 */
final class CheckoutJson {

    /** Writes every document, and reads the wallet cache's leniently. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * Reads checkout documents: a property no record component takes (renamed or removed since the document
     * was written) or an enum constant it does not know is an error, never skipped. A list component absent
     * from an older document reads as empty (a component added later, such as a leg's attempts), other absent
     * components as null or zero (so null for numbers is not refused either: Jackson treats an absent creator
     * property as null); {@link StoredCheckoutForm} requires the parts no checkout can lack.
     */
    static final ObjectMapper STRICT = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .withConfigOverride(List.class, o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)))
            .build();

    private CheckoutJson() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static WalletAddress wallet(String json) {
        try {
            return MAPPER.readValue(json, WalletAddress.class);
        } catch (IOException e) {
            throw new UncheckedIOException("stored WalletAddress is unreadable", e);
        }
    }
}

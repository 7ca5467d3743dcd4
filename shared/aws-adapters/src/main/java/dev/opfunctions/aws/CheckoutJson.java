package dev.opfunctions.aws;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.WalletAddress;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The stored JSON form of a checkout (the {@code doc} attribute). Records map field by field,
 * instants as ISO-8601 strings, amounts in their Open Payments wire form. Unknown fields are
 * tolerated so a newer writer's documents stay readable during a deployment.
 */
final class CheckoutJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private CheckoutJson() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Checkout checkout(String json) {
        return read(json, Checkout.class);
    }

    static WalletAddress wallet(String json) {
        return read(json, WalletAddress.class);
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("stored " + type.getSimpleName() + " is unreadable", e);
        }
    }
}

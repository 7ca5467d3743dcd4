package dev.opfunctions.checkout.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The delivery queue's message: attempt the webhook of event {@code sequence} of {@code checkoutId}. */
public record DeliveryCommand(String checkoutId, long sequence) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public String encode() {
        return MAPPER.createObjectNode()
                .put("checkoutId", checkoutId)
                .put("sequence", sequence)
                .toString();
    }

    /** @throws IllegalArgumentException when the body is not a delivery command */
    public static DeliveryCommand decode(String body) {
        try {
            JsonNode n = MAPPER.readTree(body);
            if (n == null
                    || !n.path("checkoutId").isTextual()
                    || !n.path("sequence").canConvertToLong())
                throw new IllegalArgumentException("not a delivery command");
            return new DeliveryCommand(
                    n.get("checkoutId").asText(), n.get("sequence").asLong());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("a delivery command must be JSON", e);
        }
    }
}

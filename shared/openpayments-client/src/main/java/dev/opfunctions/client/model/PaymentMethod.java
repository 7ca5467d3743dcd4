package dev.opfunctions.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An ILP payment method of an incoming payment. {@code sharedSecret} is a secret: not shown by {@link #toString()}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentMethod(String type, String ilpAddress, String sharedSecret) {

    public PaymentMethod {
        Check.requiredText(type, "type");
        if (type.equals("ilp")) {
            Check.requiredText(ilpAddress, "ilpAddress");
            Check.requiredText(sharedSecret, "sharedSecret");
        }
    }

    @Override
    public String toString() {
        return "PaymentMethod[type=" + type + ", ilpAddress=" + ilpAddress + ", sharedSecret=<redacted>]";
    }
}

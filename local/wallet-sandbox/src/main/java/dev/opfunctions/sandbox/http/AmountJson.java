package dev.opfunctions.sandbox.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.client.json.Json;
import dev.opfunctions.client.model.Amount;

/**
 * The spec's {@code amount} object, written field by field ({@code value} as a string, then
 * {@code assetCode}, {@code assetScale}) so that no other bean property of {@link Amount} leaks
 * onto the wire.
 */
public final class AmountJson {

    private AmountJson() {}

    public static ObjectNode of(Amount amount) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("value", amount.value().toString());
        node.put("assetCode", amount.assetCode());
        node.put("assetScale", amount.assetScale());
        return node;
    }
}

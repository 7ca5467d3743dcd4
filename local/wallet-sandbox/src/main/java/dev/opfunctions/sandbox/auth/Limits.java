package dev.opfunctions.sandbox.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.client.json.Json;
import dev.opfunctions.client.model.Amount;

/**
 * The limits of an outgoing-payment access item: at most one of the amounts, an optional fixed
 * receiver (an incoming payment URL) and an optional ISO 8601 repeating interval.
 */
public record Limits(String receiver, String interval, Amount debitAmount, Amount receiveAmount) {

    static Limits fromJson(JsonNode node) {
        return new Limits(
                node.hasNonNull("receiver") ? node.get("receiver").asText() : null,
                node.hasNonNull("interval") ? node.get("interval").asText() : null,
                amount(node.get("debitAmount")),
                amount(node.get("receiveAmount")));
    }

    private static Amount amount(JsonNode node) {
        if (node == null || node.isNull()) return null;
        return Amount.parse(
                node.path("value").asText(),
                node.path("assetCode").asText(),
                node.path("assetScale").asInt());
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.mapper().createObjectNode();
        if (receiver != null) node.put("receiver", receiver);
        if (debitAmount != null) node.set("debitAmount", dev.opfunctions.sandbox.http.AmountJson.of(debitAmount));
        if (receiveAmount != null) node.set("receiveAmount", dev.opfunctions.sandbox.http.AmountJson.of(receiveAmount));
        if (interval != null) node.put("interval", interval);
        return node;
    }
}

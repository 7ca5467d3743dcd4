package dev.opfunctions.sandbox.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.client.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * One granted access item: a resource type, the actions on it, optionally the wallet address it is
 * limited to, and for outgoing payments the limits.
 */
public record AccessItem(String type, List<String> actions, String identifier, Limits limits) {

    public static final String INCOMING_PAYMENT = "incoming-payment";
    public static final String QUOTE = "quote";
    public static final String OUTGOING_PAYMENT = "outgoing-payment";

    static AccessItem fromJson(JsonNode node) {
        List<String> actions = new ArrayList<>();
        node.path("actions").forEach(a -> actions.add(a.asText()));
        String identifier =
                node.hasNonNull("identifier") ? node.get("identifier").asText() : null;
        Limits limits = node.has("limits") ? Limits.fromJson(node.get("limits")) : null;
        return new AccessItem(node.path("type").asText(), List.copyOf(actions), identifier, limits);
    }

    /**
     * Whether this granted item allows {@code action} of {@code type} on {@code walletAddress}, as
     * Rafiki compares them: {@code read-all} covers {@code read}, {@code list-all} covers
     * {@code list}, and an item without an identifier covers every wallet address. A null
     * {@code walletAddress} asks about any wallet address.
     */
    public boolean allows(String type, String action, String walletAddress) {
        if (!this.type.equals(type)) return false;
        boolean actionOk = actions.contains(action)
                || (action.equals("read") && actions.contains("read-all"))
                || (action.equals("list") && actions.contains("list-all"));
        if (!actionOk) return false;
        return walletAddress == null || identifier == null || identifier.isEmpty() || identifier.equals(walletAddress);
    }

    /** The wire form, in the order Rafiki writes it: type, actions, identifier, limits. */
    public ObjectNode toJson() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("type", type);
        ArrayNode a = node.putArray("actions");
        actions.forEach(a::add);
        if (identifier != null) node.put("identifier", identifier);
        if (limits != null) node.set("limits", limits.toJson());
        return node;
    }
}

package dev.opfunctions.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies for tests, in the key order the JS client would send them. */
final class Bodies {

    private Bodies() {}

    static Map<String, Object> amount(String value, String code) {
        return ordered("value", value, "assetCode", code, "assetScale", 2);
    }

    static Map<String, Object> nonInteractiveGrant(String client, String type, List<String> actions) {
        return ordered(
                "access_token",
                ordered("access", List.of(ordered("type", type, "actions", actions))),
                "client",
                client);
    }

    static Map<String, Object> outgoingGrant(
            String client, String identifier, Map<String, Object> limits, String finishUri, String nonce) {
        Map<String, Object> item =
                ordered("type", "outgoing-payment", "actions", List.of("create", "read"), "identifier", identifier);
        if (limits != null) item.put("limits", limits);
        Map<String, Object> interact = ordered("start", List.of("redirect"));
        if (finishUri != null) interact.put("finish", ordered("method", "redirect", "uri", finishUri, "nonce", nonce));
        return ordered("access_token", ordered("access", List.of(item)), "interact", interact, "client", client);
    }

    static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}

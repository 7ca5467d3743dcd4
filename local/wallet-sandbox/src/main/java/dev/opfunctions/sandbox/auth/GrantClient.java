package dev.opfunctions.sandbox.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.keys.Jwk;
import dev.opfunctions.sandbox.wallet.JwkJson;
import java.util.Optional;

/**
 * Who asked for a grant, in one of the three {@code client} forms: a wallet address (the deprecated
 * string form or {@code {walletAddress}}), or an embedded key ({@code {jwk}}, "directed identity",
 * only for grants that need no interaction).
 */
public sealed interface GrantClient {

    record WalletAddressClient(String walletAddress) implements GrantClient {}

    record KeyClient(Jwk jwk) implements GrantClient {}

    /** Reads the {@code client} field; empty when it has none of the three forms. */
    static Optional<GrantClient> fromJson(JsonNode client) {
        if (client == null) return Optional.empty();
        if (client.isTextual()) return Optional.of(new WalletAddressClient(client.asText()));
        if (client.has("walletAddress") && client.get("walletAddress").isTextual()) {
            return Optional.of(
                    new WalletAddressClient(client.get("walletAddress").asText()));
        }
        if (client.has("jwk")) return JwkJson.read(client.get("jwk")).map(KeyClient::new);
        return Optional.empty();
    }

    /** How the client is described to people and in introspection. */
    default String describe() {
        return switch (this) {
            case WalletAddressClient w -> w.walletAddress();
            case KeyClient k -> "key " + k.jwk().kid();
        };
    }
}

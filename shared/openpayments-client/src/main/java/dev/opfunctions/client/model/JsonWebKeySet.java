package dev.opfunctions.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * The keys a wallet address publishes at {@code {walletAddress}/jwks.json}. Each key is kept as the
 * JSON the server sent (an Ed25519 JWK: {@code kid, alg, kty, crv, x}), checked for the required members.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JsonWebKeySet(List<JsonNode> keys) {

    public JsonWebKeySet {
        Check.required(keys, "keys");
        for (int i = 0; i < keys.size(); i++) {
            JsonNode k = keys.get(i);
            if (k == null || !k.isObject()) throw new InvalidFieldException("keys[" + i + "]", "must be a JSON object");
            for (String member : new String[] {"kid", "alg", "kty", "crv", "x"}) {
                if (!k.path(member).isTextual()) throw new InvalidFieldException("keys[" + i + "]." + member, "is required");
            }
        }
        keys = List.copyOf(keys);
    }

    /** The key with the given {@code kid}. */
    public Optional<JsonNode> find(String kid) {
        return keys.stream().filter(k -> kid.equals(k.path("kid").asText())).findFirst();
    }
}

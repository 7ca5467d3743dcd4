package dev.opfunctions.sandbox.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.keys.Jwk;
import java.util.Optional;

/** Reads a client's JWK from JSON (a grant's {@code client.jwk}, a JWKS entry, the admin API). */
public final class JwkJson {

    private JwkJson() {}

    /** The Ed25519 JWK in {@code node}; empty when it is not one. */
    public static Optional<Jwk> read(JsonNode node) {
        if (node == null || !node.isObject()) return Optional.empty();
        try {
            return Optional.of(new Jwk(
                    text(node, "kid"),
                    text(node, "alg"),
                    text(node, "kty"),
                    text(node, "crv"),
                    text(node, "x"),
                    text(node, "use")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }
}

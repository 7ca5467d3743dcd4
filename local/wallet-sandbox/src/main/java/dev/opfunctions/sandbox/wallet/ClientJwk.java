package dev.opfunctions.sandbox.wallet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A client's public Ed25519 key as a JWK ({@code json-web-key} in the specs), as the sandbox stores
 * and publishes it at {@code {walletAddress}/jwks.json}.
 */
@JsonPropertyOrder({"kid", "alg", "kty", "crv", "x", "use"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientJwk(String kid, String alg, String kty, String crv, String x, String use) {

    public ClientJwk {
        if (kid == null || kid.isBlank()) throw new IllegalArgumentException("JWK kid is required");
        if (!"EdDSA".equals(alg) || !"OKP".equals(kty) || !"Ed25519".equals(crv)) {
            throw new IllegalArgumentException("only Ed25519 JWKs (alg EdDSA, kty OKP, crv Ed25519) are accepted");
        }
        if (x == null || !x.matches("[A-Za-z0-9_-]{43}")) {
            throw new IllegalArgumentException("JWK x must be a 32-byte key in base64url without padding");
        }
    }

    public static ClientJwk of(String kid, String x) {
        return new ClientJwk(kid, "EdDSA", "OKP", "Ed25519", x, null);
    }

    /** Reads a JWK object; empty if it is not a usable Ed25519 key. */
    public static Optional<ClientJwk> fromJson(JsonNode node) {
        if (node == null || !node.isObject()) return Optional.empty();
        try {
            return Optional.of(new ClientJwk(text(node, "kid"), text(node, "alg"), text(node, "kty"), text(node, "crv"),
                    text(node, "x"), text(node, "use")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }
}

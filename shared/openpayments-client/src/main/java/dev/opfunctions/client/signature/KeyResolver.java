package dev.opfunctions.client.signature;

import dev.opfunctions.client.keys.Jwk;
import java.util.Optional;

/**
 * Finds the client's public key for a {@code keyid}: from the client wallet address's {@code jwks.json},
 * a grant's stored client, or a JWK sent in the grant request.
 */
@FunctionalInterface
public interface KeyResolver {

    /** The key whose {@code kid} is {@code keyId}, or empty when the client has no such key. */
    Optional<Jwk> find(String keyId);
}

package dev.opfunctions.client.keys;

import java.util.List;
import java.util.Optional;

/**
 * A JSON Web Key Set, the body of {@code {walletAddress}/jwks.json}: {@code {"keys":[…]}}.
 *
 * @param keys the published keys, never {@code null}
 */
public record Jwks(List<Jwk> keys) {

    public Jwks {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }

    /** A set of the given keys. */
    public static Jwks of(Jwk... keys) {
        return new Jwks(List.of(keys));
    }

    /** The key whose {@code kid} equals {@code keyId} exactly, as Rafiki looks it up. */
    public Optional<Jwk> find(String keyId) {
        return keys.stream().filter(k -> k.kid().equals(keyId)).findFirst();
    }
}

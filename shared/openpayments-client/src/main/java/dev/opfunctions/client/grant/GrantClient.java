package dev.opfunctions.client.grant;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.json.Json;

/**
 * The {@code client} field of a grant request: how the AS finds the key that signed it.
 * {@link ByWalletAddress} ({@code {"walletAddress":…}}) is the default; {@link ByString} is the
 * deprecated bare string the JS client still sends; {@link ByJwk} is directed identity, which the
 * AS accepts only for non-interactive grants.
 */
public sealed interface GrantClient {

    static GrantClient walletAddress(String url) {
        return new ByWalletAddress(url);
    }

    /** {@code {"walletAddress":"https://…"}} */
    record ByWalletAddress(String walletAddress) implements GrantClient {}

    /** {@code "https://…"} (deprecated in spec 1.3, kept for older servers). */
    record ByString(String walletAddress) implements GrantClient {
        @JsonValue
        public String wire() {
            return walletAddress;
        }
    }

    /** {@code {"jwk":{kid,alg,kty,crv,x}}}; accepts any object Jackson can turn into that JSON. */
    record ByJwk(JsonNode jwk) implements GrantClient {
        public static ByJwk of(Object jwk) {
            return new ByJwk(Json.mapper().valueToTree(jwk));
        }
    }
}

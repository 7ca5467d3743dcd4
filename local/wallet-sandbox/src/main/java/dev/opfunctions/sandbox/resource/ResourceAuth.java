package dev.opfunctions.sandbox.resource;

import dev.opfunctions.client.keys.Jwk;
import dev.opfunctions.sandbox.auth.AccessItem;
import dev.opfunctions.sandbox.auth.ClientResolver;
import dev.opfunctions.sandbox.auth.GrantClient;
import dev.opfunctions.sandbox.auth.Introspection;
import dev.opfunctions.sandbox.auth.TokenIntrospection;
import dev.opfunctions.sandbox.http.ApiException;
import dev.opfunctions.sandbox.http.HttpCall;
import dev.opfunctions.sandbox.http.SignatureVerification;
import java.util.Map;

/**
 * The resource server's token and signature checks, in Rafiki's order and wording: the GNAP header,
 * introspection at the provider's own auth server (403 "Inactive Token" / "Insufficient Grant",
 * with {@code WWW-Authenticate}), then the signature with the key of the grant's client.
 */
final class ResourceAuth {

    /** Who is calling and with what right. {@code all} means read-all or list-all. */
    record Authorized(String grantId, AccessItem access, GrantClient client, boolean all) {
        /** The identity resources are tagged with, so "read" only sees the caller's own. */
        String clientKey() {
            return ResourceAuth.clientKey(client);
        }
    }

    private final TokenIntrospection introspection;
    private final ClientResolver clients;
    private final SignatureVerification signatures;
    private final String authServer;
    private final boolean verify;

    ResourceAuth(
            TokenIntrospection introspection,
            ClientResolver clients,
            SignatureVerification signatures,
            String authServer,
            boolean verify) {
        this.introspection = introspection;
        this.clients = clients;
        this.signatures = signatures;
        this.authServer = authServer;
        this.verify = verify;
    }

    static String clientKey(GrantClient client) {
        return switch (client) {
            case GrantClient.WalletAddressClient w -> w.walletAddress();
            case GrantClient.KeyClient k -> "jwk:" + k.jwk().x();
        };
    }

    /**
     * Checks the token allows {@code action} on {@code type} for {@code walletAddress} (null: any
     * wallet address) and that the request is signed by the grant's client.
     */
    Authorized authorize(HttpCall call, String type, String action, String walletAddress) {
        String header = call.header("authorization").orElse("");
        String[] parts = header.split(" ", -1);
        if (parts.length != 2 || !parts[0].equals("GNAP")) {
            throw new ApiException.Resource(401, "Missing or invalid authorization header value").withAsUri(authServer);
        }
        Introspection result = introspection.introspect(parts[1], type, action, walletAddress);
        if (!(result instanceof Introspection.Active active)) {
            throw new ApiException.Resource(403, "Inactive Token").withAsUri(authServer);
        }
        if (active.matchingAccess().isEmpty()) {
            throw new ApiException.Resource(403, "Insufficient Grant").withAsUri(authServer);
        }
        if (active.matchingAccess().size() != 1) {
            throw new ApiException.Resource(500, "Unexpected number of access items").withAsUri(authServer);
        }
        AccessItem access = active.matchingAccess().get(0);
        boolean all = (action.equals("read") && access.actions().contains("read-all"))
                || (action.equals("list") && access.actions().contains("list-all"));
        verifySignature(call, active.client());
        return new Authorized(active.grantId(), access, active.client(), all);
    }

    private void verifySignature(HttpCall call, GrantClient client) {
        if (!verify) return;
        String keyId = signatures
                .keyId(call)
                .orElseThrow(() -> new ApiException.Resource(
                        401,
                        "Signature validation error: missing keyId in signature input",
                        Map.of("client", clientKey(client)),
                        null));
        Jwk key = clients.key(client, keyId)
                .orElseThrow(() -> new ApiException.Resource(
                        401,
                        "Signature validation error: could not find key in list of client keys",
                        Map.of("client", clientKey(client), "keyIdInSignature", keyId),
                        null));
        if (!signatures.verify(call, key)) {
            throw new ApiException.Resource(
                    401,
                    "Signature validation error: provided signature is invalid",
                    Map.of("client", clientKey(client), "keyIdInSignature", keyId),
                    null);
        }
    }
}

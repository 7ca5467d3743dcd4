package dev.opfunctions.sandbox.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.client.json.Json;
import dev.opfunctions.sandbox.http.ApiException;
import dev.opfunctions.sandbox.http.HttpCall;
import dev.opfunctions.sandbox.http.HttpReply;

/**
 * Token management at {@code /token/{managementId}}: rotation (POST) revokes the token and issues a
 * new value with a new management URL; revocation (DELETE) answers 204. Expired tokens can be
 * rotated, revoked ones cannot (Rafiki: 401 invalid_client "invalid access token").
 */
final class TokenRoutes {

    private final AuthServer as;

    TokenRoutes(AuthServer as) {
        this.as = as;
    }

    HttpReply rotate(HttpCall call, String managementId) {
        AccessToken old = authenticate(call, managementId);
        Grant grant = as.store.grant(old.grantId).orElseThrow();
        synchronized (grant) {
            if (old.revoked()) throw new ApiException.Gnap(404, "invalid_rotation", "invalid access token");
            old.revokedAt = as.clock.instant();
            AccessToken fresh = as.issueToken(grant);
            ObjectNode response = Json.mapper().createObjectNode();
            response.set("access_token", as.accessTokenObject(grant, fresh));
            return HttpReply.json(200, response);
        }
    }

    HttpReply revoke(HttpCall call, String managementId) {
        AccessToken token = authenticate(call, managementId);
        synchronized (token) {
            if (token.revokedAt == null) token.revokedAt = as.clock.instant();
        }
        return HttpReply.noContent();
    }

    /** Rafiki's tokenHttpsigMiddleware: headers, the unrevoked token, then its grant client's signature. */
    private AccessToken authenticate(HttpCall call, String managementId) {
        as.checks.body(call, "/token/" + managementId);
        as.checks.requireSignatureHeaders(call, false);
        AccessToken token = as.store
                .liveTokenByManagementId(managementId)
                .orElseThrow(() -> new ApiException.Gnap(401, "invalid_client", "invalid access token"));
        Grant grant = as.store
                .grant(token.grantId)
                .orElseThrow(() -> new ApiException.Gnap(500, "request_denied", "internal server error"));
        as.checks.verifySignatureFrom(grant.client, call);
        return token;
    }
}

package dev.opfunctions.sandbox.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.client.json.Json;
import dev.opfunctions.sandbox.http.ApiException;
import dev.opfunctions.sandbox.http.HttpCall;
import dev.opfunctions.sandbox.http.HttpReply;
import java.time.Instant;

/**
 * {@code POST /continue/{id}} (with {@code interact_ref}, or empty to poll) and
 * {@code DELETE /continue/{id}} (cancel), with Rafiki's checks, codes and messages.
 */
final class Continuations {

    private final AuthServer as;

    Continuations(AuthServer as) {
        this.as = as;
    }

    HttpReply continueGrant(HttpCall call, String continueId) {
        JsonNode body = as.checks.body(call, "/continue/" + continueId);
        Grant grant = authenticate(call, continueId);
        synchronized (grant) {
            if (body == null || body.isEmpty()) return poll(grant);
            JsonNode ref = body.get("interact_ref");
            if (ref == null || !ref.isTextual() || ref.asText().isEmpty()) {
                throw new ApiException.Gnap(401, "invalid_request", "missing interaction reference");
            }
            Interaction interaction = as.store.interactionByRef(ref.asText()).orElse(null);
            if (interaction == null || !interaction.grantId.equals(grant.id) || grant.rejected() || grant.revoked()) {
                throw new ApiException.Gnap(404, "invalid_continuation", "grant not found");
            }
            if (stillWaiting(grant)) {
                throw new ApiException.Gnap(400, "too_fast", "continued grant faster than \"wait\" period");
            }
            if (grant.state != Grant.State.APPROVED) {
                throw new ApiException.Gnap(401, "request_denied", "grant interaction not approved");
            }
            return issue(grant);
        }
    }

    private HttpReply poll(Grant grant) {
        if (stillWaiting(grant)) {
            throw new ApiException.Gnap(400, "too_fast", "polled grant faster than \"wait\" period");
        }
        if (grant.finishable()) {
            throw new ApiException.Gnap(401, "request_denied", "grant cannot be polled");
        }
        if (grant.state == Grant.State.PENDING) {
            grant.lastContinuedAt = as.clock.instant();
            ObjectNode response = Json.mapper().createObjectNode();
            response.set("continue", as.continueObject(grant, true));
            return HttpReply.json(200, response);
        }
        if (grant.state != Grant.State.APPROVED) {
            throw new ApiException.Gnap(401, "request_denied", "grant cannot be continued");
        }
        return issue(grant);
    }

    private HttpReply issue(Grant grant) {
        AccessToken token = as.issueToken(grant);
        grant.state = Grant.State.FINALIZED;
        grant.finalization = Grant.Finalization.ISSUED;
        return HttpReply.json(200, as.grantResponse(grant, token));
    }

    HttpReply cancel(HttpCall call, String continueId) {
        Grant grant = authenticate(call, continueId);
        synchronized (grant) {
            grant.state = Grant.State.FINALIZED;
            grant.finalization = Grant.Finalization.REVOKED;
            Instant now = as.clock.instant();
            as.store.tokensOf(grant.id).forEach(t -> {
                if (t.revokedAt == null) t.revokedAt = now;
            });
        }
        return HttpReply.noContent();
    }

    /** Rafiki's grantContinueHttpsigMiddleware: headers, the (id, token) pair, then the signature. */
    private Grant authenticate(HttpCall call, String continueId) {
        as.checks.requireSignatureHeaders(call, true);
        String token = AuthChecks.gnapToken(call);
        if (token == null) throw new ApiException.Gnap(401, "invalid_continuation", "missing continuation information");
        Grant grant = as.store
                .byContinue(continueId, token)
                .orElseThrow(() -> new ApiException.Gnap(401, "invalid_continuation", "invalid grant"));
        as.checks.verifySignatureFrom(grant.client, call);
        return grant;
    }

    private boolean stillWaiting(Grant grant) {
        return as.clock.instant().isBefore(grant.lastContinuedAt.plusSeconds(as.config.waitSeconds()));
    }
}

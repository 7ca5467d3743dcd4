package dev.opfunctions.sandbox.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.client.json.Json;
import dev.opfunctions.sandbox.SandboxClock;
import dev.opfunctions.sandbox.SandboxConfig;
import dev.opfunctions.sandbox.http.ApiException;
import dev.opfunctions.sandbox.http.HttpCall;
import dev.opfunctions.sandbox.http.HttpReply;
import dev.opfunctions.sandbox.http.RequestValidator;
import dev.opfunctions.sandbox.http.SignatureVerification;
import dev.opfunctions.sandbox.wallet.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One provider's GNAP authorization server, mounted at {@code {origin}/auth}: grant requests at the
 * mount point itself, {@code /continue/{id}}, {@code /token/{managementId}} and the consent pages
 * under {@code /interact/{id}/{nonce}}. Also answers its resource server's token introspection.
 */
public final class AuthServer implements TokenIntrospection {

    final Provider provider;
    final SandboxConfig config;
    final SandboxClock clock;
    final GrantStore store = new GrantStore();

    /** For tests and the admin API: whether the grant behind a continue URI of this server was revoked. */
    public Optional<Boolean> grantRevoked(String continueUri) {
        String id = continueUri.substring(continueUri.lastIndexOf('/') + 1);
        return store.revokedByContinueId(id);
    }

    final ClientResolver clients;
    final AuthChecks checks;
    private final Continuations continuations;
    private final TokenRoutes tokens;
    private final Interactions interactions;

    public AuthServer(
            Provider provider,
            SandboxConfig config,
            SandboxClock clock,
            ClientResolver clients,
            SignatureVerification signatures,
            RequestValidator validator) {
        this.provider = provider;
        this.config = config;
        this.clock = clock;
        this.clients = clients;
        this.checks =
                new AuthChecks(clients, signatures, validator, config.verifySignatures(), config.validateRequests());
        this.continuations = new Continuations(this);
        this.tokens = new TokenRoutes(this);
        this.interactions = new Interactions(this);
    }

    /** Routes a request whose path starts with {@code /auth}; {@code subPath} is the rest. */
    public HttpReply handle(HttpCall call, String subPath) {
        String[] seg = subPath.isEmpty() || subPath.equals("/")
                ? new String[0]
                : subPath.substring(1).split("/");
        String method = call.method();
        if (seg.length == 0 && method.equals("POST")) return requestGrant(call);
        if (seg.length == 2 && seg[0].equals("continue")) {
            if (method.equals("POST")) return continuations.continueGrant(call, seg[1]);
            if (method.equals("DELETE")) return continuations.cancel(call, seg[1]);
        }
        if (seg.length == 2 && seg[0].equals("token")) {
            if (method.equals("POST")) return tokens.rotate(call, seg[1]);
            if (method.equals("DELETE")) return tokens.revoke(call, seg[1]);
        }
        if (seg.length == 3 && seg[0].equals("interact") && method.equals("GET"))
            return interactions.page(seg[1], seg[2]);
        if (seg.length == 4 && seg[0].equals("interact") && seg[3].equals("choice") && method.equals("POST")) {
            return interactions.choose(seg[1], seg[2], call.form().get("choice"));
        }
        throw new ApiException.Gnap(404, "invalid_request", "Not Found");
    }

    private HttpReply requestGrant(HttpCall call) {
        JsonNode body = checks.body(call, "/");
        checks.requireSignatureHeaders(call, false);
        GrantClient client = GrantClient.fromJson(body.get("client"))
                .orElseThrow(() -> new ApiException.Gnap(400, "invalid_client", "could not determine client"));
        checks.verifySignatureFrom(client, call);

        List<AccessItem> access = new ArrayList<>();
        body.path("access_token").path("access").forEach(item -> access.add(AccessItem.fromJson(item)));
        boolean hasSubject = body.path("subject").path("sub_ids").size() > 0;
        if (access.isEmpty() && !hasSubject) {
            throw new ApiException.Gnap(400, "invalid_request", "subject or access_token required");
        }
        if (hasSubject) {
            throw new ApiException.Gnap(400, "invalid_request", "subject requests are not supported by the sandbox");
        }
        boolean interactive = false;
        for (AccessItem item : access) {
            boolean canSkip = (item.type().equals(AccessItem.INCOMING_PAYMENT)
                            || item.type().equals(AccessItem.QUOTE))
                    && !item.actions().contains("list-all");
            if (!canSkip && (item.identifier() == null || item.identifier().isEmpty())) {
                throw new ApiException.Gnap(400, "invalid_request", "access identifier required");
            }
            if (item.limits() != null
                    && item.limits().debitAmount() != null
                    && item.limits().receiveAmount() != null) {
                throw new ApiException.Gnap(400, "invalid_request", "only one access amount allowed");
            }
            interactive |= !canSkip;
        }
        return interactive ? pendingGrant(body, client, access) : approvedGrant(client, access);
    }

    private HttpReply approvedGrant(GrantClient client, List<AccessItem> access) {
        Grant grant = new Grant(
                GrantStore.newId(),
                GrantStore.newId(),
                GrantStore.newToken(),
                access,
                client,
                null,
                null,
                null,
                clock.instant(),
                Grant.State.APPROVED);
        store.add(grant);
        return HttpReply.json(200, grantResponse(grant, issueToken(grant)));
    }

    private HttpReply pendingGrant(JsonNode body, GrantClient client, List<AccessItem> access) {
        JsonNode interact = body.get("interact");
        if (interact == null || interact.isNull()) {
            throw new ApiException.Gnap(400, "invalid_request", "missing required request field 'interact'");
        }
        ClientResolver.ClientDisplay display = clients.display(client)
                .orElseThrow(
                        () -> new ApiException.Gnap(400, "invalid_client", "missing required request field 'client'"));
        JsonNode finish = interact.get("finish");
        Grant grant = new Grant(
                GrantStore.newId(),
                GrantStore.newId(),
                GrantStore.newToken(),
                access,
                client,
                display.name(),
                finish == null ? null : finish.path("uri").asText(),
                finish == null ? null : finish.path("nonce").asText(),
                clock.instant(),
                Grant.State.PENDING);
        Interaction interaction = new Interaction(
                GrantStore.newId(),
                GrantStore.newId(),
                GrantStore.newId(),
                grant.id,
                clock.instant(),
                config.interactionExpiry());
        grant.interaction = interaction;
        store.add(grant);
        store.add(interaction);

        ObjectNode response = Json.mapper().createObjectNode();
        response.putObject("interact")
                .put("redirect", Interactions.redirectUrl(provider, interaction, display))
                .put("finish", interaction.nonce);
        response.set("continue", continueObject(grant, true));
        return HttpReply.json(200, response);
    }

    AccessToken issueToken(Grant grant) {
        AccessToken token = new AccessToken(
                GrantStore.newToken(), GrantStore.newId(), grant.id, clock.instant(), config.tokenLifetime());
        store.add(token);
        return token;
    }

    ObjectNode accessTokenObject(Grant grant, AccessToken token) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("value", token.value);
        node.put("manage", provider.authServer() + "/token/" + token.managementId);
        node.put("expires_in", token.lifetime.toSeconds());
        ArrayNode items = node.putArray("access");
        grant.access.forEach(item -> items.add(item.toJson()));
        return node;
    }

    ObjectNode continueObject(Grant grant, boolean withWait) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.putObject("access_token").put("value", grant.continueToken);
        node.put("uri", provider.authServer() + "/continue/" + grant.continueId);
        if (withWait) node.put("wait", config.waitSeconds());
        return node;
    }

    ObjectNode grantResponse(Grant grant, AccessToken token) {
        ObjectNode response = Json.mapper().createObjectNode();
        response.set("access_token", accessTokenObject(grant, token));
        response.set("continue", continueObject(grant, false));
        return response;
    }

    @Override
    public Introspection introspect(String token, String type, String action, String walletAddress) {
        Optional<AccessToken> found = store.tokenByValue(token);
        if (found.isEmpty() || found.get().revoked() || found.get().expiredAt(clock.instant()))
            return new Introspection.Inactive();
        Grant grant = store.grant(found.get().grantId).orElse(null);
        if (grant == null || grant.revoked()) return new Introspection.Inactive();
        List<AccessItem> matching = grant.access.stream()
                .filter(a -> a.allows(type, action, walletAddress))
                .toList();
        return new Introspection.Active(grant.id, matching, grant.client);
    }

    /** Consent sessions still waiting for a person, for the admin API. */
    public List<PendingInteraction> pendingInteractions() {
        return interactions.pending();
    }

    /**
     * Approves or denies an interaction as the person on the consent page would.
     *
     * @return where the consent page would send the browser (the client's finish URI with
     *     {@code hash} and {@code interact_ref}, or {@code result=grant_rejected}); empty for grants
     *     without a finish URI (the client polls)
     */
    public Optional<String> decide(String interactionId, boolean approve) {
        return interactions.decide(interactionId, approve);
    }

    public boolean ownsInteraction(String interactionId) {
        return store.interaction(interactionId).isPresent();
    }
}

package dev.opfunctions.sandbox.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.client.json.Json;
import dev.opfunctions.sandbox.state.Records;
import dev.opfunctions.sandbox.state.Records.GrantRec;
import dev.opfunctions.sandbox.state.Records.InteractionRec;
import dev.opfunctions.sandbox.state.Records.TokenRec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One auth server's grants, tokens and interactions as persisted records, and back. Lives beside the
 * grant store because those objects are this package's own; the sandbox's persistence only moves records.
 */
public final class AuthState {

    private AuthState() {}

    /** Every grant, token and interaction of {@code as}, as records. */
    public static void export(AuthServer as, Consumer<Records.Rec> out) {
        String provider = as.provider.name();
        for (Grant g : as.store.grants()) {
            List<JsonNode> access = new ArrayList<>();
            g.access.forEach(a -> access.add(a.toJson()));
            Interaction i = g.interaction;
            out.accept(new GrantRec(
                    provider,
                    g.id,
                    g.continueId,
                    g.continueToken,
                    access,
                    client(g.client),
                    g.clientName,
                    g.finishUri,
                    g.clientNonce,
                    Records.time(g.createdAt),
                    g.state.name(),
                    g.finalization == null ? null : g.finalization.name(),
                    Records.time(g.lastContinuedAt),
                    i == null ? null : i.id));
        }
        for (AccessToken t : as.store.tokens()) {
            out.accept(new TokenRec(
                    provider,
                    t.value,
                    t.managementId,
                    t.grantId,
                    Records.time(t.createdAt),
                    Records.duration(t.lifetime),
                    Records.time(t.revokedAt)));
        }
        for (Interaction i : as.store.interactions()) {
            out.accept(new InteractionRec(
                    provider,
                    i.id,
                    i.nonce,
                    i.ref,
                    i.grantId,
                    Records.time(i.createdAt),
                    Records.duration(i.expiresIn),
                    i.state.name()));
        }
    }

    /** Puts saved records of this provider back into {@code as}, whose store must still be empty. */
    public static void restore(
            AuthServer as, List<GrantRec> grants, List<TokenRec> tokens, List<InteractionRec> interactions) {
        Map<String, Interaction> byId = new java.util.HashMap<>();
        for (InteractionRec r : interactions) {
            Interaction i = new Interaction(
                    r.id(),
                    r.nonce(),
                    r.ref(),
                    r.grantId(),
                    Records.instant(r.createdAt()),
                    Records.durationOf(r.expiresIn()));
            i.state = Interaction.State.valueOf(r.state());
            as.store.add(i);
            byId.put(i.id, i);
        }
        for (GrantRec r : grants) {
            List<AccessItem> access = new ArrayList<>();
            r.access().forEach(a -> access.add(AccessItem.fromJson(a)));
            Grant g = new Grant(
                    r.id(),
                    r.continueId(),
                    r.continueToken(),
                    access,
                    GrantClient.fromJson(r.client()).orElseThrow(),
                    r.clientName(),
                    r.finishUri(),
                    r.clientNonce(),
                    Records.instant(r.createdAt()),
                    Grant.State.valueOf(r.state()));
            g.finalization = r.finalization() == null ? null : Grant.Finalization.valueOf(r.finalization());
            g.lastContinuedAt = Records.instant(r.lastContinuedAt());
            g.interaction = r.interactionId() == null ? null : byId.get(r.interactionId());
            as.store.add(g);
        }
        for (TokenRec r : tokens) {
            AccessToken t = new AccessToken(
                    r.value(),
                    r.managementId(),
                    r.grantId(),
                    Records.instant(r.createdAt()),
                    Records.durationOf(r.lifetime()));
            t.revokedAt = Records.instant(r.revokedAt());
            as.store.add(t);
        }
    }

    /** The {@code client} field as a grant request carries it, which {@link GrantClient#fromJson} reads back. */
    private static JsonNode client(GrantClient client) {
        ObjectNode node = Json.mapper().createObjectNode();
        switch (client) {
            case GrantClient.WalletAddressClient w -> node.put("walletAddress", w.walletAddress());
            case GrantClient.KeyClient k -> node.set("jwk", Json.mapper().valueToTree(k.jwk()));
        }
        return node;
    }
}

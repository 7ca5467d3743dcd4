package dev.opfunctions.sandbox.auth;

import dev.opfunctions.sandbox.http.ApiException;
import dev.opfunctions.sandbox.http.HttpReply;
import dev.opfunctions.sandbox.wallet.Provider;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The consent flow: {@code GET /interact/{id}/{nonce}} shows the page, {@code POST …/choice}
 * records the person's answer and sends the browser to the client's finish URI, as Rafiki's
 * interaction routes plus an identity provider would. The admin API decides through the same code.
 */
final class Interactions {

    private final AuthServer as;

    Interactions(AuthServer as) {
        this.as = as;
    }

    static String redirectUrl(Provider provider, Interaction interaction, ClientResolver.ClientDisplay client) {
        return provider.authServer() + "/interact/" + interaction.id + "/" + interaction.nonce + "?clientName="
                + encode(client.name()) + "&clientUri=" + encode(client.uri());
    }

    HttpReply page(String id, String nonce) {
        Interaction interaction = find(id, nonce);
        Grant grant = as.store.grant(interaction.grantId).orElseThrow();
        Optional<HttpReply> refusal = refusal(interaction, grant);
        if (refusal.isPresent()) return refusal.get();
        String choiceUrl = as.provider.authServer() + "/interact/" + id + "/" + nonce + "/choice";
        return HttpReply.html(200, ConsentPage.render(as.provider, grant, interaction, choiceUrl));
    }

    HttpReply choose(String id, String nonce, String choice) {
        Interaction interaction = find(id, nonce);
        Grant grant = as.store.grant(interaction.grantId).orElseThrow();
        Optional<HttpReply> refusal = refusal(interaction, grant);
        if (refusal.isPresent()) return refusal.get();
        boolean approve;
        if ("accept".equals(choice)) approve = true;
        else if ("reject".equals(choice)) approve = false;
        else return ConsentPage.message(400, "invalid interaction choice", "Choose approve or deny.");
        Optional<String> location = decide(id, approve);
        return location.map(l -> HttpReply.redirect(302, l))
                .orElseGet(() -> ConsentPage.message(
                        200,
                        approve ? "Access approved" : "Access denied",
                        "You can close this window and return to " + grant.clientName + "."));
    }

    Optional<String> decide(String id, boolean approve) {
        Interaction interaction = as.store
                .interaction(id)
                .orElseThrow(() -> new ApiException.Gnap(404, "unknown_interaction", "unknown interaction"));
        Grant grant = as.store.grant(interaction.grantId).orElseThrow();
        synchronized (grant) {
            if (grant.state == Grant.State.FINALIZED && grant.finalization != Grant.Finalization.ISSUED) {
                throw new ApiException.Gnap(401, "user_denied", "user denied interaction");
            }
            if (interaction.state != Interaction.State.PENDING || interaction.expiredAt(as.clock.instant())) {
                throw new ApiException.Gnap(400, "invalid_interaction", "invalid interaction");
            }
            if (approve) {
                interaction.state = Interaction.State.APPROVED;
                grant.state = Grant.State.APPROVED;
            } else {
                interaction.state = Interaction.State.DENIED;
                grant.state = Grant.State.FINALIZED;
                grant.finalization = Grant.Finalization.REJECTED;
            }
        }
        if (!grant.finishable()) return Optional.empty();
        Map<String, String> params = new LinkedHashMap<>();
        if (approve) {
            params.put(
                    "hash",
                    FinishHash.compute(
                            grant.clientNonce, interaction.nonce, interaction.ref, as.provider.authServer()));
            params.put("interact_ref", interaction.ref);
        } else {
            params.put("result", "grant_rejected");
        }
        return Optional.of(withQuery(grant.finishUri, params));
    }

    List<PendingInteraction> pending() {
        Instant now = as.clock.instant();
        return as.store.interactions().stream()
                .filter(i -> i.state == Interaction.State.PENDING && !i.expiredAt(now))
                .map(i -> {
                    Grant g = as.store.grant(i.grantId).orElseThrow();
                    return g.revoked()
                            ? null
                            : new PendingInteraction(
                                    as.provider.name(),
                                    i.id,
                                    redirectUrl(
                                            as.provider,
                                            i,
                                            new ClientResolver.ClientDisplay(g.clientName, g.client.describe())),
                                    g.clientName,
                                    g.client.describe(),
                                    g.access,
                                    i.createdAt,
                                    i.createdAt.plus(i.expiresIn));
                })
                .filter(p -> p != null)
                .sorted(Comparator.comparing(PendingInteraction::createdAt))
                .toList();
    }

    /** Why the page cannot be shown: Rafiki redirects finishable grants back with a result. */
    private Optional<HttpReply> refusal(Interaction interaction, Grant grant) {
        boolean expired = interaction.expiredAt(as.clock.instant());
        boolean valid = interaction.state == Interaction.State.PENDING && !grant.revoked() && !expired;
        if (valid) return Optional.empty();
        String message = expired ? "interaction expired" : "invalid interaction";
        if (grant.finishable()) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("result", "invalid_interaction");
            params.put("message", message);
            return Optional.of(HttpReply.redirect(302, withQuery(grant.finishUri, params)));
        }
        return Optional.of(
                ConsentPage.message(expired ? 401 : 403, message, "This consent request can no longer be answered."));
    }

    private Interaction find(String id, String nonce) {
        return as.store
                .interaction(id)
                .filter(i -> i.nonce.equals(nonce))
                .orElseThrow(() -> new ApiException.Gnap(400, "unknown_interaction", "unknown interaction"));
    }

    static String withQuery(String uri, Map<String, String> params) {
        StringBuilder out = new StringBuilder(uri);
        char sep = uri.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> p : params.entrySet()) {
            out.append(sep).append(encode(p.getKey())).append('=').append(encode(p.getValue()));
            sep = '&';
        }
        return out.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

package dev.opfunctions.sandbox.auth;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** One auth server's grants, tokens and interactions, in memory. */
final class GrantStore {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Map<String, Grant> byContinueId = new ConcurrentHashMap<>();
    private final Map<String, AccessToken> tokensByValue = new ConcurrentHashMap<>();
    private final Map<String, AccessToken> tokensByManagementId = new ConcurrentHashMap<>();
    private final Map<String, Interaction> interactions = new ConcurrentHashMap<>();

    /** An opaque 40-character token, like Rafiki's. */
    static String newToken() {
        char[] chars = new char[40];
        for (int i = 0; i < chars.length; i++) chars[i] = TOKEN_ALPHABET[RANDOM.nextInt(TOKEN_ALPHABET.length)];
        return new String(chars);
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    void add(Grant grant) {
        grants.put(grant.id, grant);
        byContinueId.put(grant.continueId, grant);
    }

    void add(AccessToken token) {
        tokensByValue.put(token.value, token);
        tokensByManagementId.put(token.managementId, token);
    }

    void add(Interaction interaction) {
        interactions.put(interaction.id, interaction);
    }

    Optional<Grant> grant(String id) {
        return Optional.ofNullable(grants.get(id));
    }

    /** Whether the grant with this continue id was revoked (its tokens with it); empty for an unknown id. */
    Optional<Boolean> revokedByContinueId(String continueId) {
        return Optional.ofNullable(byContinueId.get(continueId)).map(Grant::revoked);
    }

    /** The grant with this continue id and token; revoked grants are not found (as in Rafiki). */
    Optional<Grant> byContinue(String continueId, String continueToken) {
        Grant grant = byContinueId.get(continueId);
        if (grant == null || !grant.continueToken.equals(continueToken) || grant.revoked()) return Optional.empty();
        return Optional.of(grant);
    }

    Optional<AccessToken> tokenByValue(String value) {
        return Optional.ofNullable(tokensByValue.get(value));
    }

    /** The unrevoked token with this management id. */
    Optional<AccessToken> liveTokenByManagementId(String managementId) {
        AccessToken token = tokensByManagementId.get(managementId);
        return token == null || token.revoked() ? Optional.empty() : Optional.of(token);
    }

    List<AccessToken> tokensOf(String grantId) {
        return tokensByValue.values().stream()
                .filter(t -> t.grantId.equals(grantId))
                .toList();
    }

    Optional<Interaction> interaction(String id) {
        return Optional.ofNullable(interactions.get(id));
    }

    Optional<Interaction> interactionByRef(String ref) {
        return interactions.values().stream().filter(i -> i.ref.equals(ref)).findFirst();
    }

    java.util.Collection<Grant> grants() {
        return grants.values();
    }

    java.util.Collection<AccessToken> tokens() {
        return tokensByValue.values();
    }

    List<Interaction> interactions() {
        return List.copyOf(interactions.values());
    }
}

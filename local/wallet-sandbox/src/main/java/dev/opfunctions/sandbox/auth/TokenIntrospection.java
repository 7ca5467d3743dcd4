package dev.opfunctions.sandbox.auth;

/**
 * The internal interface between a provider's resource server and its auth server (Rafiki's
 * token-introspection service; not part of Open Payments).
 */
public interface TokenIntrospection {

    /**
     * Looks up {@code token} and the granted items that allow {@code action} on resources of
     * {@code type} belonging to {@code walletAddress}.
     */
    Introspection introspect(String token, String type, String action, String walletAddress);
}

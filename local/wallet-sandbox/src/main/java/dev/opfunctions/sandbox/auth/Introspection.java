package dev.opfunctions.sandbox.auth;

import java.util.List;

/**
 * The auth server's answer about an access token, as Rafiki's token introspection gives it to its
 * resource server: inactive (unknown, expired, revoked, or its grant revoked), or active with the
 * granted items that match the requested access and the client the grant was issued to.
 */
public sealed interface Introspection {

    record Inactive() implements Introspection {}

    record Active(String grantId, List<AccessItem> matchingAccess, GrantClient client) implements Introspection {}
}

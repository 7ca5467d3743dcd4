package dev.opfunctions.client.grant;

import dev.opfunctions.client.token.AccessToken;

/**
 * What the AS answers to a grant request or a continuation: either the user must interact (or the
 * grant is still being decided), or access was granted.
 */
public sealed interface GrantResponse {

    /** The continuation every grant answer carries. */
    Continuation continuation();

    /**
     * Not granted yet. After a grant request {@code interaction} says where to send the user; in a
     * poll answer it is {@code null} and the client waits {@code continuation.wait} and polls again.
     */
    record PendingGrant(Interaction interaction, Continuation continuation) implements GrantResponse {}

    /** Granted: the access token to use, and the continuation (for cancelling the grant). */
    record ApprovedGrant(AccessToken accessToken, Continuation continuation) implements GrantResponse {}
}

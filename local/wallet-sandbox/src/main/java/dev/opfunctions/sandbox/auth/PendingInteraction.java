package dev.opfunctions.sandbox.auth;

import java.time.Instant;
import java.util.List;

/**
 * A consent session waiting for a person, as the admin API lists it.
 *
 * @param redirectUrl the URL the client sent the person to (the consent page)
 * @param clientName  the client's publicName as the page shows it
 * @param access      what is asked for, in the grant request's wire form
 */
public record PendingInteraction(
        String provider,
        String interactionId,
        String redirectUrl,
        String clientName,
        String clientUri,
        List<AccessItem> access,
        Instant createdAt,
        Instant expiresAt) {}

package dev.opfunctions.sandbox.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * An issued access token. Rotation revokes it and issues a new one with a new value and a new
 * management id. The value is a secret and is not part of {@link #toString()}.
 */
final class AccessToken {

    final String value;
    final String managementId;
    final String grantId;
    final Instant createdAt;
    final Duration lifetime;
    volatile Instant revokedAt;

    AccessToken(String value, String managementId, String grantId, Instant createdAt, Duration lifetime) {
        this.value = value;
        this.managementId = managementId;
        this.grantId = grantId;
        this.createdAt = createdAt;
        this.lifetime = lifetime;
    }

    /** Rafiki: expired once createdAt + expiresIn is strictly before now. */
    boolean expiredAt(Instant now) {
        return createdAt.plus(lifetime).isBefore(now);
    }

    boolean revoked() {
        return revokedAt != null;
    }

    @Override
    public String toString() {
        return "AccessToken[managementId=" + managementId + ", grant=" + grantId + ", revoked=" + revoked() + "]";
    }
}

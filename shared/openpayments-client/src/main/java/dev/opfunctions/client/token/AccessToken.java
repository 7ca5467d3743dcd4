package dev.opfunctions.client.token;

import dev.opfunctions.client.grant.AccessAction;
import dev.opfunctions.client.grant.AccessItem;
import dev.opfunctions.client.grant.AccessType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A GNAP access token as the client keeps it: the value (a secret: never shown by
 * {@link #toString()}), the {@code manage} URL for rotation and revocation, when it expires
 * ({@code null} if the AS gave no {@code expires_in}), and the access it grants.
 *
 * <p>Rotation replaces both {@code value} and {@code manage}: store them together, atomically.
 */
public record AccessToken(String value, String manage, Instant expiresAt, List<AccessItem> access) {

    public AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(manage, "manage");
        access = access == null ? List.of() : List.copyOf(access);
    }

    /** From the AS's {@code access_token} object, with {@code expires_in} counted from {@code clock}'s now. */
    public static AccessToken fromWire(AccessTokenWire wire, Clock clock) {
        Instant expiresAt = wire.expiresIn() == null ? null : clock.instant().plusSeconds(wire.expiresIn());
        return new AccessToken(wire.value(), wire.manage(), expiresAt, wire.access());
    }

    /**
     * Whether the token is expired, or will be within {@code skew}, at {@code clock}'s now. A token
     * without {@code expiresAt} never counts as expired here (the server may still say otherwise).
     */
    public boolean isExpired(Clock clock, Duration skew) {
        return expiresAt != null && !clock.instant().plus(skew).isBefore(expiresAt);
    }

    /** Whether some access item has this type and action. */
    public boolean allows(AccessType type, AccessAction action) {
        return access.stream().anyMatch(a -> a.type() == type && a.allows(action));
    }

    @Override
    public String toString() {
        return "AccessToken[value=<redacted>, manage=" + manage + ", expiresAt=" + expiresAt + ", access=" + access
                + "]";
    }
}

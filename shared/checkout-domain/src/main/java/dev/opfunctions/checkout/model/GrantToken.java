package dev.opfunctions.checkout.model;

import java.time.Duration;
import java.time.Instant;

/**
 * A GNAP access token with its management URL and expiry. The value is a bearer secret: it never
 * appears in {@link #toString()}.
 *
 * @param rotatingSince when a worker stored its intent to rotate this token, just before calling rotate; null
 *                      otherwise. A rotation revokes the token it replaces, so a token still stored with an intent
 *                      whose worker is gone may already be dead at the wallet, its successor never stored
 */
public record GrantToken(String value, String manageUrl, Instant expiresAt, Instant rotatingSince) {

    public GrantToken {
        if (value == null || value.isEmpty()) throw new IllegalArgumentException("token value required");
    }

    /** A token as a wallet issues it: no rotation started. */
    public GrantToken(String value, String manageUrl, Instant expiresAt) {
        this(value, manageUrl, expiresAt, null);
    }

    /** This token with the intent to rotate it, stored before the rotate call. */
    public GrantToken rotating(Instant since) {
        return new GrantToken(value, manageUrl, expiresAt, since);
    }

    /** True when the token must not be used any more, counting {@code skew} as already gone. */
    public boolean expiredAt(Instant now, Duration skew) {
        return expiresAt != null && !now.plus(skew).isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "GrantToken[value=***, manageUrl=" + manageUrl + ", expiresAt=" + expiresAt + ", rotatingSince="
                + rotatingSince + "]";
    }
}

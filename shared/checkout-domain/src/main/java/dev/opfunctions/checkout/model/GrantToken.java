package dev.opfunctions.checkout.model;

import java.time.Duration;
import java.time.Instant;

/**
 * A GNAP access token with its management URL and expiry. The value is a bearer secret: it never
 * appears in {@link #toString()}.
 */
public record GrantToken(String value, String manageUrl, Instant expiresAt) {

    public GrantToken {
        if (value == null || value.isEmpty()) throw new IllegalArgumentException("token value required");
    }

    /** True when the token must not be used any more, counting {@code skew} as already gone. */
    public boolean expiredAt(Instant now, Duration skew) {
        return expiresAt != null && !now.plus(skew).isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "GrantToken[value=***, manageUrl=" + manageUrl + ", expiresAt=" + expiresAt + "]";
    }
}

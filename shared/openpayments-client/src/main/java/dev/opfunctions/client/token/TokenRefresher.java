package dev.opfunctions.client.token;

import dev.opfunctions.client.OpenPaymentsException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Runs a resource call with an access token, rotating the token when it has expired.
 *
 * <ul>
 *   <li>Before the call: a token expired (or within {@code skew} of expiring) on the client's clock
 *       is rotated first; nothing was sent yet, so this is safe for any call.</li>
 *   <li>After a refusal: on 401, or a 403 that says the token is inactive/expired (Rafiki's answer
 *       for an expired token), and only if the token is expired by then per {@code expiresAt}, the
 *       token is rotated once and the call repeated once, if the caller said repeating is
 *       {@link Replay#SAFE}. Creating an outgoing payment is {@link Replay#UNSAFE} unless the caller
 *       knows better.</li>
 * </ul>
 *
 * The token in use at the end is returned with the result: store it (value and manage URL together,
 * with a conditional write so that two workers cannot both rotate the same token).
 */
public final class TokenRefresher {

    /** Whether the call may be sent a second time after the server refused the token. */
    public enum Replay {
        SAFE,
        UNSAFE
    }

    /** A call's result and the token to keep using ({@code rotated} when it differs from the one passed in). */
    public record Authorized<T>(T value, AccessToken token, boolean rotated) {}

    private final TokenRotator rotator;
    private final Clock clock;
    private final Duration skew;

    public TokenRefresher(TokenRotator rotator, Clock clock, Duration skew) {
        this.rotator = Objects.requireNonNull(rotator, "rotator");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.skew = Objects.requireNonNull(skew, "skew");
    }

    public <T> Authorized<T> call(AccessToken token, Replay replay, Function<AccessToken, T> call) {
        AccessToken current = token;
        boolean rotated = false;
        if (current.isExpired(clock, skew)) {
            current = rotator.rotate(current);
            rotated = true;
        }
        try {
            return new Authorized<>(call.apply(current), current, rotated);
        } catch (OpenPaymentsException e) {
            if (rotated || replay != Replay.SAFE || !refusedForExpiry(e) || !current.isExpired(clock, skew)) throw e;
            AccessToken fresh = rotator.rotate(current);
            return new Authorized<>(call.apply(fresh), fresh, true);
        }
    }

    /** 401, or a 403 whose description says the token is inactive or expired (not "Insufficient Grant"). */
    static boolean refusedForExpiry(OpenPaymentsException e) {
        if (e.kind() != OpenPaymentsException.Kind.HTTP) return false;
        if (e.status() == 401) return true;
        if (e.status() != 403 || e.errorDescription() == null) return false;
        String d = e.errorDescription().toLowerCase(Locale.ROOT);
        return d.contains("inactive") || d.contains("expired");
    }
}

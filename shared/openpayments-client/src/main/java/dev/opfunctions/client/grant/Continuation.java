package dev.opfunctions.client.grant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opfunctions.client.model.Check;
import dev.opfunctions.client.model.InvalidFieldException;
import java.time.Duration;

/**
 * The {@code continue} part of a grant answer: the continuation token (a secret: not shown by
 * {@link #toString()}), the URI to continue or cancel at, and how many seconds to {@code wait}
 * before calling it (the AS answers {@code too_fast} otherwise).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Continuation(
        @JsonProperty("access_token") Token accessToken,
        String uri,
        @JsonProperty("wait") Integer waitSeconds) {

    /** {@code {"value":…}} */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Token(String value) {
        public Token {
            Check.requiredText(value, "value");
        }

        @Override
        public String toString() {
            return "Token[<redacted>]";
        }
    }

    public Continuation {
        Check.required(accessToken, "access_token");
        Check.url(uri, "uri");
        if (waitSeconds != null && waitSeconds < 0) throw new InvalidFieldException("wait", "must not be negative");
    }

    /** Builds one from stored parts (e.g. read back from a database). */
    public static Continuation of(String token, String uri, Integer waitSeconds) {
        return new Continuation(new Token(token), uri, waitSeconds);
    }

    /** The continuation token value, to send as {@code Authorization: GNAP <value>}. */
    @JsonIgnore
    public String token() {
        return accessToken.value();
    }

    /** {@code wait} as a duration; zero when the AS gave none. */
    @JsonIgnore
    public Duration waitDuration() {
        return Duration.ofSeconds(waitSeconds == null ? 0 : waitSeconds);
    }

    @Override
    public String toString() {
        return "Continuation[uri=" + uri + ", wait=" + waitSeconds + ", token=<redacted>]";
    }
}

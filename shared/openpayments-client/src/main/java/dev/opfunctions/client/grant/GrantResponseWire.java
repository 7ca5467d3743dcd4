package dev.opfunctions.client.grant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opfunctions.client.model.Check;
import dev.opfunctions.client.token.AccessToken;
import dev.opfunctions.client.token.AccessTokenWire;
import java.time.Clock;

/** The AS's grant answer as sent; {@link #toResponse} turns it into a {@link GrantResponse}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GrantResponseWire(
        @JsonProperty("access_token") AccessTokenWire accessToken,
        Interaction interact,
        @JsonProperty("continue") Continuation continuation) {

    public GrantResponseWire {
        Check.required(continuation, "continue");
    }

    /** {@code expires_in} counts from {@code clock}'s now. */
    public GrantResponse toResponse(Clock clock) {
        if (accessToken != null)
            return new GrantResponse.ApprovedGrant(AccessToken.fromWire(accessToken, clock), continuation);
        return new GrantResponse.PendingGrant(interact, continuation);
    }
}

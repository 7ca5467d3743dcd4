package dev.opfunctions.client.token;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opfunctions.client.grant.AccessItem;
import dev.opfunctions.client.model.Check;
import dev.opfunctions.client.model.InvalidFieldException;
import java.util.List;

/**
 * The AS's {@code access_token} object ({@code {value, manage, expires_in?, access}}) before
 * {@code expires_in} is turned into an instant by {@link AccessToken#fromWire}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AccessTokenWire(
        String value,
        String manage,
        @JsonProperty("expires_in") Long expiresIn,
        List<AccessItem> access) {

    public AccessTokenWire {
        Check.requiredText(value, "value");
        Check.url(manage, "manage");
        Check.required(access, "access");
        if (expiresIn != null && expiresIn < 0) throw new InvalidFieldException("expires_in", "must not be negative");
    }

    @Override
    public String toString() {
        return "AccessTokenWire[value=<redacted>, manage=" + manage + ", expires_in=" + expiresIn + "]";
    }
}

package dev.opfunctions.client.grant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.opfunctions.client.OpenPaymentsException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Body of a grant request ({@code POST {walletAddress.authServer}}), serialised in the order of the
 * spec examples: {@code {"access_token":{"access":[…]},"client":…,"interact":…}}.
 *
 * <p>{@code client} may be left out when building: {@code Grants.request} fills in the client's own
 * wallet address as {@code {"walletAddress":…}}.
 */
@JsonPropertyOrder({"access_token", "client", "interact"})
public record GrantRequest(
        @JsonProperty("access_token") AccessTokenRequest accessToken, GrantClient client, InteractRequest interact) {

    /** {@code {"access":[…]}}: one to three distinct items. */
    public record AccessTokenRequest(List<AccessItem> access) {
        public AccessTokenRequest {
            if (access == null || access.isEmpty())
                throw OpenPaymentsException.invalidRequest("access_token.access", "must hold at least one access item");
            if (access.size() > 3)
                throw OpenPaymentsException.invalidRequest(
                        "access_token.access", "holds at most 3 items, got " + access.size());
            if (new HashSet<>(access).size() != access.size())
                throw OpenPaymentsException.invalidRequest("access_token.access", "must not repeat an item");
            access = List.copyOf(access);
        }
    }

    public GrantRequest {
        if (accessToken == null) throw OpenPaymentsException.invalidRequest("access_token", "is required");
        boolean outgoing = accessToken.access().stream().anyMatch(a -> a.type() == AccessType.OUTGOING_PAYMENT);
        if (outgoing && interact == null) {
            throw OpenPaymentsException.invalidRequest(
                    "interact", "is required: outgoing-payment grants need the payer's consent");
        }
        if (client instanceof GrantClient.ByJwk && interact != null) {
            throw OpenPaymentsException.invalidRequest(
                    "client", "as a JWK (directed identity) is only allowed for non-interactive grants");
        }
    }

    public GrantRequest withClient(GrantClient c) {
        return new GrantRequest(accessToken, c, interact);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a grant request; {@link #build()} applies every check. */
    public static final class Builder {
        private final List<AccessItem> access = new ArrayList<>();
        private GrantClient client;
        private InteractRequest interact;

        private Builder() {}

        public Builder access(AccessItem... items) {
            access.addAll(List.of(items));
            return this;
        }

        public Builder client(GrantClient c) {
            this.client = c;
            return this;
        }

        public Builder interact(InteractRequest i) {
            this.interact = i;
            return this;
        }

        /** {@code interact} with a redirect back to {@code finishUri} carrying {@code nonce}. */
        public Builder interactRedirect(String finishUri, String nonce) {
            return interact(InteractRequest.redirect(finishUri, nonce));
        }

        public GrantRequest build() {
            return new GrantRequest(new AccessTokenRequest(access), client, interact);
        }
    }
}

package dev.opfunctions.client.resource;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opfunctions.client.http.ApiRequest;
import dev.opfunctions.client.http.ApiResponse;
import dev.opfunctions.client.model.Check;
import dev.opfunctions.client.token.AccessToken;
import dev.opfunctions.client.token.AccessTokenWire;
import dev.opfunctions.client.token.TokenRotator;

/** Access token management at {@code access_token.manage}: rotate and revoke. */
public final class Tokens implements TokenRotator {

    private final ResourceContext ctx;

    public Tokens(ResourceContext ctx) {
        this.ctx = ctx;
    }

    /** The rotate answer: {@code {"access_token":{…}}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RotateAnswer(@JsonProperty("access_token") AccessTokenWire accessToken) {
        RotateAnswer {
            Check.required(accessToken, "access_token");
        }
    }

    /**
     * {@code POST manage} (signed, no body). The AS revokes the old token and answers a new one with a
     * new value <em>and</em> a new manage URL: store both together before using it. Works on expired
     * tokens; the old token is dead afterwards, so two rotations of one token cannot both succeed.
     */
    @Override
    public AccessToken rotate(AccessToken token) {
        String url = ctx.target(token.manage(), "manage");
        ApiResponse r =
                ctx.http().send(ApiRequest.post(url, token.value(), null)).expectStatus(200);
        return AccessToken.fromWire(
                ResourceContext.decode(r, RotateAnswer.class).accessToken(), ctx.clock());
    }

    /** {@code DELETE manage}: revokes the token. */
    public void revoke(AccessToken token) {
        String url = ctx.target(token.manage(), "manage");
        ctx.http().send(ApiRequest.delete(url, token.value())).expectStatus(204);
    }
}

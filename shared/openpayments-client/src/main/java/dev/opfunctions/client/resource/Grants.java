package dev.opfunctions.client.resource;

import dev.opfunctions.client.OpenPaymentsException;
import dev.opfunctions.client.OpenPaymentsException.Kind;
import dev.opfunctions.client.grant.Continuation;
import dev.opfunctions.client.grant.ContinueRequest;
import dev.opfunctions.client.grant.GrantClient;
import dev.opfunctions.client.grant.GrantRequest;
import dev.opfunctions.client.grant.GrantResponse;
import dev.opfunctions.client.grant.GrantResponseWire;
import dev.opfunctions.client.http.ApiRequest;
import dev.opfunctions.client.http.ApiResponse;
import dev.opfunctions.client.model.WalletAddress;
import java.time.Duration;
import java.time.Instant;

/** GNAP grants at the auth server: request, continue (after the redirect, or by polling), cancel. */
public final class Grants {

    private final ResourceContext ctx;

    public Grants(ResourceContext ctx) {
        this.ctx = ctx;
    }

    /**
     * {@code POST {authServerUrl}} with the grant request. A request without {@code client} gets the
     * client's own wallet address as {@code {"walletAddress":…}}. Keep {@code authServerUrl} as sent:
     * the finish hash is computed over it.
     */
    public GrantResponse request(String authServerUrl, GrantRequest request) {
        String url = ctx.target(authServerUrl, "authServer");
        GrantRequest body = request;
        if (body.client() == null) {
            if (ctx.clientWalletAddress() == null)
                throw ResourceContext.invalidRequest(
                        "client", "is required: the client has no wallet address configured");
            body = body.withClient(GrantClient.walletAddress(ctx.clientWalletAddress()));
        }
        ApiResponse r = ctx.http().send(ApiRequest.post(url, null, body)).expectStatus(200);
        GrantResponse g = ResourceContext.decode(r, GrantResponseWire.class).toResponse(ctx.clock());
        if (g instanceof GrantResponse.PendingGrant p && p.interaction() == null) {
            throw r.invalid("$", "a grant answer needs access_token or interact");
        }
        return g;
    }

    /**
     * {@link #request(String, GrantRequest)} at {@code wallet.authServer()}. Refused before sending
     * when an outgoing-payment item on this wallet limits {@code debitAmount} in another asset.
     */
    public GrantResponse request(WalletAddress wallet, GrantRequest request) {
        for (var item : request.accessToken().access()) {
            if (item.limits() != null
                    && item.limits().debitAmount() != null
                    && wallet.id().equals(item.identifier())
                    && !wallet.holds(item.limits().debitAmount())) {
                throw ResourceContext.invalidRequest(
                        "limits.debitAmount",
                        "must be in the payer's asset " + wallet.assetCode() + "/" + wallet.assetScale());
            }
        }
        return request(wallet.authServer(), request);
    }

    /**
     * {@code POST continue.uri} with {@code {"interact_ref"}} after the user came back. Call it no
     * sooner than {@code continuation.wait} seconds after the grant answer, or the AS says {@code too_fast}.
     */
    public GrantResponse continueGrant(Continuation continuation, String interactRef) {
        ContinueRequest body = new ContinueRequest(interactRef);
        return send(continuation, body);
    }

    /** {@code POST continue.uri} without a body: polls a grant requested without {@code interact.finish}. */
    public GrantResponse poll(Continuation continuation) {
        return send(continuation, null);
    }

    /**
     * Polls until the grant is approved: waits {@code wait} seconds (the AS's, at least one second)
     * before each poll, following each new continuation, and gives up with a TIMEOUT exception once
     * {@code maxWait} has passed on the client's clock.
     */
    public GrantResponse.ApprovedGrant awaitApproval(Continuation continuation, Duration maxWait) {
        Instant deadline = ctx.clock().instant().plus(maxWait);
        Continuation current = continuation;
        while (true) {
            Duration wait = current.waitDuration().isZero() ? Duration.ofSeconds(1) : current.waitDuration();
            if (ctx.clock().instant().plus(wait).isAfter(deadline)) {
                throw OpenPaymentsException.transport(
                        Kind.TIMEOUT, "POST", current.uri(), "grant not approved within " + maxWait, null);
            }
            try {
                ctx.sleeper().sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw OpenPaymentsException.transport(
                        Kind.INTERRUPTED, "POST", current.uri(), "interrupted while waiting for approval", e);
            }
            GrantResponse g = poll(current);
            if (g instanceof GrantResponse.ApprovedGrant approved) return approved;
            current = g.continuation();
        }
    }

    /** {@code DELETE continue.uri}: revokes the grant and every token issued under it. */
    public void cancel(Continuation continuation) {
        String url = ctx.target(continuation.uri(), "continue.uri");
        ctx.http().send(ApiRequest.delete(url, continuation.token())).expectStatus(204);
    }

    private GrantResponse send(Continuation continuation, Object body) {
        String url = ctx.target(continuation.uri(), "continue.uri");
        ApiResponse r = ctx.http()
                .send(ApiRequest.post(url, continuation.token(), body))
                .expectStatus(200);
        return ResourceContext.decode(r, GrantResponseWire.class).toResponse(ctx.clock());
    }
}

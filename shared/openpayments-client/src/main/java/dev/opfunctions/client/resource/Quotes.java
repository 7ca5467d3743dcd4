package dev.opfunctions.client.resource;

import dev.opfunctions.client.http.ApiRequest;
import dev.opfunctions.client.http.ApiResponse;
import dev.opfunctions.client.model.Quote;
import dev.opfunctions.client.model.QuoteRequest;
import dev.opfunctions.client.model.WalletAddress;
import dev.opfunctions.client.token.AccessToken;

/** Quotes at the payer's resource server (no list endpoint). */
public final class Quotes {

    private final ResourceContext ctx;

    public Quotes(ResourceContext ctx) {
        this.ctx = ctx;
    }

    /**
     * {@code POST {payer.resourceServer}/quotes}. Refused before sending when the body's
     * {@code walletAddress} is not {@code payer.id} or {@code debitAmount} is not in the payer's asset.
     */
    public Quote create(WalletAddress payer, AccessToken token, QuoteRequest request) {
        if (!payer.id().equals(request.walletAddress())) {
            throw ResourceContext.invalidRequest(
                    "walletAddress", "must be the payer's id " + payer.id() + ", got " + request.walletAddress());
        }
        if (request.debitAmount() != null && !payer.holds(request.debitAmount())) {
            throw ResourceContext.invalidRequest(
                    "debitAmount", "must be in the payer's asset " + payer.assetCode() + "/" + payer.assetScale());
        }
        return create(payer.resourceServer(), token, request, payer);
    }

    /**
     * {@code POST {resourceServer}/quotes}. The answer must honour the fixed side: a fixed-debit quote
     * debits exactly the requested amount, a fixed-receive quote delivers exactly the requested amount.
     */
    public Quote create(String resourceServer, AccessToken token, QuoteRequest request) {
        return create(resourceServer, token, request, null);
    }

    private Quote create(String resourceServer, AccessToken token, QuoteRequest request, WalletAddress payer) {
        String url = ctx.join(resourceServer, "resourceServer", "/quotes");
        ApiResponse r =
                ctx.http().send(ApiRequest.post(url, token.value(), request)).expectStatus(201);
        Quote q = ResourceContext.decode(r, Quote.class);
        if (request.debitAmount() != null && !request.debitAmount().equals(q.debitAmount())) {
            throw r.invalid(
                    "$.debitAmount", "differs from the fixed debit amount requested (" + request.debitAmount() + ")");
        }
        if (request.receiveAmount() != null && !request.receiveAmount().equals(q.receiveAmount())) {
            throw r.invalid(
                    "$.receiveAmount",
                    "differs from the fixed receive amount requested (" + request.receiveAmount() + ")");
        }
        if (payer != null && !payer.holds(q.debitAmount()))
            throw r.invalid("$.debitAmount", "is not in the payer's asset");
        return q;
    }

    /** {@code GET {id}}. */
    public Quote get(String url, AccessToken token) {
        String target = ctx.target(url, "quote");
        return ResourceContext.decode(
                ctx.http().send(ApiRequest.get(target, token.value())).expectStatus(200), Quote.class);
    }
}

package dev.opfunctions.client.resource;

import dev.opfunctions.client.http.ApiRequest;
import dev.opfunctions.client.http.ApiResponse;
import dev.opfunctions.client.model.Amount;
import dev.opfunctions.client.model.OutgoingPayment;
import dev.opfunctions.client.model.OutgoingPaymentRequest;
import dev.opfunctions.client.model.Page;
import dev.opfunctions.client.model.Quote;
import dev.opfunctions.client.model.WalletAddress;
import dev.opfunctions.client.token.AccessToken;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Outgoing payments at the payer's resource server. Creating one moves money and the API has no
 * idempotency key: a create is sent exactly once (never retried by the client); after a lost
 * answer, find the payment by reading back ({@link #listAll}) instead of creating again.
 */
public final class OutgoingPayments {

    private final ResourceContext ctx;

    public OutgoingPayments(ResourceContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Pays a quote. Refused before sending when the quote belongs to another wallet or has expired
     * on the client's clock (the RS would answer 400).
     */
    public OutgoingPayment createFromQuote(
            WalletAddress payer, AccessToken token, Quote quote, Map<String, Object> metadata) {
        if (!payer.id().equals(quote.walletAddress())) {
            throw ResourceContext.invalidRequest(
                    "quoteId", "belongs to " + quote.walletAddress() + ", not the payer " + payer.id());
        }
        if (quote.isExpired(ctx.clock().instant())) {
            throw ResourceContext.invalidRequest(
                    "quoteId", "expired at " + quote.expiresAt() + "; request a new quote");
        }
        return create(
                payer.resourceServer(), token, OutgoingPaymentRequest.fromQuote(payer.id(), quote.id(), metadata));
    }

    /** Pays {@code debitAmount} (in the payer's asset) towards an incoming payment; the ASE quotes internally. */
    public OutgoingPayment createFromIncomingPayment(
            WalletAddress payer,
            AccessToken token,
            String incomingPayment,
            Amount debitAmount,
            Map<String, Object> metadata) {
        if (debitAmount != null && !payer.holds(debitAmount)) {
            throw ResourceContext.invalidRequest(
                    "debitAmount", "must be in the payer's asset " + payer.assetCode() + "/" + payer.assetScale());
        }
        return create(
                payer.resourceServer(),
                token,
                OutgoingPaymentRequest.fromIncomingPayment(payer.id(), incomingPayment, debitAmount, metadata));
    }

    /** {@code POST {resourceServer}/outgoing-payments}, sent once. The answer includes the grant's spent amounts. */
    public OutgoingPayment create(String resourceServer, AccessToken token, OutgoingPaymentRequest request) {
        String url = ctx.join(resourceServer, "resourceServer", "/outgoing-payments");
        ApiResponse r =
                ctx.http().send(ApiRequest.post(url, token.value(), request)).expectStatus(201);
        OutgoingPayment p = ResourceContext.decode(r, OutgoingPayment.class);
        if (request instanceof OutgoingPaymentRequest.FromIncomingPayment f
                && !f.debitAmount().equals(p.debitAmount())) {
            throw r.invalid("$.debitAmount", "differs from the debit amount requested (" + f.debitAmount() + ")");
        }
        return p;
    }

    /** {@code GET {id}}: follow a payment until it is completed or failed. */
    public OutgoingPayment get(String url, AccessToken token) {
        String target = ctx.target(url, "outgoingPayment");
        return ResourceContext.decode(
                ctx.http().send(ApiRequest.get(target, token.value())).expectStatus(200), OutgoingPayment.class);
    }

    /** One page of {@code GET {resourceServer}/outgoing-payments?wallet-address=…}. */
    public Page<OutgoingPayment> list(
            String resourceServer, String walletAddress, AccessToken token, PageRequest page) {
        return listing(resourceServer, walletAddress, token).page(page);
    }

    public Iterator<Page<OutgoingPayment>> pages(
            String resourceServer, String walletAddress, AccessToken token, int pageSize) {
        return listing(resourceServer, walletAddress, token).pages(pageSize);
    }

    /** Every outgoing payment the token may list, across pages, fetched lazily. */
    public Stream<OutgoingPayment> listAll(
            String resourceServer, String walletAddress, AccessToken token, int pageSize) {
        return listing(resourceServer, walletAddress, token).all(pageSize);
    }

    private Listing<OutgoingPayment> listing(String resourceServer, String walletAddress, AccessToken token) {
        return new Listing<>(ctx, resourceServer, "/outgoing-payments", walletAddress, token, OutgoingPayment.class);
    }
}

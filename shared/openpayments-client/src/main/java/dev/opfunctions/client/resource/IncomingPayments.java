package dev.opfunctions.client.resource;

import dev.opfunctions.client.http.ApiRequest;
import dev.opfunctions.client.http.ApiResponse;
import dev.opfunctions.client.model.IncomingPayment;
import dev.opfunctions.client.model.IncomingPaymentRequest;
import dev.opfunctions.client.model.Page;
import dev.opfunctions.client.model.PublicIncomingPayment;
import dev.opfunctions.client.model.WalletAddress;
import dev.opfunctions.client.token.AccessToken;
import java.util.Iterator;
import java.util.stream.Stream;

/** Incoming payments at a wallet's resource server. */
public final class IncomingPayments {

    private final ResourceContext ctx;

    public IncomingPayments(ResourceContext ctx) {
        this.ctx = ctx;
    }

    /**
     * {@code POST {wallet.resourceServer}/incoming-payments}. Refused before sending when the body's
     * {@code walletAddress} is not {@code wallet.id} or {@code incomingAmount} is not in the wallet's
     * asset. The answer must be a fresh payment: {@code receivedAmount} zero, not completed, with methods.
     */
    public IncomingPayment create(WalletAddress wallet, AccessToken token, IncomingPaymentRequest request) {
        if (!wallet.id().equals(request.walletAddress())) {
            throw ResourceContext.invalidRequest(
                    "walletAddress", "must be the wallet's id " + wallet.id() + ", got " + request.walletAddress());
        }
        if (request.incomingAmount() != null && !wallet.holds(request.incomingAmount())) {
            throw ResourceContext.invalidRequest(
                    "incomingAmount",
                    "must be in the wallet's asset " + wallet.assetCode() + "/" + wallet.assetScale() + ", got "
                            + request.incomingAmount().assetCode() + "/"
                            + request.incomingAmount().assetScale());
        }
        return create(wallet.resourceServer(), token, request);
    }

    /** {@code POST {resourceServer}/incoming-payments} when the wallet address was not fetched. */
    public IncomingPayment create(String resourceServer, AccessToken token, IncomingPaymentRequest request) {
        String url = ctx.join(resourceServer, "resourceServer", "/incoming-payments");
        ApiResponse r =
                ctx.http().send(ApiRequest.post(url, token.value(), request)).expectStatus(201);
        if (!r.json().path("methods").isArray())
            throw r.invalid("$.methods", "is required on a created incoming payment");
        IncomingPayment p = ResourceContext.decode(r, IncomingPayment.class);
        if (!p.receivedAmount().isZero())
            throw r.invalid("$.receivedAmount", "must be zero on a new incoming payment, got " + p.receivedAmount());
        if (p.completed()) throw r.invalid("$.completed", "must be false on a new incoming payment");
        return p;
    }

    /** {@code GET {id}} with a token (signed): the full payment with its methods. */
    public IncomingPayment get(String url, AccessToken token) {
        String target = ctx.target(url, "incomingPayment");
        return ResourceContext.decode(
                ctx.http().send(ApiRequest.get(target, token.value())).expectStatus(200), IncomingPayment.class);
    }

    /** {@code GET {id}} without a token (unsigned): only {@code receivedAmount} and {@code authServer}. */
    public PublicIncomingPayment getPublic(String url) {
        String target = ctx.target(url, "incomingPayment");
        return ResourceContext.decode(
                ctx.http().send(ApiRequest.get(target, null)).expectStatus(200), PublicIncomingPayment.class);
    }

    /** {@code POST {id}/complete}: no more money accepted. The answer must say {@code completed:true}. */
    public IncomingPayment complete(String url, AccessToken token) {
        String target = ctx.join(url, "incomingPayment", "/complete");
        ApiResponse r =
                ctx.http().send(ApiRequest.post(target, token.value(), null)).expectStatus(200);
        IncomingPayment p = ResourceContext.decode(r, IncomingPayment.class);
        if (!p.completed()) throw r.invalid("$.completed", "must be true after complete");
        return p;
    }

    /** One page of {@code GET {resourceServer}/incoming-payments?wallet-address=…}. */
    public Page<IncomingPayment> list(
            String resourceServer, String walletAddress, AccessToken token, PageRequest page) {
        return listing(resourceServer, walletAddress, token).page(page);
    }

    /** All pages, lazily, {@code pageSize} at a time. */
    public Iterator<Page<IncomingPayment>> pages(
            String resourceServer, String walletAddress, AccessToken token, int pageSize) {
        return listing(resourceServer, walletAddress, token).pages(pageSize);
    }

    /** Every incoming payment the token may list, across pages, fetched lazily. */
    public Stream<IncomingPayment> listAll(
            String resourceServer, String walletAddress, AccessToken token, int pageSize) {
        return listing(resourceServer, walletAddress, token).all(pageSize);
    }

    private Listing<IncomingPayment> listing(String resourceServer, String walletAddress, AccessToken token) {
        return new Listing<>(ctx, resourceServer, "/incoming-payments", walletAddress, token, IncomingPayment.class);
    }
}

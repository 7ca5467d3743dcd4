package dev.opfunctions.checkout.wallet;

import dev.opfunctions.checkout.model.GrantToken;
import dev.opfunctions.checkout.model.WalletAddress;
import dev.opfunctions.checkout.port.WalletException;
import dev.opfunctions.checkout.port.WalletGateway;
import dev.opfunctions.client.model.Amount;
import java.time.Instant;
import java.util.Objects;

/**
 * A {@link WalletGateway} that believes no URL a wallet returns until it is on the origin of the server
 * that issued it: grant continuation URIs and token manage URLs on the authorization server's origin,
 * incoming payment, quote and outgoing payment ids on the resource server's. Each answer must also be
 * about what was asked (the wallet address, the receiver, the quote, the amount). Customers choose
 * their wallet, so a wallet may be an attacker trying to make this client call a third host (with our
 * signature and tokens) or pay a receiver the merchant does not own.
 *
 * <p>A broken promise is a {@link WalletException.Kind#REJECTED} naming what was wrong: the URL is never
 * stored and never called. List answers drop the items that break the rule instead (they are someone
 * else's, not ours, so they are neither shown nor matched).
 */
public final class CheckedWalletGateway implements WalletGateway {

    private final WalletGateway wallets;
    private final WalletUrls urls;

    public CheckedWalletGateway(WalletGateway wallets, boolean localDevelopment) {
        this.wallets = Objects.requireNonNull(wallets, "wallets");
        this.urls = new WalletUrls(localDevelopment);
    }

    @Override
    public WalletAddress walletAddress(String url) {
        return wallets.walletAddress(url);
    }

    @Override
    public GrantToken requestGrant(String authServer, AccessKind kind) {
        return checkedToken(wallets.requestGrant(authServer, kind), authServer, authServer);
    }

    @Override
    public GrantToken rotateToken(GrantToken token) {
        return checkedToken(wallets.rotateToken(token), token.manageUrl(), token.manageUrl());
    }

    @Override
    public IncomingPayment createIncomingPayment(
            WalletAddress payee, GrantToken token, Amount incomingAmount, String description, Instant expiresAt) {
        IncomingPayment ip = wallets.createIncomingPayment(payee, token, incomingAmount, description, expiresAt);
        String where = payee.resourceServer();
        require(
                ip.id() != null && urls.sameOrigin(ip.id(), where),
                where,
                "an incoming payment id " + ip.id() + " on another server");
        require(
                sameWallet(ip.walletAddress(), payee),
                where,
                "an incoming payment for " + ip.walletAddress() + ", not " + payee.id());
        require(
                incomingAmount.equals(ip.incomingAmount()),
                where,
                "an incoming payment of " + ip.incomingAmount() + " where " + incomingAmount + " was asked for");
        return ip;
    }

    @Override
    public IncomingPayment getIncomingPayment(String url, GrantToken token) {
        return sameResource(wallets.getIncomingPayment(url, token), url);
    }

    @Override
    public IncomingPayment completeIncomingPayment(String url, GrantToken token) {
        return sameResource(wallets.completeIncomingPayment(url, token), url);
    }

    @Override
    public Page<IncomingPayment> listIncomingPayments(
            WalletAddress wallet, GrantToken token, String cursor, int first) {
        Page<IncomingPayment> page = wallets.listIncomingPayments(wallet, token, cursor, first);
        // The cursor goes out to the storefront and comes back to be sent to this wallet: only a plain token.
        require(
                page.endCursor() == null
                        || Page.SAFE_CURSOR.matcher(page.endCursor()).matches(),
                wallet.resourceServer(),
                "a page cursor that is not a plain token (letters, digits and ._~:+/=-, at most 256)");
        return new Page<>(
                page.items().stream()
                        .filter(ip -> ip.id() != null && urls.sameOrigin(ip.id(), wallet.resourceServer()))
                        .filter(ip -> sameWallet(ip.walletAddress(), wallet))
                        .toList(),
                page.hasNextPage(),
                page.endCursor());
    }

    @Override
    public Quote createQuote(WalletAddress payer, GrantToken token, String receiver) {
        Quote q = wallets.createQuote(payer, token, receiver);
        String where = payer.resourceServer();
        require(q.id() != null && urls.sameOrigin(q.id(), where), where, "a quote id " + q.id() + " on another server");
        require(
                sameWallet(q.walletAddress(), payer),
                where,
                "a quote for " + q.walletAddress() + ", not " + payer.id());
        // The receiver is what the customer's wallet will pay: it must be the incoming payment we asked about.
        require(
                q.receiver() != null && urls.sameResource(q.receiver(), receiver),
                where,
                "a quote paying " + q.receiver() + " instead of " + receiver);
        return q;
    }

    @Override
    public PendingGrant requestOutgoingPaymentGrant(
            WalletAddress payer, Amount debitLimit, String interval, String finishUri, String clientNonce) {
        PendingGrant g = wallets.requestOutgoingPaymentGrant(payer, debitLimit, interval, finishUri, clientNonce);
        String where = payer.authServer();
        require(
                g.continueUri() != null && urls.sameOrigin(g.continueUri(), where),
                where,
                "a grant continue URI " + g.continueUri() + " on another server");
        // The consent page is for the customer's browser, not for us: any http(s) page their wallet chooses.
        require(
                urls.origin(g.redirectUrl()).isPresent(),
                where,
                "a consent page " + g.redirectUrl() + " that is no web page");
        return g;
    }

    @Override
    public ApprovedGrant continueGrant(String continueUri, String continueToken, String interactRef) {
        ApprovedGrant g = wallets.continueGrant(continueUri, continueToken, interactRef);
        checkedToken(g.token(), continueUri, continueUri);
        // The continuation we keep to cancel the grant with: on the AS that issued it, like the first one.
        require(
                g.continueUri() != null && urls.sameOrigin(g.continueUri(), continueUri),
                continueUri,
                "a grant continue URI " + g.continueUri() + " on another server");
        require(g.continueToken() != null && !g.continueToken().isEmpty(), continueUri, "no continue token");
        return g;
    }

    @Override
    public void cancelGrant(String continueUri, String continueToken) {
        wallets.cancelGrant(continueUri, continueToken);
    }

    @Override
    public OutgoingPayment createOutgoingPayment(
            WalletAddress payer, GrantToken token, String quoteId, String description) {
        OutgoingPayment op = wallets.createOutgoingPayment(payer, token, quoteId, description);
        String where = payer.resourceServer();
        require(
                op.id() != null && urls.sameOrigin(op.id(), where),
                where,
                "an outgoing payment id " + op.id() + " on another server");
        require(
                sameWallet(op.walletAddress(), payer),
                where,
                "an outgoing payment from " + op.walletAddress() + ", not " + payer.id());
        require(
                op.quoteId() == null || urls.sameResource(op.quoteId(), quoteId),
                where,
                "a payment of quote " + op.quoteId() + " instead of " + quoteId);
        return op;
    }

    @Override
    public OutgoingPayment getOutgoingPayment(String url, GrantToken token) {
        OutgoingPayment op = wallets.getOutgoingPayment(url, token);
        require(
                op.id() != null && urls.sameResource(op.id(), url),
                url,
                "the outgoing payment " + op.id() + " when asked for " + url);
        return op;
    }

    @Override
    public Page<OutgoingPayment> listOutgoingPayments(WalletAddress payer, GrantToken token, String cursor, int first) {
        Page<OutgoingPayment> page = wallets.listOutgoingPayments(payer, token, cursor, first);
        return new Page<>(
                page.items().stream()
                        .filter(op -> op.id() != null && urls.sameOrigin(op.id(), payer.resourceServer()))
                        .filter(op -> sameWallet(op.walletAddress(), payer))
                        .toList(),
                page.hasNextPage(),
                page.endCursor());
    }

    private IncomingPayment sameResource(IncomingPayment ip, String url) {
        require(
                ip.id() != null && urls.sameResource(ip.id(), url),
                url,
                "the incoming payment " + ip.id() + " when asked for " + url);
        return ip;
    }

    /** A token's manage URL must be on the origin of the server that issued it. */
    private GrantToken checkedToken(GrantToken t, String issuer, String where) {
        require(
                t.manageUrl() == null || urls.sameOrigin(t.manageUrl(), issuer),
                where,
                "a token manage URL " + t.manageUrl() + " on another server");
        return t;
    }

    /** A resource names the wallet address it belongs to; a wallet that leaves it out is not lying. */
    private boolean sameWallet(String named, WalletAddress wallet) {
        return named == null || urls.sameResource(named, wallet.id());
    }

    private static void require(boolean ok, String where, String problem) {
        if (!ok) {
            throw new WalletException(
                    WalletException.Kind.REJECTED,
                    200,
                    where,
                    "the wallet at " + where + " answered with " + problem + "; its answer was not used");
        }
    }
}

package dev.opfunctions.client.resource;

import dev.opfunctions.client.http.ApiRequest;
import dev.opfunctions.client.http.Urls;
import dev.opfunctions.client.keys.Jwks;
import dev.opfunctions.client.model.WalletAddress;

/** Wallet addresses: public, unauthenticated, unsigned reads. */
public final class WalletAddresses {

    private final ResourceContext ctx;

    public WalletAddresses(ResourceContext ctx) {
        this.ctx = ctx;
    }

    /**
     * {@code GET {walletAddressUrl}}. A payment pointer ({@code $ilp.example.com/alice}) is accepted
     * and turned into its https URL first.
     */
    public WalletAddress get(String walletAddressUrl) {
        String url = ctx.target(Urls.fromPaymentPointer(walletAddressUrl), "walletAddress");
        return ResourceContext.decode(
                ctx.http().send(ApiRequest.get(url, null)).expectStatus(200), WalletAddress.class);
    }

    /**
     * {@code GET {walletAddressUrl}/jwks.json}: the keys the wallet's owner signs with. Every key must
     * be a valid Ed25519 JWK, else INVALID_RESPONSE naming the key ({@code $.keys[1]}).
     */
    public Jwks getKeys(String walletAddressUrl) {
        String url = ctx.join(Urls.fromPaymentPointer(walletAddressUrl), "walletAddress", "/jwks.json");
        return ResourceContext.decode(ctx.http().send(ApiRequest.get(url, null)).expectStatus(200), Jwks.class);
    }
}

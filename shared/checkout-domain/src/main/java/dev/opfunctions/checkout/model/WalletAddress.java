package dev.opfunctions.checkout.model;

/**
 * The public document of an Open Payments wallet address, as far as checkouts need it. Resource
 * and grant URLs are always taken from here, never derived from the address URL.
 */
public record WalletAddress(String id, String assetCode, int assetScale, String authServer, String resourceServer) {
    public WalletAddress {
        if (id == null || authServer == null || resourceServer == null || assetCode == null) {
            throw new IllegalArgumentException("wallet address document is missing a required field");
        }
    }
}

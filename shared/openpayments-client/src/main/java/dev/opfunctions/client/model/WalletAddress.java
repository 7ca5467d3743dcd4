package dev.opfunctions.client.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A wallet address (spec {@code wallet-address}). {@code authServer} and {@code resourceServer} are
 * the only bases the client builds grant and resource URLs from. Unknown fields (Rafiki's
 * {@code cardService}, custom properties) are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WalletAddress(
        String id, String publicName, String assetCode, Integer assetScale, String authServer, String resourceServer) {

    public WalletAddress {
        Check.url(id, "id");
        Check.requiredText(assetCode, "assetCode");
        Check.required(assetScale, "assetScale");
        if (assetScale < 0 || assetScale > 255)
            throw new InvalidFieldException("assetScale", "must be 0..255, got " + assetScale);
        Check.url(authServer, "authServer");
        Check.url(resourceServer, "resourceServer");
    }

    /** Whether {@code amount} is in this wallet's asset (code and scale). */
    public boolean holds(Amount amount) {
        return amount.assetCode().equals(assetCode) && amount.assetScale() == assetScale;
    }

    /** Zero in this wallet's asset. */
    @JsonIgnore
    public Amount zero() {
        return Amount.zero(assetCode, assetScale);
    }
}

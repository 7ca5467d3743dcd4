package dev.opfunctions.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What anyone may read about an incoming payment without a token (spec {@code public-incoming-payment}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PublicIncomingPayment(Amount receivedAmount, String authServer) {

    public PublicIncomingPayment {
        Check.url(authServer, "authServer");
    }
}

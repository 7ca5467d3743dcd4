package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.model.Consent;
import dev.opfunctions.checkout.model.WalletAddress;
import dev.opfunctions.checkout.port.WalletGateway;
import dev.opfunctions.checkout.port.WalletGateway.PendingGrant;
import dev.opfunctions.client.model.Amount;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Asks the customer's wallet for the interactive outgoing-payment grant and returns what the checkout
 * must keep to check the finish callback and continue the grant: a fresh client nonce and finish
 * secret every time (only the secret's hash is kept), so a callback of an earlier request never
 * matches a later one.
 */
final class ConsentRequest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WalletGateway gateway;
    private final Clock clock;
    private final CheckoutSettings settings;
    private final Supplier<String> finishSecrets;

    ConsentRequest(WalletGateway gateway, Clock clock, CheckoutSettings settings, Supplier<String> finishSecrets) {
        this.gateway = gateway;
        this.clock = clock;
        this.settings = settings;
        this.finishSecrets = finishSecrets;
    }

    /**
     * @param limit    the debit limit (in total, or per {@code interval} when one is given)
     * @param deadline when the checkout expires without consent
     * @param round    1 for the checkout's first request, then one more for each time consent is asked again
     */
    Consent request(
            String checkoutId, WalletAddress payer, Amount limit, String interval, Instant deadline, int round) {
        byte[] nonceBytes = new byte[16];
        RANDOM.nextBytes(nonceBytes);
        String nonce = HexFormat.of().formatHex(nonceBytes);
        String finishUri = settings.finishUri(checkoutId);
        String secret = finishSecrets.get();
        String callback = finishUri + "?" + FinishSecret.PARAM + "=" + secret;
        PendingGrant grant = gateway.requestOutgoingPaymentGrant(payer, limit, interval, callback, nonce);
        return new Consent(
                nonce,
                grant.interactNonce(),
                grant.grantRequestUri(),
                finishUri,
                grant.redirectUrl(),
                grant.continueUri(),
                grant.continueToken(),
                clock.instant().plusSeconds(Math.max(0, grant.waitSeconds())),
                deadline,
                null,
                null,
                FinishSecret.hash(secret),
                round,
                /* grantClosedAt */ null,
                /* grantCancelRefusals */ 0,
                /* grantCancelRefusal */ null);
    }
}

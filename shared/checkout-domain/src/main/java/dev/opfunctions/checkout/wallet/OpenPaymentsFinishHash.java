package dev.opfunctions.checkout.wallet;

import dev.opfunctions.checkout.port.FinishHashVerifier;
import dev.opfunctions.client.grant.FinishHash;
import dev.opfunctions.client.grant.FinishOutcome;

/** {@link FinishHashVerifier} by the client's {@link FinishHash} (base64 and base64url, constant time). */
public final class OpenPaymentsFinishHash implements FinishHashVerifier {

    @Override
    public boolean matches(
            String hash, String clientNonce, String interactNonce, String interactRef, String grantRequestUri) {
        return FinishHash.check(hash, interactRef, null, clientNonce, interactNonce, grantRequestUri)
                instanceof FinishOutcome.Approved;
    }
}

package dev.opfunctions.checkout.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.port.WalletException;
import dev.opfunctions.client.OpenPaymentsException;
import dev.opfunctions.client.OpenPaymentsException.Kind;
import org.junit.jupiter.api.Test;

/** Client failures the transport adds for hostile wallets become decisions like any other. */
class OpenPaymentsWalletGatewayTranslateTest {

    @Test
    void anOversizedAnswerIsARejectionNotAnOutage() {
        OpenPaymentsException e = OpenPaymentsException.transport(
                Kind.RESPONSE_TOO_LARGE,
                "GET",
                "https://wallet.example/alice",
                "HTTP 200 answered with more than 1 MiB, more than this client reads; the rest was not read",
                null);

        WalletException w = OpenPaymentsWalletGateway.translate(e, false);

        assertEquals(WalletException.Kind.REJECTED, w.kind());
        assertFalse(w.retryable());
        assertTrue(w.getMessage().contains("more than 1 MiB"), w.getMessage());
    }

    @Test
    void aRefusedAddressIsARejection() {
        OpenPaymentsException e = OpenPaymentsException.transport(
                Kind.INVALID_REQUEST,
                "POST",
                "https://auth.wallet.example/",
                "wallet server host auth.wallet.example is or resolves to an internal address (10.0.0.1: private)",
                null);

        assertEquals(
                WalletException.Kind.REJECTED,
                OpenPaymentsWalletGateway.translate(e, false).kind());
    }
}

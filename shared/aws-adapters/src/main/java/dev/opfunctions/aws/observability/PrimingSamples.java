package dev.opfunctions.aws.observability;

import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.Consent;
import dev.opfunctions.checkout.model.Leg;
import dev.opfunctions.checkout.model.LegKey;
import dev.opfunctions.checkout.model.WalletAddress;
import dev.opfunctions.client.model.Amount;
import java.time.Instant;
import java.util.List;

/**
 * Made-up values priming runs through the real code: a checkout with one leg and a pending consent,
 * a storefront order, and wallet documents of each kind the client reads. Hosts end in
 * {@code .invalid} (RFC 2606), so even a mistake could never reach a real server, and no value is
 * a real token or key.
 */
final class PrimingSamples {

    static final String WALLET = "https://wallet.priming.invalid";
    static final String AUTH = "https://auth.priming.invalid";
    static final String SHOP = "https://shop.priming.invalid";

    private PrimingSamples() {}

    static Checkout checkout(Instant now) {
        Amount amount = Amount.of(1000, "USD", 2);
        WalletAddress customer = new WalletAddress(WALLET + "/customer", "USD", 2, AUTH, WALLET);
        WalletAddress payee = new WalletAddress(WALLET + "/merchant", "USD", 2, AUTH, WALLET);
        Leg leg = Leg.pending(new LegKey(0, 0), payee, amount, WALLET + "/incoming-payments/priming", WALLET + "/quotes/priming",
                amount, now.plusSeconds(600));
        Consent consent = new Consent("client-nonce", "interact-nonce", AUTH + "/", SHOP + "/finish/priming", AUTH + "/interact/priming",
                AUTH + "/continue/priming", "not-a-token", now, now.plusSeconds(900), null, null);
        return new Checkout("00000000-0000-4000-8000-000000000000", "priming-order", "priming-hash", CheckoutStatus.AWAITING_CONSENT, 1,
                now, now, customer, amount, "priming", SHOP + "/orders/priming", List.of(leg), consent, null, null, null, null, 0);
    }

    static String order() {
        return "{\"orderId\":\"priming-order\",\"customerWalletAddress\":\"" + WALLET + "/customer\","
                + "\"amount\":{\"value\":\"1000\",\"assetCode\":\"USD\",\"assetScale\":2},"
                + "\"payees\":[{\"walletAddress\":\"" + WALLET + "/merchant\",\"share\":95},{\"walletAddress\":\"" + WALLET + "/fees\",\"share\":5}],"
                + "\"description\":\"priming\",\"returnUrl\":\"" + SHOP + "/orders/priming\"}";
    }

    static String walletAddress() {
        return "{\"id\":\"" + WALLET + "/customer\",\"publicName\":\"Priming\",\"assetCode\":\"USD\",\"assetScale\":2,"
                + "\"authServer\":\"" + AUTH + "\",\"resourceServer\":\"" + WALLET + "\"}";
    }

    static String incomingPayment() {
        return "{\"id\":\"" + WALLET + "/incoming-payments/priming\",\"walletAddress\":\"" + WALLET + "/merchant\",\"completed\":false,"
                + "\"incomingAmount\":" + amount() + ",\"receivedAmount\":{\"value\":\"0\",\"assetCode\":\"USD\",\"assetScale\":2},"
                + "\"expiresAt\":\"2030-01-01T00:00:00.000Z\",\"metadata\":{\"description\":\"priming\"},"
                + "\"createdAt\":\"2030-01-01T00:00:00.000Z\",\"updatedAt\":\"2030-01-01T00:00:00.000Z\","
                + "\"methods\":[{\"type\":\"ilp\",\"ilpAddress\":\"test.priming\",\"sharedSecret\":\"AAAA\"}]}";
    }

    static String quote() {
        return "{\"id\":\"" + WALLET + "/quotes/priming\",\"walletAddress\":\"" + WALLET + "/customer\",\"receiver\":\"" + WALLET
                + "/incoming-payments/priming\",\"receiveAmount\":" + amount() + ",\"debitAmount\":" + amount() + ",\"method\":\"ilp\","
                + "\"expiresAt\":\"2030-01-01T00:00:00.000Z\",\"createdAt\":\"2030-01-01T00:00:00.000Z\"}";
    }

    static String outgoingPayment() {
        return "{\"id\":\"" + WALLET + "/outgoing-payments/priming\",\"walletAddress\":\"" + WALLET + "/customer\",\"quoteId\":\"" + WALLET
                + "/quotes/priming\",\"failed\":false,\"receiver\":\"" + WALLET + "/incoming-payments/priming\",\"receiveAmount\":" + amount()
                + ",\"debitAmount\":" + amount() + ",\"sentAmount\":" + amount() + ",\"metadata\":{},"
                + "\"createdAt\":\"2030-01-01T00:00:00.000Z\",\"updatedAt\":\"2030-01-01T00:00:00.000Z\"}";
    }

    private static String amount() {
        return "{\"value\":\"1000\",\"assetCode\":\"USD\",\"assetScale\":2}";
    }
}

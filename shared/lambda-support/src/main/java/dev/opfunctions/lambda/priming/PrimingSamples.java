package dev.opfunctions.lambda.priming;

import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.Consent;
import dev.opfunctions.checkout.model.Leg;
import dev.opfunctions.checkout.model.LegKey;
import dev.opfunctions.checkout.model.WalletAddress;
import dev.opfunctions.client.model.Amount;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Made-up values priming runs through the real code: a checkout with one leg and a pending consent,
 * a storefront order, and wallet documents of each kind the client reads. Hosts end in
 * {@code .invalid} (RFC 2606), so even a mistake could never reach a real server, and no value is
 * a real token or key.
 */
public final class PrimingSamples {

    static final String WALLET = "https://wallet.priming.invalid";
    static final String AUTH = "https://auth.priming.invalid";
    static final String SHOP = "https://shop.priming.invalid";

    private PrimingSamples() {}

    public static Checkout checkout(Instant now) {
        Amount amount = Amount.of(1000, "USD", 2);
        WalletAddress customer = new WalletAddress(WALLET + "/customer", "USD", 2, AUTH, WALLET);
        WalletAddress payee = new WalletAddress(WALLET + "/merchant", "USD", 2, AUTH, WALLET);
        Leg leg = Leg.pending(
                new LegKey(0, 0),
                payee,
                amount,
                WALLET + "/incoming-payments/priming",
                WALLET + "/quotes/priming",
                amount,
                now.plusSeconds(600));
        Consent consent = record(
                Consent.class,
                Map.of(
                        "clientNonce",
                        "client-nonce",
                        "interactNonce",
                        "interact-nonce",
                        "grantRequestUri",
                        AUTH + "/",
                        "finishUri",
                        SHOP + "/finish/priming",
                        "redirectUrl",
                        AUTH + "/interact/priming",
                        "continueUri",
                        AUTH + "/continue/priming",
                        "continueToken",
                        "not-a-token",
                        "continueAfter",
                        now,
                        "deadline",
                        now.plusSeconds(900)));
        return record(
                Checkout.class,
                Map.ofEntries(
                        Map.entry("id", "00000000-0000-4000-8000-000000000000"),
                        Map.entry("orderId", "priming-order"),
                        Map.entry("requestHash", "priming-hash"),
                        Map.entry("status", CheckoutStatus.AWAITING_CONSENT),
                        Map.entry("version", 1L),
                        Map.entry("createdAt", now),
                        Map.entry("updatedAt", now),
                        Map.entry("customer", customer),
                        Map.entry("amount", amount),
                        Map.entry("description", "priming"),
                        Map.entry("returnUrl", SHOP + "/orders/priming"),
                        Map.entry("legs", List.of(leg)),
                        Map.entry("consent", consent)));
    }

    /**
     * A record built by component name: components not named are null (zero, false), so the sample
     * keeps compiling and working when the domain records gain optional components.
     */
    static <T extends Record> T record(Class<T> type, Map<String, Object> values) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            Object v = values.get(components[i].getName());
            args[i] = v != null
                    ? v
                    : types[i] == int.class
                            ? 0
                            : types[i] == long.class ? 0L : types[i] == boolean.class ? false : null;
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a sample " + type.getSimpleName(), e);
        }
    }

    static String order() {
        return "{\"orderId\":\"priming-order\",\"customerWalletAddress\":\"" + WALLET + "/customer\","
                + "\"amount\":{\"value\":\"1000\",\"assetCode\":\"USD\",\"assetScale\":2},"
                + "\"payees\":[{\"walletAddress\":\"" + WALLET + "/merchant\",\"share\":95},{\"walletAddress\":\""
                + WALLET + "/fees\",\"share\":5}],"
                + "\"description\":\"priming\",\"returnUrl\":\"" + SHOP + "/orders/priming\"}";
    }

    static String walletAddress() {
        return "{\"id\":\"" + WALLET + "/customer\",\"publicName\":\"Priming\",\"assetCode\":\"USD\",\"assetScale\":2,"
                + "\"authServer\":\"" + AUTH + "\",\"resourceServer\":\"" + WALLET + "\"}";
    }

    static String incomingPayment() {
        return "{\"id\":\"" + WALLET + "/incoming-payments/priming\",\"walletAddress\":\"" + WALLET
                + "/merchant\",\"completed\":false,"
                + "\"incomingAmount\":" + amount()
                + ",\"receivedAmount\":{\"value\":\"0\",\"assetCode\":\"USD\",\"assetScale\":2},"
                + "\"expiresAt\":\"2030-01-01T00:00:00.000Z\",\"metadata\":{\"description\":\"priming\"},"
                + "\"createdAt\":\"2030-01-01T00:00:00.000Z\",\"updatedAt\":\"2030-01-01T00:00:00.000Z\","
                + "\"methods\":[{\"type\":\"ilp\",\"ilpAddress\":\"test.priming\",\"sharedSecret\":\"AAAA\"}]}";
    }

    static String quote() {
        return "{\"id\":\"" + WALLET + "/quotes/priming\",\"walletAddress\":\"" + WALLET + "/customer\",\"receiver\":\""
                + WALLET
                + "/incoming-payments/priming\",\"receiveAmount\":" + amount() + ",\"debitAmount\":" + amount()
                + ",\"method\":\"ilp\","
                + "\"expiresAt\":\"2030-01-01T00:00:00.000Z\",\"createdAt\":\"2030-01-01T00:00:00.000Z\"}";
    }

    static String outgoingPayment() {
        return "{\"id\":\"" + WALLET + "/outgoing-payments/priming\",\"walletAddress\":\"" + WALLET
                + "/customer\",\"quoteId\":\"" + WALLET
                + "/quotes/priming\",\"failed\":false,\"receiver\":\"" + WALLET
                + "/incoming-payments/priming\",\"receiveAmount\":" + amount()
                + ",\"debitAmount\":" + amount() + ",\"sentAmount\":" + amount() + ",\"metadata\":{},"
                + "\"createdAt\":\"2030-01-01T00:00:00.000Z\",\"updatedAt\":\"2030-01-01T00:00:00.000Z\"}";
    }

    private static String amount() {
        return "{\"value\":\"1000\",\"assetCode\":\"USD\",\"assetScale\":2}";
    }
}

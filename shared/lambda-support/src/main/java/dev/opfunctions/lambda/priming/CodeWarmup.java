package dev.opfunctions.lambda.priming;

import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.command.CommandCodec;
import dev.opfunctions.checkout.order.CheckoutRequestParser;
import dev.opfunctions.checkout.order.UrlPolicy;
import dev.opfunctions.checkout.service.CheckoutView;
import dev.opfunctions.checkout.wallet.OpenPaymentsFinishHash;
import dev.opfunctions.client.json.Json;
import dev.opfunctions.client.model.IncomingPayment;
import dev.opfunctions.client.model.OutgoingPayment;
import dev.opfunctions.client.model.Quote;
import dev.opfunctions.client.model.WalletAddress;
import dev.opfunctions.lambda.HttpResponses;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The functions' own JSON and request code on made-up values: queue commands both ways, wallet
 * documents of every kind parsed and re-serialised, a checkout rendered for the storefront, the
 * HTTP API responses, a storefront order parsed and validated (names resolve to a fixed documentation address, so no
 * DNS query leaves the JVM) and finish-hash checking.
 */
final class CodeWarmup {

    private CodeWarmup() {}

    static void json() {
        String id = "00000000-0000-4000-8000-000000000000";
        for (Command c : List.of(
                new Command.ContinueGrant(id), new Command.FollowPayments(id, 1), new Command.ExpireConsent(id))) {
            CommandCodec.decode(CommandCodec.encode(c));
        }
        roundTrip(PrimingSamples.walletAddress(), WalletAddress.class);
        roundTrip(PrimingSamples.incomingPayment(), IncomingPayment.class);
        roundTrip(PrimingSamples.quote(), Quote.class);
        roundTrip(PrimingSamples.outgoingPayment(), OutgoingPayment.class);
        CheckoutView.checkout(PrimingSamples.checkout(Instant.now())).toString();
    }

    /** Only for HTTP API functions: the response type is not in the other functions' jars. */
    static void httpResponses() {
        HttpResponses.json(
                200,
                CheckoutView.checkout(PrimingSamples.checkout(Instant.now())).toString());
        HttpResponses.redirect(PrimingSamples.SHOP + "/orders/priming?checkoutId=00000000-0000-4000-8000-000000000000");
        HttpResponses.html(400, "Priming", "priming");
    }

    static void orderParsing() {
        UrlPolicy urls = new UrlPolicy(
                false,
                Set.of(PrimingSamples.SHOP),
                host -> List.of(InetAddress.getByAddress(host, new byte[] {(byte) 203, 0, 113, 10})));
        new CheckoutRequestParser(urls, PrimingSamples.WALLET + "/merchant")
                .parse(PrimingSamples.order().getBytes(StandardCharsets.UTF_8));
    }

    static void finishHash() {
        new OpenPaymentsFinishHash()
                .matches("bm90LWEtaGFzaA==", "client-nonce", "interact-nonce", "ref", PrimingSamples.AUTH + "/");
    }

    private static <T> void roundTrip(String json, Class<T> type) {
        Json.stringify(Json.parse(json.getBytes(StandardCharsets.UTF_8), type));
    }
}

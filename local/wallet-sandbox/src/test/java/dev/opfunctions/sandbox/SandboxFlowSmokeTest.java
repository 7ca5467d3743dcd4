package dev.opfunctions.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opfunctions.client.model.Amount;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxFlowSmokeTest {

    @Test
    void oneTimePurchaseMovesMoneyWithoutSignatures() throws Exception {
        try (WalletSandbox sandbox = WalletSandbox.start(SandboxConfig.demoWorld().withWaitSeconds(0).withSignatureVerification(false))) {
            OpClient op = new OpClient(null);
            String customer = sandbox.walletAddressUrl("customer");
            String retailer = sandbox.walletAddressUrl("retailer");
            var c = op.get(customer, null).body();
            var r = op.get(retailer, null).body();
            System.out.println(c + "\n" + r);
            var ipGrant = op.post(r.get("authServer").asText(), null, Bodies.nonInteractiveGrant(retailer, "incoming-payment", List.of("create", "read")));
            System.out.println(ipGrant.status() + " " + ipGrant.body());
            var ip = op.post(r.get("resourceServer").asText() + "/incoming-payments", ipGrant.body().at("/access_token/value").asText(),
                    Bodies.ordered("walletAddress", retailer, "incomingAmount", Bodies.amount("140000", "MXN")));
            System.out.println(ip.status() + " " + ip.body());
            var qGrant = op.post(c.get("authServer").asText(), null, Bodies.nonInteractiveGrant(retailer, "quote", List.of("create", "read")));
            var quote = op.post(c.get("resourceServer").asText() + "/quotes", qGrant.body().at("/access_token/value").asText(),
                    Bodies.ordered("walletAddress", customer, "receiver", ip.body().get("id").asText(), "method", "ilp"));
            System.out.println(quote.status() + " " + quote.body());
            var pending = op.post(c.get("authServer").asText(), null, Bodies.outgoingGrant(retailer, customer,
                    Bodies.ordered("debitAmount", quote.body().get("debitAmount")), "http://127.0.0.1:1/finish", "n0nce"));
            System.out.println(pending.status() + " " + pending.body());
            String redirect = sandbox.admin().approve(pending.body().at("/interact/redirect").asText()).orElseThrow();
            System.out.println(redirect);
            String ref = redirect.replaceAll(".*interact_ref=([^&]+).*", "$1");
            var grant = op.post(pending.body().at("/continue/uri").asText(), pending.body().at("/continue/access_token/value").asText(),
                    Bodies.ordered("interact_ref", ref));
            System.out.println(grant.status() + " " + grant.body());
            var payment = op.post(c.get("resourceServer").asText() + "/outgoing-payments", grant.body().at("/access_token/value").asText(),
                    Bodies.ordered("walletAddress", customer, "quoteId", quote.body().get("id").asText()));
            System.out.println(payment.status() + " " + payment.body());
            sandbox.admin().awaitPaymentsSettled(Duration.ofSeconds(5));
            assertEquals(Amount.of(140000, "MXN", 2), sandbox.admin().balance(retailer));
            assertEquals(Amount.of(860000, "MXN", 2), sandbox.admin().balance(customer));
            sandbox.admin().checkMoneyConserved();
        }
    }
}

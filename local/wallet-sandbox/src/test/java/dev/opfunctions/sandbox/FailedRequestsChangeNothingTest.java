package dev.opfunctions.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Numbers a JS server turns into doubles, and the rule that a request answered with an error has
 * changed nothing: no incoming payment, quote, outgoing payment or ledger entry is left behind.
 */
class FailedRequestsChangeNothingTest {

    private static final String BEYOND_A_DOUBLE = "12345678901234567890";
    private static final String AS_JS_PRINTS_IT = "12345678901234567000";

    private final World world = new World(SandboxConfig.demoWorld()
            .withWaitSeconds(0)
            .withBodyDigest(SandboxConfig.BodyDigest.RAW_BYTES)
            .withSettlementDelay(Duration.ofMillis(5)));

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void bigIntegerInMetadataIsKeptAsJsonParseKeepsItAndListsStillWork() {
        String rs = world.resourceServer(world.retailer);
        String token = world.token(world.retailer, "incoming-payment", "create", "read", "list");
        byte[] body = ("{\"walletAddress\":\"" + world.retailer + "\",\"metadata\":{\"orderNo\":" + BEYOND_A_DOUBLE
                        + ",\"keep\":1,\"price\":2.50}}")
                .getBytes(StandardCharsets.UTF_8);

        OpClient.Reply created = world.op.send("POST", rs + "/incoming-payments", token, body, true);
        OpClient.Reply read = world.op.get(created.body().get("id").asText(), token);
        OpClient.Reply list = world.op.get(
                rs + "/incoming-payments?wallet-address=" + URLEncoder.encode(world.retailer, StandardCharsets.UTF_8),
                token);

        assertEquals(201, created.status(), () -> String.valueOf(created.body()));
        String expected = "{\"orderNo\":" + AS_JS_PRINTS_IT + ",\"keep\":1,\"price\":2.5}";
        assertEquals(expected, metadataText(created));
        assertEquals(200, read.status());
        assertEquals(expected, metadataText(read));
        assertEquals(200, list.status(), () -> String.valueOf(list.body()));
        assertEquals(1, list.body().get("result").size());
    }

    @Test
    void outgoingPaymentMetadataFollowsTheSameRule() throws Exception {
        JsonNode quote = world.quote(world.incomingPayment(500));
        String token = world.outgoingGrant(null).at("/access_token/value").asText();
        byte[] body = ("{\"walletAddress\":\"" + world.customer + "\",\"quoteId\":\""
                        + quote.get("id").asText() + "\",\"metadata\":{\"n\":" + BEYOND_A_DOUBLE + "}}")
                .getBytes(StandardCharsets.UTF_8);

        OpClient.Reply created =
                world.op.send("POST", world.resourceServer(world.customer) + "/outgoing-payments", token, body, true);

        assertEquals(201, created.status(), () -> String.valueOf(created.body()));
        assertEquals("{\"n\":" + AS_JS_PRINTS_IT + "}", metadataText(created));
    }

    @Test
    void everyRefusedRequestLeavesTheWorldAsItWas() throws Exception {
        String incoming = world.incomingPayment(500);
        JsonNode quote = world.quote(incoming);
        String limited = world.outgoingGrant(Bodies.ordered("debitAmount", Bodies.amount("100", "MXN")))
                .at("/access_token/value")
                .asText();
        String unlimited = world.outgoingGrant(null).at("/access_token/value").asText();
        String customerRs = world.resourceServer(world.customer);
        String retailerRs = world.resourceServer(world.retailer);
        String incomingToken = world.token(world.retailer, "incoming-payment", "create");
        Snapshot before = snapshot();

        List<OpClient.Reply> refused = List.of(
                // over the grant's limit, from a quote and from an incoming payment plus debit amount
                world.pay(limited, quote.get("id").asText()),
                world.op.post(
                        customerRs + "/outgoing-payments",
                        limited,
                        Bodies.ordered(
                                "walletAddress",
                                world.customer,
                                "incomingPayment",
                                incoming,
                                "debitAmount",
                                Bodies.amount("5000", "MXN"))),
                // a debit the fee swallows
                world.op.post(
                        customerRs + "/outgoing-payments",
                        unlimited,
                        Bodies.ordered(
                                "walletAddress",
                                world.customer,
                                "incomingPayment",
                                incoming,
                                "debitAmount",
                                Bodies.amount("100", "MXN"))),
                world.pay(unlimited, customerRs + "/quotes/00000000-0000-0000-0000-000000000000"),
                world.op.post(
                        retailerRs + "/incoming-payments",
                        incomingToken,
                        Bodies.ordered("walletAddress", world.retailer, "incomingAmount", Bodies.amount("100", "USD"))),
                world.op.post(
                        retailerRs + "/incoming-payments",
                        incomingToken,
                        Bodies.ordered("walletAddress", world.retailer, "expiresAt", "2000-01-01T00:00:00Z")),
                new OpClient(World.signerFor(TestKeys.generate(world.keys.keyId())))
                        .post(
                                retailerRs + "/incoming-payments",
                                incomingToken,
                                Bodies.ordered("walletAddress", world.retailer)));

        for (OpClient.Reply reply : refused) {
            assertEquals(
                    true, reply.status() >= 400, () -> "expected a refusal: " + reply.status() + " " + reply.body());
        }
        assertEquals(before, snapshot());
        assertEquals(
                201,
                world.pay(unlimited, quote.get("id").asText()).status(),
                "the refused payments did not use up the quote");
    }

    /** What the admin sees: every incoming and outgoing payment and the ledger. */
    private record Snapshot(
            List<PaymentViews.Incoming> incoming, List<PaymentViews.Outgoing> outgoing, int ledgerEntries) {}

    private Snapshot snapshot() {
        return new Snapshot(
                world.sandbox.admin().incomingPayments(world.retailer),
                world.sandbox.admin().outgoingPayments(world.customer),
                world.sandbox.admin().ledgerEntries().size());
    }

    /** The {@code metadata} member exactly as the server wrote it. */
    private static String metadataText(OpClient.Reply reply) {
        String text = new String(reply.raw().body(), StandardCharsets.UTF_8);
        int start = text.indexOf("\"metadata\":") + "\"metadata\":".length();
        int end = text.indexOf('}', start) + 1;
        return text.substring(start, end);
    }
}

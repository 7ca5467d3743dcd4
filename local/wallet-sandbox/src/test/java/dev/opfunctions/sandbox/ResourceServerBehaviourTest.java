package dev.opfunctions.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.model.Amount;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The resource server's checks and answers, as Rafiki gives them. */
class ResourceServerBehaviourTest {

    private final World world = World.start();

    @AfterEach
    void stop() {
        world.close();
    }

    private String rs() {
        return world.resourceServer(world.retailer);
    }

    @Test
    void missingAuthorizationIs401WithTheAuthServerToAsk() {
        OpClient.Reply reply =
                world.op.post(rs() + "/incoming-payments", null, Bodies.ordered("walletAddress", world.retailer));

        Expect.resourceError(reply, 401, "Missing or invalid authorization header value");
        Expect.wwwAuthenticate(reply, world.authServer(world.retailer));
    }

    @Test
    void unknownTokenIsInactive() {
        OpClient.Reply reply = world.op.post(
                rs() + "/incoming-payments", "NOSUCHTOKEN", Bodies.ordered("walletAddress", world.retailer));

        Expect.resourceError(reply, 403, "Inactive Token");
    }

    @Test
    void tokenForAnotherResourceTypeIsInsufficient() {
        String quoteToken = world.token(world.retailer, "quote", "create");

        OpClient.Reply reply =
                world.op.post(rs() + "/incoming-payments", quoteToken, Bodies.ordered("walletAddress", world.retailer));

        Expect.resourceError(reply, 403, "Insufficient Grant");
        Expect.wwwAuthenticate(reply, world.authServer(world.retailer));
    }

    @Test
    void requestSignedWithAnotherKeyIsRejected() {
        String token = world.token(world.retailer, "incoming-payment", "create");
        OpClient impostor = new OpClient(World.signerFor(TestKeys.generate("test-key")));

        OpClient.Reply reply =
                impostor.post(rs() + "/incoming-payments", token, Bodies.ordered("walletAddress", world.retailer));

        Expect.resourceError(reply, 401, "Signature validation error: provided signature is invalid");
    }

    @Test
    void bodyFailingTheSpecIs400() {
        String token = world.token(world.retailer, "incoming-payment", "create");

        OpClient.Reply reply = world.op.post(
                rs() + "/incoming-payments",
                token,
                Bodies.ordered("walletAddress", world.retailer, "unexpected", true));

        assertEquals(400, reply.status());
        assertEquals("400", reply.body().at("/error/code").asText());
    }

    @Test
    void incomingPaymentInAnotherAssetIsAnInvalidAmount() {
        String token = world.token(world.retailer, "incoming-payment", "create");

        OpClient.Reply reply = world.op.post(
                rs() + "/incoming-payments",
                token,
                Bodies.ordered("walletAddress", world.retailer, "incomingAmount", Bodies.amount("100", "USD")));

        Expect.resourceError(reply, 400, "invalid amount");
    }

    @Test
    void oneTimePaymentSettlesAndCompletesTheIncomingPayment() throws Exception {
        String incoming = world.incomingPayment(140_000);
        JsonNode quote = world.quote(incoming);
        JsonNode grant =
                world.outgoingGrant(Bodies.ordered("debitAmount", quote.get("debitAmount"), "receiver", incoming));

        OpClient.Reply created = world.pay(
                grant.at("/access_token/value").asText(), quote.get("id").asText());
        assertTrue(world.sandbox.admin().awaitPaymentsSettled(Duration.ofSeconds(5)));
        OpClient.Reply read = world.op.get(
                created.body().get("id").asText(),
                grant.at("/access_token/value").asText());
        OpClient.Reply publicView = world.unsigned.get(incoming, null);

        assertEquals(201, created.status(), () -> created.body().toString());
        Expect.validResourceResponse("POST", "/outgoing-payments", created);
        assertEquals("140000", read.body().at("/sentAmount/value").asText());
        assertFalse(read.body().get("failed").asBoolean());
        Expect.validResourceResponse("GET", "/outgoing-payments/x", read);
        assertEquals("140000", publicView.body().at("/receivedAmount/value").asText());
        assertEquals(
                world.authServer(world.retailer),
                publicView.body().get("authServer").asText());
        assertEquals(Amount.of(140_000, "MXN", 2), world.sandbox.admin().balance(world.retailer));
        world.sandbox.admin().checkMoneyConserved();
    }

    @Test
    void paymentOverTheGrantsDebitLimitIsUnauthorized() {
        JsonNode quote = world.quote(world.incomingPayment(140_000));
        JsonNode grant = world.outgoingGrant(Bodies.ordered("debitAmount", Bodies.amount("1000", "MXN")));

        OpClient.Reply reply = world.pay(
                grant.at("/access_token/value").asText(), quote.get("id").asText());

        Expect.resourceError(reply, 403, "unauthorized");
    }

    @Test
    void paymentToAnotherReceiverThanTheGrantsIsUnauthorized() {
        String allowed = world.incomingPayment(100);
        JsonNode quote = world.quote(world.incomingPayment(100));
        JsonNode grant = world.outgoingGrant(Bodies.ordered("receiver", allowed));

        OpClient.Reply reply = world.pay(
                grant.at("/access_token/value").asText(), quote.get("id").asText());

        Expect.resourceError(reply, 403, "unauthorized");
    }

    @Test
    void paymentBeforeTheIntervalStartsIsUnauthorized() {
        JsonNode quote = world.quote(world.incomingPayment(100));
        String tomorrow = Instant.now()
                .plus(Duration.ofDays(1))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        JsonNode grant = world.outgoingGrant(
                Bodies.ordered("debitAmount", Bodies.amount("1000", "MXN"), "interval", "R3/" + tomorrow + "/P1D"));

        OpClient.Reply reply = world.pay(
                grant.at("/access_token/value").asText(), quote.get("id").asText());

        Expect.resourceError(reply, 403, "unauthorized");
    }

    @Test
    void intervalBudgetResetsInTheNextIntervalAndSpentAmountsFollow() throws Exception {
        String start = Instant.now()
                .minusSeconds(60)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        // One payment of 1.00 delivered costs 2.02 (fee 1.00 + 2 % of 1.00 rounded up): the budget holds one per hour.
        JsonNode grant = world.outgoingGrant(
                Bodies.ordered("debitAmount", Bodies.amount("202", "MXN"), "interval", "R1/" + start + "/PT1H"));
        String token = grant.at("/access_token/value").asText();

        OpClient.Reply first = world.pay(
                token, world.quote(world.incomingPayment(100)).get("id").asText());
        OpClient.Reply overBudget = world.pay(
                token, world.quote(world.incomingPayment(100)).get("id").asText());
        world.sandbox.admin().advanceClock(Duration.ofMinutes(61));
        JsonNode rotatedGrant = world.op
                .post(grant.at("/access_token/manage").asText(), token, null)
                .body();
        String rotated = rotatedGrant.at("/access_token/value").asText();
        OpClient.Reply nextHour = world.pay(
                rotated, world.quote(world.incomingPayment(100)).get("id").asText());
        OpClient.Reply spent = world.op.get(world.resourceServer(world.customer) + "/outgoing-payment-grant", rotated);
        world.sandbox.admin().advanceClock(Duration.ofMinutes(60));
        String rotatedAgain = world.op
                .post(rotatedGrant.at("/access_token/manage").asText(), rotated, null)
                .body()
                .at("/access_token/value")
                .asText();
        OpClient.Reply afterLast = world.pay(
                rotatedAgain, world.quote(world.incomingPayment(100)).get("id").asText());

        assertEquals(201, first.status(), () -> first.body().toString());
        Expect.resourceError(overBudget, 403, "unauthorized");
        assertEquals(201, nextHour.status(), () -> nextHour.body().toString());
        assertEquals(
                "0",
                nextHour.body().at("/grantSpentDebitAmount/value").asText(),
                "nothing spent yet in the new interval");
        assertEquals("202", spent.body().at("/spentDebitAmount/value").asText());
        Expect.validResourceResponse("GET", "/outgoing-payment-grant", spent);
        Expect.resourceError(afterLast, 403, "unauthorized");
    }

    @Test
    void expiredQuoteIsInvalid() {
        JsonNode quote = world.quote(world.incomingPayment(100));
        JsonNode grant = world.outgoingGrant(null);
        world.sandbox.admin().advanceClock(Duration.ofMinutes(5).plusSeconds(1));

        OpClient.Reply reply = world.pay(
                grant.at("/access_token/value").asText(), quote.get("id").asText());

        Expect.resourceError(reply, 400, "invalid quote");
    }

    @Test
    void quoteBacksOnlyOneOutgoingPayment() {
        JsonNode quote = world.quote(world.incomingPayment(100));
        String token = world.outgoingGrant(null).at("/access_token/value").asText();

        OpClient.Reply first = world.pay(token, quote.get("id").asText());
        OpClient.Reply second = world.pay(token, quote.get("id").asText());

        assertEquals(201, first.status());
        Expect.resourceError(second, 400, "invalid quote");
    }

    @Test
    void unknownQuoteIs404() {
        String token = world.outgoingGrant(null).at("/access_token/value").asText();

        OpClient.Reply reply =
                world.pay(token, world.resourceServer(world.customer) + "/quotes/00000000-0000-0000-0000-000000000000");

        Expect.resourceError(reply, 404, "unknown quote");
    }

    @Test
    void paymentWithoutFundsFailsAndMovesNothing() throws Exception {
        JsonNode quote = world.quote(world.incomingPayment(2_000_000));
        String token = world.outgoingGrant(null).at("/access_token/value").asText();

        OpClient.Reply created = world.pay(token, quote.get("id").asText());
        assertTrue(world.sandbox.admin().awaitPaymentsSettled(Duration.ofSeconds(5)));
        OpClient.Reply read = world.op.get(created.body().get("id").asText(), token);

        assertEquals(201, created.status());
        assertTrue(read.body().get("failed").asBoolean());
        assertEquals("0", read.body().at("/sentAmount/value").asText());
        assertEquals(Amount.of(1_000_000, "MXN", 2), world.sandbox.admin().balance(world.customer));
        assertEquals(Amount.of(0, "MXN", 2), world.sandbox.admin().balance(world.retailer));
    }

    @Test
    void fixedSendAcrossCurrenciesChargesTheFeeAndConservesMoney() throws Exception {
        try (World fx = new World(SandboxConfig.demoWorld()
                .withWaitSeconds(0)
                .withFee(new dev.opfunctions.sandbox.money.FeePolicy(30, 100)))) {
            String payer = fx.sandbox.walletAddressUrl("customer-usd");
            String incoming = fx.incomingPayment(1_000_000);
            String quoteToken = fx.token(payer, "quote", "create");
            OpClient.Reply quote = fx.op.post(
                    fx.resourceServer(payer) + "/quotes",
                    quoteToken,
                    Bodies.ordered(
                            "walletAddress",
                            payer,
                            "receiver",
                            incoming,
                            "method",
                            "ilp",
                            "debitAmount",
                            Bodies.amount("1000", "USD")));
            Map<String, Object> body = Bodies.outgoingGrant(fx.client, payer, null, "http://127.0.0.1:1/f", "n");
            JsonNode pending = fx.op.post(fx.authServer(payer), null, body).body();
            String ref = fx.sandbox
                    .admin()
                    .approve(pending.at("/interact/redirect").asText())
                    .orElseThrow()
                    .replaceAll(".*interact_ref=([^&]+).*", "$1");
            String token = fx.op.post(
                            pending.at("/continue/uri").asText(),
                            pending.at("/continue/access_token/value").asText(),
                            Bodies.ordered("interact_ref", ref))
                    .body()
                    .at("/access_token/value")
                    .asText();

            OpClient.Reply paid = fx.op.post(
                    fx.resourceServer(payer) + "/outgoing-payments",
                    token,
                    Bodies.ordered(
                            "walletAddress",
                            payer,
                            "quoteId",
                            quote.body().get("id").asText()));
            assertTrue(fx.sandbox.admin().awaitPaymentsSettled(Duration.ofSeconds(5)));

            // USD 10.00 debited: fee 0.30 + 1% of the whole 10.00 = 0.40 (Rafiki's fixed-send rule); 9.60 x 17 = MXN
            // 163.20.
            assertEquals(201, quote.status(), () -> quote.body().toString());
            Expect.validResourceResponse("POST", "/quotes", quote);
            assertEquals("16320", quote.body().at("/receiveAmount/value").asText());
            assertEquals(201, paid.status(), () -> paid.body().toString());
            assertEquals(Amount.of(499_000, "USD", 2), fx.sandbox.admin().balance(payer));
            assertEquals(Amount.of(16_320, "MXN", 2), fx.sandbox.admin().balance(fx.retailer));
            fx.sandbox.admin().checkMoneyConserved();
        }
    }

    @Test
    void outgoingPaymentCanBeCreatedFromAnIncomingPaymentAndDebitAmount() {
        String incoming = world.incomingPayment(50_000);
        String token = world.outgoingGrant(null).at("/access_token/value").asText();

        OpClient.Reply reply = world.op.post(
                world.resourceServer(world.customer) + "/outgoing-payments",
                token,
                Bodies.ordered(
                        "walletAddress",
                        world.customer,
                        "incomingPayment",
                        incoming,
                        "debitAmount",
                        Bodies.amount("20000", "MXN")));

        // Fixed-send: the fee 1.00 + 2 % of the whole 200.00 debit comes out before delivery.
        assertEquals(201, reply.status(), () -> reply.body().toString());
        assertEquals("20000", reply.body().at("/debitAmount/value").asText());
        assertEquals("19500", reply.body().at("/receiveAmount/value").asText());
    }

    @Test
    void readSeesOnlyTheClientsOwnResourcesAndReadAllSeesEveryone() {
        String incoming = world.incomingPayment(100);
        String other = world.sandbox.walletAddressUrl("marketplace");
        TestKeys otherKeys = TestKeys.generate("other-key");
        world.sandbox.admin().registerClientKey(other, otherKeys.jwk());
        OpClient otherClient = new OpClient(World.signerFor(otherKeys));
        String readToken = otherClient
                .post(
                        world.authServer(world.retailer),
                        null,
                        Bodies.nonInteractiveGrant(other, "incoming-payment", List.of("read")))
                .body()
                .at("/access_token/value")
                .asText();
        String readAllToken = otherClient
                .post(
                        world.authServer(world.retailer),
                        null,
                        Bodies.nonInteractiveGrant(other, "incoming-payment", List.of("read-all")))
                .body()
                .at("/access_token/value")
                .asText();

        OpClient.Reply withRead = otherClient.get(incoming, readToken);
        OpClient.Reply withReadAll = otherClient.get(incoming, readAllToken);

        Expect.resourceError(withRead, 404, "Incoming payment does not exist");
        assertEquals(200, withReadAll.status());
        Expect.validResourceResponse("GET", "/incoming-payments/x", withReadAll);
    }

    @Test
    void listsPageByCursorNewestFirst() {
        String a = world.incomingPayment(1);
        String b = world.incomingPayment(2);
        String c = world.incomingPayment(3);
        String token = world.token(world.retailer, "incoming-payment", "list");
        String base =
                rs() + "/incoming-payments?wallet-address=" + URLEncoder.encode(world.retailer, StandardCharsets.UTF_8);

        OpClient.Reply page1 = world.op.get(base + "&first=2", token);
        String end = page1.body().at("/pagination/endCursor").asText();
        OpClient.Reply page2 = world.op.get(base + "&first=2&cursor=" + end, token);
        OpClient.Reply back = world.op.get(
                base + "&last=1&cursor="
                        + page2.body().at("/pagination/startCursor").asText(),
                token);

        assertEquals(List.of(c, b), ids(page1));
        assertTrue(page1.body().at("/pagination/hasNextPage").asBoolean());
        assertFalse(page1.body().at("/pagination/hasPreviousPage").asBoolean());
        Expect.validResourceResponse("GET", "/incoming-payments", page1);
        assertEquals(List.of(a), ids(page2));
        assertFalse(page2.body().at("/pagination/hasNextPage").asBoolean());
        assertEquals(List.of(b), ids(back));
    }

    @Test
    void completingTwiceIsAWrongState() {
        String incoming = world.incomingPayment(100);
        String token = world.token(world.retailer, "incoming-payment", "complete");

        OpClient.Reply first = world.op.post(incoming + "/complete", token, null);
        OpClient.Reply second = world.op.post(incoming + "/complete", token, null);

        assertTrue(first.body().get("completed").asBoolean());
        Expect.validResourceResponse("POST", "/incoming-payments/x/complete", first);
        Expect.resourceError(second, 409, "wrong state");
    }

    @Test
    void quoteToAnExpiredIncomingPaymentHasAnInvalidReceiver() {
        String token = world.token(world.retailer, "incoming-payment", "create");
        String expiresAt = Instant.now().plusSeconds(30).toString();
        String incoming = world.op
                .post(
                        rs() + "/incoming-payments",
                        token,
                        Bodies.ordered(
                                "walletAddress",
                                world.retailer,
                                "incomingAmount",
                                Bodies.amount("100", "MXN"),
                                "expiresAt",
                                expiresAt))
                .body()
                .get("id")
                .asText();
        world.sandbox.admin().advanceClock(Duration.ofSeconds(31));

        OpClient.Reply reply = world.op.post(
                world.resourceServer(world.customer) + "/quotes",
                world.token(world.customer, "quote", "create"),
                Bodies.ordered("walletAddress", world.customer, "receiver", incoming, "method", "ilp"));

        Expect.resourceError(reply, 400, "invalid receiver");
    }

    private static List<String> ids(OpClient.Reply reply) {
        return java.util.stream.StreamSupport.stream(reply.body().get("result").spliterator(), false)
                .map(n -> n.get("id").asText())
                .toList();
    }
}

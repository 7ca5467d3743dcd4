package dev.opfunctions.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.model.Amount;
import dev.opfunctions.sandbox.money.FeePolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fees and amounts on the default demo world, which charges Rafiki's local-environment fee (1.00 plus
 * 2 %): quotes, the outgoing payment's fields while and after it is sent, and a ledger that reconciles
 * to the unit.
 */
class FeesAndSentAmountTest {

    private final World world = World.start();

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void fixedReceiveQuoteAddsTheFeeOnTheSourceAmount() {
        JsonNode fiveUnits = world.quote(world.incomingPayment(500));
        JsonNode halfUnit = world.quote(world.incomingPayment(50));

        // 5.00 + 1.00 + 2 % of 5.00; 0.50 + 1.00 + 2 % of 0.50 (0.01): the figure Rafiki gave for a local payment.
        assertEquals("610", fiveUnits.at("/debitAmount/value").asText());
        assertEquals("500", fiveUnits.at("/receiveAmount/value").asText());
        assertEquals("151", halfUnit.at("/debitAmount/value").asText());
    }

    @Test
    void fixedSendQuoteTakesTheFeeOnTheWholeDebitOutOfIt() {
        String incoming = world.incomingPayment(1_000_000);

        OpClient.Reply quote = world.quoteFixing(incoming, "debitAmount", "1000");

        // Fee 1.00 + 2 % of 10.00 = 1.20; 8.80 arrives.
        assertEquals(201, quote.status(), () -> quote.body().toString());
        assertEquals("1000", quote.body().at("/debitAmount/value").asText());
        assertEquals("880", quote.body().at("/receiveAmount/value").asText());
    }

    @Test
    void debitTooSmallForTheFeeIsANonPositiveReceiveAmount() {
        String incoming = world.incomingPayment(1_000_000);

        OpClient.Reply quote = world.quoteFixing(incoming, "debitAmount", "101");

        Expect.resourceError(quote, 400, "non-positive receive amount");
    }

    @Test
    void finishedPaymentReportsSentAmountWithoutTheFeeAndTheLedgerReconciles() throws Exception {
        String incoming = world.incomingPayment(500);
        JsonNode quote = world.quote(incoming);
        String token = world.outgoingGrant(null).at("/access_token/value").asText();

        OpClient.Reply created = world.pay(token, quote.get("id").asText());
        assertTrue(world.sandbox.admin().awaitPaymentsSettled(Duration.ofSeconds(5)));
        OpClient.Reply read = world.op.get(created.body().get("id").asText(), token);

        assertEquals("0", created.body().at("/sentAmount/value").asText(), "nothing is sent at creation");
        assertFalse(read.body().get("failed").asBoolean());
        assertEquals("610", read.body().at("/debitAmount/value").asText());
        assertEquals("500", read.body().at("/sentAmount/value").asText(), "sent without the fee, as Rafiki reports it");
        assertEquals("500", read.body().at("/receiveAmount/value").asText());
        PaymentViews.Outgoing view =
                world.sandbox.admin().outgoingPayments(world.customer).get(0);
        assertEquals(Amount.of(110, "MXN", 2), view.fee());
        assertEquals(view.debitAmount(), view.sentAmount().plus(view.fee()));
        PaymentViews.Incoming received =
                world.sandbox.admin().incomingPayments(world.retailer).get(0);
        assertEquals("completed", received.state());
        assertEquals(Amount.of(500, "MXN", 2), received.receivedAmount());
        assertEquals(Amount.of(1_000_000 - 610, "MXN", 2), world.sandbox.admin().balance(world.customer));
        assertEquals(Amount.of(500, "MXN", 2), world.sandbox.admin().balance(world.retailer));
        assertEquals(Amount.of(110, "MXN", 2), world.sandbox.admin().feesCollected("MXN", 2));
        world.sandbox.admin().checkMoneyConserved();
    }

    @Test
    void splitPurchaseDebitsTheSumOfTheLegsDebitsAndEachPayeeItsShare() throws Exception {
        String marketplace =
                world.sandbox.admin().createWalletAddress("happylifebank", "platform", "MXN", 2, "Platform");
        String share = world.incomingPayment(950);
        String commission = incomingPaymentAt(marketplace, 50);
        String token = world.outgoingGrant(null).at("/access_token/value").asText();

        world.pay(token, world.quote(share).get("id").asText());
        world.pay(token, world.quote(commission).get("id").asText());
        assertTrue(world.sandbox.admin().awaitPaymentsSettled(Duration.ofSeconds(5)));

        List<PaymentViews.Outgoing> legs = world.sandbox.admin().outgoingPayments(world.customer);
        Amount debited = legs.get(0).debitAmount().plus(legs.get(1).debitAmount());
        Amount fees = legs.get(0).fee().plus(legs.get(1).fee());
        // 9.50 + 1.19 and 0.50 + 1.01 (Rafiki over ILP charged 10.80 for the first leg: slippage, see README).
        assertEquals(Amount.of(1069 + 151, "MXN", 2), debited);
        assertEquals(
                Amount.of(1_000_000, "MXN", 2).minus(debited),
                world.sandbox.admin().balance(world.customer));
        assertEquals(Amount.of(950, "MXN", 2), world.sandbox.admin().balance(world.retailer));
        assertEquals(Amount.of(50, "MXN", 2), world.sandbox.admin().balance(marketplace));
        assertEquals(fees, world.sandbox.admin().feesCollected("MXN", 2));
        world.sandbox.admin().checkMoneyConserved();
    }

    @Test
    void worldWithoutFeesSendsTheWholeDebit() throws Exception {
        try (World free = new World(SandboxConfig.demoWorld().withWaitSeconds(0).withFee(FeePolicy.NONE))) {
            JsonNode quote = free.quote(free.incomingPayment(500));
            String token = free.outgoingGrant(null).at("/access_token/value").asText();

            OpClient.Reply created = free.pay(token, quote.get("id").asText());
            assertTrue(free.sandbox.admin().awaitPaymentsSettled(Duration.ofSeconds(5)));
            OpClient.Reply read = free.op.get(created.body().get("id").asText(), token);

            assertEquals("500", quote.at("/debitAmount/value").asText());
            assertEquals("500", read.body().at("/sentAmount/value").asText());
            assertEquals(Amount.of(0, "MXN", 2), free.sandbox.admin().feesCollected("MXN", 2));
        }
    }

    @Test
    void createReportsWhatTheGrantHadSpentBeforeThisPayment() {
        JsonNode grant = world.outgoingGrant(Bodies.ordered("debitAmount", Bodies.amount("10000", "MXN")));
        String token = grant.at("/access_token/value").asText();

        OpClient.Reply first = world.pay(
                token, world.quote(world.incomingPayment(500)).get("id").asText());
        OpClient.Reply second = world.pay(
                token, world.quote(world.incomingPayment(1000)).get("id").asText());

        assertEquals(201, first.status(), () -> first.body().toString());
        assertEquals("0", first.body().at("/grantSpentDebitAmount/value").asText());
        assertEquals("MXN", first.body().at("/grantSpentDebitAmount/assetCode").asText());
        assertEquals("0", first.body().at("/grantSpentReceiveAmount/value").asText());
        Expect.validResourceResponse("POST", "/outgoing-payments", first);
        assertEquals(
                "610",
                second.body().at("/grantSpentDebitAmount/value").asText(),
                "the first payment's debit, not this one's");
        assertEquals("500", second.body().at("/grantSpentReceiveAmount/value").asText());
    }

    @Test
    void createWithoutAmountLimitsStillCarriesZeroSpentAmounts() {
        String token = world.outgoingGrant(null).at("/access_token/value").asText();

        OpClient.Reply created = world.pay(
                token, world.quote(world.incomingPayment(500)).get("id").asText());

        assertEquals("0", created.body().at("/grantSpentDebitAmount/value").asText());
        assertEquals("0", created.body().at("/grantSpentReceiveAmount/value").asText());
    }

    private String incomingPaymentAt(String walletAddress, long value) {
        OpClient.Reply reply = world.op.post(
                world.resourceServer(walletAddress) + "/incoming-payments",
                world.token(walletAddress, "incoming-payment", "create"),
                Bodies.ordered(
                        "walletAddress", walletAddress, "incomingAmount", Bodies.amount(Long.toString(value), "MXN")));
        if (reply.status() != 201) throw new AssertionError(reply.body().toString());
        return reply.body().get("id").asText();
    }
}

package dev.opfunctions.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.model.Amount;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST {incomingPayment}/complete} as Rafiki answers it (incoming/routes.ts, service.ts): the
 * {@code complete} action is needed, a pending payment becomes completed and accepts nothing more, and
 * completing a completed or expired one is refused.
 */
class IncomingPaymentCompletionTest {

    private final World world = World.start();

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void completeNeedsTheCompleteAction() {
        String incoming = world.incomingPayment(500);
        String readOnly = world.token(world.retailer, "incoming-payment", "create", "read");

        OpClient.Reply reply = world.op.post(incoming + "/complete", readOnly, null);

        Expect.resourceError(reply, 403, "Insufficient Grant");
        assertEquals(
                "pending",
                world.sandbox.admin().incomingPayments(world.retailer).get(0).state());
    }

    @Test
    void completingAPendingPaymentAnswersItCompletedWithoutPaymentMethods() {
        String incoming = world.incomingPayment(500);

        OpClient.Reply reply = world.op.post(
                incoming + "/complete", world.token(world.retailer, "incoming-payment", "complete"), null);

        assertEquals(200, reply.status(), () -> reply.body().toString());
        assertTrue(reply.body().get("completed").asBoolean());
        assertTrue(reply.body().path("methods").isMissingNode());
        assertEquals("0", reply.body().at("/receivedAmount/value").asText());
        Expect.validResourceResponse("POST", "/incoming-payments/x/complete", reply);
        assertEquals(
                "completed",
                world.sandbox.admin().incomingPayments(world.retailer).get(0).state());
    }

    @Test
    void completedPaymentTakesNoQuoteNoPaymentAndNoMoney() throws Exception {
        // Settlement waits long enough for the completion to land while a payment is still in flight.
        try (World slow =
                new World(SandboxConfig.demoWorld().withWaitSeconds(0).withSettlementDelay(Duration.ofMillis(500)))) {
            String incoming = slow.incomingPayment(500);
            JsonNode quoteBefore = slow.quote(incoming);
            JsonNode quoteInFlight = slow.quote(incoming);
            String token = slow.outgoingGrant(null).at("/access_token/value").asText();
            String completeToken = slow.token(slow.retailer, "incoming-payment", "complete");

            OpClient.Reply inFlight = slow.pay(token, quoteInFlight.get("id").asText());
            OpClient.Reply completed = slow.op.post(incoming + "/complete", completeToken, null);
            assertTrue(slow.sandbox.admin().awaitPaymentsSettled(Duration.ofSeconds(5)));
            OpClient.Reply newQuote = slow.op.post(
                    slow.resourceServer(slow.customer) + "/quotes",
                    slow.token(slow.customer, "quote", "create"),
                    Bodies.ordered("walletAddress", slow.customer, "receiver", incoming, "method", "ilp"));
            OpClient.Reply fromOldQuote = slow.pay(token, quoteBefore.get("id").asText());

            assertEquals(201, inFlight.status());
            assertEquals(200, completed.status());
            assertTrue(
                    slow.sandbox.admin().outgoingPayments(slow.customer).get(0).failed(),
                    "in flight when completed: fails");
            Expect.resourceError(newQuote, 400, "invalid receiver");
            Expect.resourceError(fromOldQuote, 400, "invalid quote");
            assertEquals(Amount.of(0, "MXN", 2), slow.sandbox.admin().balance(slow.retailer));
            assertEquals(Amount.of(1_000_000, "MXN", 2), slow.sandbox.admin().balance(slow.customer));
        }
    }

    @Test
    void partlyPaidPaymentCanBeCompletedAndKeepsWhatItReceived() throws Exception {
        String incoming = world.incomingPayment(1000);
        String token = world.outgoingGrant(null).at("/access_token/value").asText();
        OpClient.Reply partial = world.quoteFixing(incoming, "receiveAmount", "400");
        world.pay(token, partial.body().get("id").asText());
        assertTrue(world.sandbox.admin().awaitPaymentsSettled(Duration.ofSeconds(5)));

        OpClient.Reply completed = world.op.post(
                incoming + "/complete", world.token(world.retailer, "incoming-payment", "complete"), null);

        assertTrue(completed.body().get("completed").asBoolean());
        assertEquals("400", completed.body().at("/receivedAmount/value").asText());
        assertEquals("1000", completed.body().at("/incomingAmount/value").asText());
    }

    @Test
    void expiredPaymentThatReceivedMoneyIsAWrongState() throws Exception {
        String incoming = expiringIncomingPayment(1000);
        String token = world.outgoingGrant(null).at("/access_token/value").asText();
        OpClient.Reply partial = world.quoteFixing(incoming, "receiveAmount", "400");
        world.pay(token, partial.body().get("id").asText());
        assertTrue(world.sandbox.admin().awaitPaymentsSettled(Duration.ofSeconds(5)));
        world.sandbox.admin().advanceClock(Duration.ofMinutes(2));

        OpClient.Reply reply = world.op.post(
                incoming + "/complete", world.token(world.retailer, "incoming-payment", "complete"), null);

        Expect.resourceError(reply, 409, "wrong state");
        assertEquals(
                "expired",
                world.sandbox.admin().incomingPayments(world.retailer).get(0).state());
    }

    @Test
    void expiredPaymentThatNeverReceivedAnythingIsGone() {
        String incoming = expiringIncomingPayment(1000);
        world.sandbox.admin().advanceClock(Duration.ofMinutes(2));

        OpClient.Reply reply = world.op.post(
                incoming + "/complete", world.token(world.retailer, "incoming-payment", "complete"), null);

        Expect.resourceError(reply, 404, "Incoming payment does not exist");
    }

    private String expiringIncomingPayment(long value) {
        String expiresAt = world.sandbox.clock().instant().plusSeconds(60).toString();
        OpClient.Reply reply = world.op.post(
                world.resourceServer(world.retailer) + "/incoming-payments",
                world.token(world.retailer, "incoming-payment", "create"),
                Bodies.ordered(
                        "walletAddress",
                        world.retailer,
                        "incomingAmount",
                        Bodies.amount(Long.toString(value), "MXN"),
                        "expiresAt",
                        expiresAt));
        if (reply.status() != 201) throw new AssertionError(reply.body().toString());
        return reply.body().get("id").asText();
    }
}

package dev.opfunctions.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.aws.local.testing.LocalServersExtension;
import dev.opfunctions.sandbox.faults.FaultRule;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exactly once and nothing lost, on real local servers: every queue message is sent twice and two
 * create-outgoing pollers consume the queue at once, while the sandbox drops responses, answers 503
 * or never recovers; finish callbacks are forged and replayed. The ledger is the judge.
 */
@ExtendWith(LocalServersExtension.class)
class CheckoutFaultsEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalStack stack;

    @BeforeAll
    static void up(LocalServers servers) throws Exception {
        stack = new LocalStack(servers, TwiceQueue.everyCommandTwice(), true);
    }

    @AfterAll
    static void down() throws Exception {
        stack.close();
    }

    @AfterEach
    void noFaults() {
        stack.sandbox.admin().faults().clear();
    }

    private static BigInteger balance(String wallet) {
        return stack.sandbox.admin().balance(wallet).value();
    }

    private JsonNode payAndCheckLedger(String orderId, long value) throws Exception {
        String customer = stack.wallet("cloudninebank", "customer");
        Books books = Books.open(stack, customer, stack.retailer);

        JsonNode done = CheckoutEndToEndTest.pay(
                stack, CheckoutEndToEndTest.order(orderId, customer, Long.toString(value), "MXN", null));

        assertEquals(1, books.reconcile(done, Map.of(stack.retailer, value)).size(), "paid exactly once");
        return done;
    }

    @Test
    void duplicatedMessagesAndTwoWorkersPayOnce() throws Exception {
        JsonNode done = payAndCheckLedger("dup-1", 12_345);

        assertEquals("completed", done.get("status").asText(), done.toString());
    }

    @Test
    void aCreateWhoseResponseIsLostIsReadBackNotPaidAgain() throws Exception {
        stack.sandbox
                .admin()
                .faults()
                .add(FaultRule.on("POST", ".*/outgoing-payments")
                        .dropResponseAfterCommit()
                        .times(1));

        JsonNode done = payAndCheckLedger("lost-1", 20_000);

        assertEquals("completed", done.get("status").asText(), done.toString());
        assertTrue(stack.sandbox.admin().faults().firedCount() >= 1);
    }

    /**
     * Runs {@code body} while the shared clock jumps 20 s every second: a create answered 5xx keeps its
     * lease until it runs out (the wallet may have created the payment), so the retry waits for that time.
     */
    private static <T> T withTimePassingQuickly(java.util.concurrent.Callable<T> body) throws Exception {
        var ticker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleAtFixedRate(
                () -> stack.sandbox.clock().advance(Duration.ofSeconds(20)),
                1,
                1,
                java.util.concurrent.TimeUnit.SECONDS);
        try {
            return body.call();
        } finally {
            ticker.shutdownNow();
        }
    }

    @Test
    void walletErrorsAreRetriedUntilTheCheckoutCompletes() throws Exception {
        stack.sandbox
                .admin()
                .faults()
                .add(FaultRule.on("POST", ".*/outgoing-payments")
                        .failing(1.0, 503)
                        .times(2));
        stack.sandbox
                .admin()
                .faults()
                .add(FaultRule.on("POST", ".*/continue/.*").failing(1.0, 502).times(1));

        JsonNode done = withTimePassingQuickly(() -> payAndCheckLedger("flaky-1", 30_000));

        assertEquals("completed", done.get("status").asText(), done.toString());
    }

    @Test
    void aWalletThatNeverRecoversEndsFailedWithAReasonAndNothingInTheDlq() throws Exception {
        String customer = stack.wallet("cloudninebank", "customer");
        BigInteger before = balance(customer);
        stack.sandbox
                .admin()
                .faults()
                .add(FaultRule.on("POST", ".*/continue/.*").failing(1.0, 503));

        JsonNode done =
                CheckoutEndToEndTest.pay(stack, CheckoutEndToEndTest.order("down-1", customer, "40000", "MXN", null));

        assertEquals("failed", done.get("status").asText(), done.toString());
        assertEquals("WALLET_UNAVAILABLE", done.get("failure").get("code").asText());
        assertTrue(done.get("failure").get("message").asText().contains("3 attempts"), done.toString());
        assertEquals(before, balance(customer));
        String dlq = stack.resources.queue("PaymentCommandsDLQ").url();
        // The last delivery ended the checkout, so its message was done with: the DLQ is for what no code handles.
        java.util.List<software.amazon.awssdk.services.sqs.model.Message> dead = stack.sqs
                .client()
                .receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(3))
                .messages();
        assertFalse(
                dead.stream().anyMatch(m -> m.body().contains(done.get("id").asText())),
                "an outage the code ended is not in the DLQ");
    }

    @Test
    void forgedFinishCallbacksAreRefusedAndAReplayedOneAnswersLikeTheFirst() throws Exception {
        String customer = stack.wallet("cloudninebank", "customer");
        APIGatewayV2HTTPResponse created = stack.start.handle(CheckoutEndToEndTest.http(
                "POST", "/checkouts", null, CheckoutEndToEndTest.order("forged-1", customer, "5000", "MXN", null)));
        String id = JSON.readTree(created.getBody()).get("id").asText();
        URI finish = URI.create(stack.sandbox
                .admin()
                .approve(JSON.readTree(created.getBody()).get("redirectUrl").asText())
                .orElseThrow());
        String query = finish.getRawQuery();
        String forged = query.replaceFirst("hash=([^&])", "hash=" + (query.contains("hash=A") ? "B" : "A"));
        String foreign = query.replaceFirst("interact_ref=[^&]*", "interact_ref=someone-elses-ref");

        APIGatewayV2HTTPResponse bad =
                stack.finish.handle(CheckoutEndToEndTest.http("GET", finish.getRawPath(), forged, null));
        APIGatewayV2HTTPResponse mismatched =
                stack.finish.handle(CheckoutEndToEndTest.http("GET", finish.getRawPath(), foreign, null));
        String before = JSON.readTree(stack.start
                        .handle(CheckoutEndToEndTest.http("GET", "/checkouts/" + id, null, null))
                        .getBody())
                .get("status")
                .asText();
        APIGatewayV2HTTPResponse good =
                stack.finish.handle(CheckoutEndToEndTest.http("GET", finish.getRawPath(), query, null));
        APIGatewayV2HTTPResponse replay =
                stack.finish.handle(CheckoutEndToEndTest.http("GET", finish.getRawPath(), query, null));

        assertEquals(400, bad.getStatusCode());
        assertEquals(400, mismatched.getStatusCode());
        assertEquals("awaiting_consent", before);
        assertEquals(302, good.getStatusCode());
        assertEquals(
                302, replay.getStatusCode(), "a reload of the same redirect never invites the customer to pay again");
        assertEquals(good.getHeaders().get("Location"), replay.getHeaders().get("Location"));
        JsonNode done = CheckoutEndToEndTest.await(stack, id, Duration.ofSeconds(30));
        assertEquals("completed", done.get("status").asText());
    }
}

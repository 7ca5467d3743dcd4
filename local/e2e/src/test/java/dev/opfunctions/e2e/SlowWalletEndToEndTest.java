package dev.opfunctions.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.aws.local.testing.LocalServersExtension;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.lambda.InvocationBudget;
import dev.opfunctions.sandbox.faults.FaultRule;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * POST /checkouts against wallets that are slow at every step, on real local servers: the answer
 * always comes within the HTTP API's 30 s integration timeout, as WALLET_UNAVAILABLE when the
 * budget runs out, with nothing stored and the incoming payments it created closed where the payee's
 * wallet still answers. Without budgets a customer wallet answering after 40 s took 45.5 s.
 */
@ExtendWith(LocalServersExtension.class)
class SlowWalletEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long API_TIMEOUT_MILLIS = InvocationBudget.HTTP_API_TIMEOUT.toMillis();
    private static LocalStack stack;

    @BeforeAll
    static void up(LocalServers servers) throws Exception {
        stack = new LocalStack(servers, UnaryOperator.identity());
    }

    @AfterAll
    static void down() throws Exception {
        stack.close();
    }

    @AfterEach
    void noFaults() {
        stack.sandbox.admin().faults().clear();
    }

    /** A customer nobody has looked up yet, so that no document or token is cached for it. */
    private static String freshCustomer(String name) {
        String url = stack.sandbox.admin().createWalletAddress("cloudninebank", name, "MXN", 2, "Customer " + name);
        stack.sandbox.admin().fund(url, 1_000_000);
        return url;
    }

    private record Timed(APIGatewayV2HTTPResponse response, long millis) {
        JsonNode body() throws Exception {
            return JSON.readTree(response.getBody());
        }
    }

    private static Timed post(String order) {
        long started = System.nanoTime();
        APIGatewayV2HTTPResponse r = stack.start.handle(CheckoutEndToEndTest.http("POST", "/checkouts", null, order));
        Timed t = new Timed(r, (System.nanoTime() - started) / 1_000_000);
        System.out.println("POST /checkouts answered " + r.getStatusCode() + " after " + t.millis() + " ms");
        return t;
    }

    @Test
    void everyStepTakingSevenSecondsIsAnsweredWalletUnavailableWithinTheApiTimeoutAndStoresNothing() throws Exception {
        String customer = freshCustomer("slow-every-step");
        // At least four rounds (documents, incoming payment, quote, grant; tokens too unless cached) at 7 s each:
        // 28 to 35 s without a budget, past the API's timeout.
        stack.sandbox.admin().faults().add(FaultRule.on(null, ".*").withLatency(Duration.ofSeconds(7)));

        Timed t = post(CheckoutEndToEndTest.order("slow-a-1", customer, "1500", "MXN", null));

        assertEquals(503, t.response().getStatusCode(), t.response().getBody());
        assertEquals("WALLET_UNAVAILABLE", t.body().at("/error/code").asText());
        assertTrue(
                t.body().at("/error/message").asText().contains("time budget"),
                t.response().getBody());
        assertTrue(t.millis() < API_TIMEOUT_MILLIS, "answered after " + t.millis() + " ms");
        assertTrue(stack.ports.store().findByOrder("slow-a-1").isEmpty(), "nothing stored");
    }

    @Test
    void aCustomerWalletAnsweringAfterFortySecondsIsCutInTimeAndThePayeesIncomingPaymentIsClosed() throws Exception {
        String customer = freshCustomer("answers-after-40s");
        // Only its quotes are slow: the customer's document resolves, so the payee's incoming payment is created
        // (nothing is created at a payee before that) and must be closed within the budget.
        stack.sandbox
                .admin()
                .faults()
                .add(FaultRule.on("POST", ".*/quotes")
                        .forProvider("cloudninebank")
                        .withLatency(Duration.ofSeconds(40)));

        Timed t = post(CheckoutEndToEndTest.order("slow-b-1", customer, "1700", "MXN", null));

        assertEquals(
                "WALLET_UNAVAILABLE",
                t.body().at("/error/code").asText(),
                t.response().getBody());
        assertTrue(t.millis() < API_TIMEOUT_MILLIS, "answered after " + t.millis() + " ms");
        assertTrue(stack.ports.store().findByOrder("slow-b-1").isEmpty(), "nothing stored");
        JsonNode received = JSON.readTree(stack.start
                .handle(CheckoutEndToEndTest.http("GET", "/history/received", null, null))
                .getBody());
        JsonNode ours = StreamSupport.stream(received.get("payments").spliterator(), false)
                .filter(p -> "order slow-b-1".equals(p.path("description").asText()))
                .findFirst()
                .orElseThrow();
        assertTrue(
                ours.get("completed").asBoolean(),
                "the retailer's incoming payment was closed within the budget: " + ours);
    }

    @Test
    void aCustomerWalletWhoseDocumentNeverComesLeavesNothingAtThePayee() throws Exception {
        String customer = freshCustomer("document-after-40s");
        stack.sandbox
                .admin()
                .faults()
                .add(FaultRule.on("GET", ".*/document-after-40s")
                        .forProvider("cloudninebank")
                        .withLatency(Duration.ofSeconds(40)));

        Timed t = post(CheckoutEndToEndTest.order("slow-d-1", customer, "1800", "MXN", null));

        assertEquals(
                "WALLET_UNAVAILABLE",
                t.body().at("/error/code").asText(),
                t.response().getBody());
        assertTrue(t.millis() < API_TIMEOUT_MILLIS, "answered after " + t.millis() + " ms");
        JsonNode received = JSON.readTree(stack.start
                .handle(CheckoutEndToEndTest.http("GET", "/history/received", null, null))
                .getBody());
        assertTrue(
                StreamSupport.stream(received.get("payments").spliterator(), false)
                        .noneMatch(p ->
                                "order slow-d-1".equals(p.path("description").asText())),
                "no incoming payment at the merchant for an order whose customer never resolved: " + received);
    }

    @Test
    void aWalletSlowAtEveryStepButWithinTheBudgetStillGetsACompleteCheckout() throws Exception {
        String customer = freshCustomer("slow-but-fine");
        stack.sandbox.admin().faults().add(FaultRule.on(null, ".*").withLatency(Duration.ofSeconds(2)));

        Timed t = post(CheckoutEndToEndTest.order("slow-c-1", customer, "1900", "MXN", null));

        assertEquals(201, t.response().getStatusCode(), t.response().getBody());
        assertTrue(t.millis() < API_TIMEOUT_MILLIS, "answered after " + t.millis() + " ms");
        Checkout stored = stack.ports.store().findByOrder("slow-c-1").orElseThrow();
        assertEquals("awaiting_consent", stored.status().wireName());
        assertTrue(stored.wakeAt().isPresent(), "the sweeper will look at it again if its expiry message is lost");
    }
}

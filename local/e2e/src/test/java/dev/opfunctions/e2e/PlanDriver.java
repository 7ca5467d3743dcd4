package dev.opfunctions.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * Drives installment plans through the functions on a {@link LocalStack} the way a storefront, a
 * customer and EventBridge would: POST the order, approve at the sandbox's consent surface, follow
 * the finish redirect, then move the shared clock to each due date and fire the schedule.
 */
final class PlanDriver {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalStack s;

    PlanDriver(LocalStack s) {
        this.s = s;
    }

    static String order(
            String orderId, String customer, String value, String asset, String payees, int count, String period) {
        return "{\"orderId\":\"" + orderId + "\",\"customerWalletAddress\":\"" + customer
                + "\",\"amount\":{\"value\":\"" + value
                + "\",\"assetCode\":\"" + asset + "\",\"assetScale\":2}"
                + (payees == null ? "" : ",\"payees\":" + payees)
                + ",\"installments\":{\"count\":" + count + ",\"period\":\"" + period + "\",\"firstAtConsent\":true}"
                + ",\"returnUrl\":\"" + LocalStack.SHOP + "/orders/" + orderId + "\"}";
    }

    /** POSTs the order and returns the created checkout's JSON. */
    JsonNode create(String order) throws Exception {
        APIGatewayV2HTTPResponse created = s.start.handle(CheckoutEndToEndTest.http("POST", "/checkouts", null, order));
        assertEquals(201, created.getStatusCode(), created.getBody());
        return JSON.readTree(created.getBody());
    }

    /** The customer approves at their wallet and their browser follows the redirect to the finish route. */
    void consent(JsonNode checkout) {
        URI finish = URI.create(
                s.sandbox.admin().approve(checkout.get("redirectUrl").asText()).orElseThrow());
        APIGatewayV2HTTPResponse back =
                s.finish.handle(CheckoutEndToEndTest.http("GET", finish.getRawPath(), finish.getRawQuery(), null));
        assertEquals(302, back.getStatusCode(), back.getBody());
    }

    JsonNode view(String id) throws Exception {
        return JSON.readTree(s.start
                .handle(CheckoutEndToEndTest.http("GET", "/checkouts/" + id, null, null))
                .getBody());
    }

    /**
     * The checkout's view once {@code done} holds; fails naming the checkout, {@code what} was awaited
     * and the last view if it does not within {@code timeout}.
     */
    JsonNode await(String id, String what, Predicate<JsonNode> done, Duration timeout) {
        return Awaitility.await("checkout " + id + ": " + what)
                .atMost(timeout)
                .pollInSameThread()
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> view(id), done);
    }

    JsonNode awaitPaid(String id, int paid) {
        return await(
                id,
                paid + " installment(s) paid or a terminal status",
                v -> v.at("/installments/paid").asInt() >= paid || isTerminal(v),
                Duration.ofSeconds(30));
    }

    static boolean isTerminal(JsonNode v) {
        return java.util.Set.of("completed", "failed", "cancelled", "rejected", "expired")
                .contains(v.get("status").asText());
    }

    /** Moves the shared clock (functions and wallets) to {@code at} plus {@code extra}, if it is not there yet. */
    void advanceTo(Instant at, Duration extra) {
        Duration gap = Duration.between(s.sandbox.clock().instant(), at.plus(extra));
        if (!gap.isNegative()) s.sandbox.clock().advance(gap);
    }

    /** One EventBridge tick of scheduled-installment. */
    @SuppressWarnings("unchecked")
    Map<String, String> tick() {
        ScheduledEvent e = new ScheduledEvent();
        e.setSource("aws.events");
        e.setDetailType("Scheduled Event");
        return (Map<String, String>) s.scheduler.handle(e).get("outcomes");
    }

    static JsonNode installment(JsonNode view, int number) {
        return view.at("/installments/schedule/" + (number - 1));
    }

    static Instant dueAt(JsonNode view, int number) {
        JsonNode i = installment(view, number);
        return Instant.parse(
                i.has("retryAt") ? i.get("retryAt").asText() : i.get("dueAt").asText());
    }
}

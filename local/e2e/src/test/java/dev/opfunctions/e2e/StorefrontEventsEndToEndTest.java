package dev.opfunctions.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.aws.local.InvocationResult;
import dev.opfunctions.local.ReceivedWebhook;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The storefront's events through the whole runner: the real functions in their own JVMs, the payments
 * table's stream driving deliver-events, signed webhooks to the demo storefront's receiver (which records
 * only what it verified), the EventBridge stand-in, the delivery queue's retries and its DLQ. Each kind of
 * checkout must tell the storefront exactly its events, in sequence, once, and the bus the same ones; a
 * receiver failing for a while, or answering 410 for an event, must not lose any.
 *
 * <p>The two flows that need real minutes (a plan of three one-minute installments, and a plan whose
 * 45 s consent window passes unanswered) start before the tests, which run them last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorefrontEventsEndToEndTest {

    private static EventsProduct product;
    private static EventsTold told;
    private static String plan;
    private static String expiring;

    @BeforeAll
    static void up() throws Exception {
        product = EventsProduct.start();
        told = new EventsTold(product);
        plan = product.create(product.planOrder("events-plan", 3, "PT1M"));
        product.approve(plan);
        // A one-minute plan gives the customer three quarters of it to consent; nobody does.
        expiring = product.create(product.planOrder("events-expiring", 2, "PT1M"));
    }

    @AfterAll
    static void down() {
        if (product != null) product.close();
    }

    @Test
    @Order(1)
    void aOneTimePurchaseTellsConsentThenCompletion() throws Exception {
        String id = product.create(product.order("events-one", null));
        product.approve(id);

        assertEquals(
                "completed",
                product.awaitTerminal(id, Duration.ofSeconds(45)).get("status").asText());
        told.exactly(id, List.of("checkout.consent_granted", "checkout.completed"), Duration.ofSeconds(30));
    }

    @Test
    @Order(2)
    void aSplitPurchaseTellsTheSameTwoEventsOnce() throws Exception {
        String id = product.create(product.order("events-split", product.splitPayees()));
        product.approve(id);

        JsonNode done = product.awaitTerminal(id, Duration.ofSeconds(45));
        assertEquals("completed", done.get("status").asText(), done.toString());
        assertEquals(2, done.get("payees").size());
        told.exactly(id, List.of("checkout.consent_granted", "checkout.completed"), Duration.ofSeconds(30));
    }

    @Test
    @Order(3)
    void aRefusedConsentTellsRejectedOnly() throws Exception {
        String id = product.create(product.order("events-rejected", null));
        product.deny(id);

        assertEquals(
                "rejected",
                product.awaitTerminal(id, Duration.ofSeconds(30)).get("status").asText());
        told.exactly(id, List.of("checkout.rejected"), Duration.ofSeconds(30));
    }

    @Test
    @Order(4)
    void aReceiverFailingEveryFirstAttemptStillGetsEveryEventOnTheSecond() throws Exception {
        String id = product.create(product.order("events-flaky", null));
        Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
        product.refuse(id, (webhookId, type) -> refusedOnce.add(webhookId) ? 503 : 0);
        product.approve(id);

        product.awaitTerminal(id, Duration.ofSeconds(45));
        List<ReceivedWebhook> got =
                told.exactly(id, List.of("checkout.consent_granted", "checkout.completed"), Duration.ofSeconds(40));

        assertEquals(Set.of(got.get(0).id(), got.get(1).id()), refusedOnce, "each was refused once first");
        for (JsonNode e : product.events(id, false)) {
            assertEquals("delivered", e.at("/delivery/status").asText(), e.toString());
            assertEquals(2, e.at("/delivery/attempts").asInt(), e.toString());
        }
    }

    @Test
    @Order(5)
    void anEventAnsweredGoneIsRefusedDeadLetteredAndRedeliveredOnRequestWhileLaterOnesArrive() throws Exception {
        String id = product.create(product.order("events-gone", null));
        AtomicBoolean gone = new AtomicBoolean(true);
        product.refuse(id, (webhookId, type) -> gone.get() && type.equals("checkout.consent_granted") ? 410 : 0);
        product.approve(id);

        product.awaitTerminal(id, Duration.ofSeconds(45));
        List<ReceivedWebhook> later = product.awaitReceived(id, 1, Duration.ofSeconds(30));
        assertEquals("checkout.completed", later.get(0).type(), "the event after the refused one still arrives");
        JsonNode refused = product.awaitEvent(id, "checkout.consent_granted", "refused", Duration.ofSeconds(30));
        assertEquals(1, refused.at("/delivery/attempts").asInt(), refused.toString());
        assertEquals("410", refused.at("/delivery/lastStatus").asText(), refused.toString());
        assertEquals(List.of(refused.get("sequence").asLong()), sequences(product.events(id, true)));
        List<Message> dead = told.awaitDeadLetters(refused.get("id").asText(), Duration.ofSeconds(20));
        assertEquals(1, dead.size(), "one message in EventDeliveryDLQ for the refused event: " + dead);

        gone.set(false);
        var asked = product.send(
                "POST",
                "/checkouts/" + id + "/events/" + refused.get("sequence").asLong() + "/redeliver",
                null);

        assertEquals(202, asked.statusCode(), asked.body());
        JsonNode again = product.awaitEvent(id, "checkout.consent_granted", "delivered", Duration.ofSeconds(30));
        assertEquals(1, again.at("/delivery/redeliveries").asInt(), again.toString());
        told.exactly(id, List.of("checkout.consent_granted", "checkout.completed"), Duration.ofSeconds(10));
        assertEquals(List.of(), sequences(product.events(id, true)), "nothing left undelivered");
    }

    /**
     * deliver-events' process is killed (SIGKILL) twice between a state write and its webhook: once the
     * consent's event is on the bus but before its webhook's first attempt (made in the stream's invocation),
     * and while it waits for the receiver's answer to the completion's first attempt. Neither had a delivery
     * row yet (it is written with the attempt's outcome), so the stream hands each write again and the event is
     * attempted again from there: the cut-off attempt is not counted, and the storefront gets each event once.
     */
    @Test
    @Order(6)
    void deliverEventsKilledAfterTheBusAndMidWebhookStillDeliversEveryEventOnce() throws Exception {
        String id = product.create(product.order("events-killed", null));
        KillableFunction deliverEvents = product.deliverEvents();
        int failedBefore = deliverEvents.failures.size();
        AtomicBoolean killedAfterBus = new AtomicBoolean();
        product.tripwire().afterPassing(put -> put.contains(id) && put.contains("checkout.consent_granted"), () -> {
            killedAfterBus.set(true);
            deliverEvents.killNow();
        });
        AtomicBoolean killedInAttempt = new AtomicBoolean();
        product.refuse(id, (webhookId, type) -> {
            if (!type.equals("checkout.completed") || killedInAttempt.getAndSet(true)) return 0;
            deliverEvents.killNow();
            return 503; // never read: the process that asked is gone
        });
        product.approve(id);

        assertEquals(
                "completed",
                product.awaitTerminal(id, Duration.ofSeconds(45)).get("status").asText());
        told.exactlyAfterACrash(id, List.of("checkout.consent_granted", "checkout.completed"), Duration.ofSeconds(120));

        assertTrue(killedAfterBus.get(), "killed once the consent's event was on the bus");
        assertTrue(killedInAttempt.get(), "killed during the completion's first attempt");
        List<String> died = deliverEvents.failures.subList(failedBefore, deliverEvents.failures.size()).stream()
                .map(InvocationResult.Failure::errorType)
                .toList();
        assertEquals(List.of("Runtime.ExitError", "Runtime.ExitError"), died, "both invocations died with the process");
        JsonNode rows = product.events(id, false);
        assertEquals(1, rows.get(0).at("/delivery/attempts").asInt(), rows.toString());
        assertEquals(1, rows.get(1).at("/delivery/attempts").asInt(), "the cut-off attempt left no row: " + rows);
    }

    @Test
    @Order(7)
    void anUnansweredConsentTellsExpiredOnly() throws Exception {
        JsonNode done = product.awaitTerminal(expiring, Duration.ofSeconds(120));

        assertEquals("expired", done.get("status").asText(), done.toString());
        told.exactly(expiring, List.of("checkout.expired"), Duration.ofSeconds(30));
    }

    @Test
    @Order(8)
    void aThreeInstallmentPlanTellsEachInstallmentAndTheEnd() throws Exception {
        JsonNode done = product.awaitTerminal(plan, Duration.ofSeconds(200));

        assertEquals("completed", done.get("status").asText(), done.toString());
        List<ReceivedWebhook> got = told.exactly(
                plan,
                List.of("checkout.consent_granted", "installment.paid", "installment.paid", "plan.completed"),
                Duration.ofSeconds(30));
        List<Integer> numbers = got.stream()
                .skip(1)
                .map(w -> EventsTold.body(w).at("/data/installment/number").asInt())
                .toList();
        assertEquals(List.of(1, 2, 3), numbers);
        assertTrue(got.stream()
                .skip(1)
                .allMatch(w -> EventsTold.body(w).at("/data/installment/of").asInt() == 3));
    }

    private static List<Long> sequences(JsonNode events) {
        return java.util.stream.StreamSupport.stream(events.spliterator(), false)
                .map(e -> e.get("sequence").asLong())
                .toList();
    }
}

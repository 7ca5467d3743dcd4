package dev.opfunctions.checkout.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.EventFakes;
import dev.opfunctions.checkout.model.Checkout;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The webhook's first attempt made in the stream's invocation: one row write, the queue only for retries. */
class FirstAttemptTest {

    private static final Duration INVOCATION = Duration.ofSeconds(30);

    private final CheckoutFixture f = new CheckoutFixture();
    private final EventFakes.Deliveries rows = new EventFakes.Deliveries();
    private final EventFakes.Queue queue = new EventFakes.Queue();
    private final EventFakes.Bus bus = new EventFakes.Bus();
    private final EventFakes.Endpoint endpoint = new EventFakes.Endpoint();
    private final WebhookDelivery webhook = new WebhookDelivery(rows, queue, endpoint, f.clock);
    private final EventFanOut fanOut = new EventFanOut(rows, queue, bus, webhook, f.clock);

    private List<StateTransition> purchase() {
        return EventFakes.purchase(f, "o-1");
    }

    private void deliverAll() {
        EventFakes.deliverAll(queue, webhook, f, 100);
    }

    @Test
    void eachEventIsDeliveredInTheStreamInvocationWithOneRowWriteAndNoMessage() {
        var outcome = fanOut.handle(purchase(), INVOCATION);

        assertEquals(2, outcome.handedOn());
        assertEquals(2, endpoint.posts.size());
        assertEquals(2, bus.published.size());
        assertTrue(outcome.attempts().stream().allMatch(a -> a.outcome() instanceof WebhookDelivery.Outcome.Delivered));
        assertTrue(rows.all().stream().allMatch(d -> d.status() == DeliveryStatus.DELIVERED && d.attempts() == 1));
        assertEquals(2, rows.writes(), "one write per event");
        assertEquals(List.of(), queue.sent);
    }

    @Test
    void aFailedFirstAttemptIsRetriedThroughTheQueueAndTheRestOfTheBatchIsQueuedUntried() {
        endpoint.answer(new WebhookEndpoint.Answer.Status(503));

        var outcome = fanOut.handle(purchase(), INVOCATION);

        assertEquals(1, endpoint.posts.size(), "no second attempt at an endpoint that just failed");
        assertInstanceOf(
                WebhookDelivery.Outcome.Retrying.class,
                outcome.attempts().get(0).outcome());
        var first = rows.all().get(0);
        var second = rows.all().get(1);
        assertEquals(1, first.attempts());
        assertEquals("503", first.lastStatus());
        assertEquals(0, second.attempts());
        assertEquals(
                List.of(
                        new EventFakes.Queue.Sent(first.command(), Duration.ofSeconds(5)),
                        new EventFakes.Queue.Sent(second.command(), Duration.ZERO)),
                queue.sent);

        deliverAll();

        assertTrue(rows.all().stream().allMatch(d -> d.status() == DeliveryStatus.DELIVERED));
        assertEquals(3, endpoint.posts.size());
    }

    @Test
    void withoutRoomLeftInTheInvocationEveryEventGoesThroughTheQueue() {
        var outcome = fanOut.handle(purchase(), EventFanOut.ATTEMPT_ROOM);

        assertEquals(List.of(), outcome.attempts());
        assertEquals(0, endpoint.posts.size());
        assertEquals(2, queue.sent.size());
        deliverAll();
        assertEquals(2, endpoint.posts.size());
    }

    @Test
    void goneOnTheFirstAttemptRefusesThatEventAndQueuesTheNext() {
        endpoint.answer(new WebhookEndpoint.Answer.Status(410));

        var outcome = fanOut.handle(purchase(), INVOCATION);
        deliverAll();

        var given = assertInstanceOf(
                WebhookDelivery.Outcome.GivenUp.class, outcome.attempts().get(0).outcome());
        assertEquals(DeliveryStatus.REFUSED, given.status());
        assertEquals(1, queue.deadLetters.size());
        assertEquals(DeliveryStatus.REFUSED, rows.all().get(0).status());
        assertEquals(DeliveryStatus.DELIVERED, rows.all().get(1).status());
    }

    @Test
    void aReplayedRecordAttemptsNothingAndTellsTheBusNothingAgain() {
        var stream = purchase();
        fanOut.handle(stream, INVOCATION);

        var replay = fanOut.handle(stream, INVOCATION);

        assertEquals(0, replay.handedOn());
        assertEquals(2, endpoint.posts.size());
        assertEquals(2, bus.published.size());
        assertEquals(List.of(), queue.sent);
    }

    @Test
    void aCrashBeforeTheQueueSendsIsMadeGoodByTheReplayQueueingEveryPendingRowAgain() {
        var stream = purchase();
        endpoint.answer(new WebhookEndpoint.Answer.Status(500));
        fanOut.handle(stream, INVOCATION);
        queue.drain(); // the messages were lost with the crash

        fanOut.handle(stream, INVOCATION);
        deliverAll();

        assertEquals(List.of(2, 1), rows.all().stream().map(Delivery::attempts).toList());
        assertTrue(rows.all().stream().allMatch(d -> d.status() == DeliveryStatus.DELIVERED));
        assertEquals(3, endpoint.posts.size());
    }

    @Test
    void aBurstIsAttemptedHereForTwoSecondsAndTheRestIsQueuedSoTheShardKeepsMoving() {
        for (int i = 0; i < 6; i++) {
            Checkout c = f.started(CheckoutFixture.b2c("burst-" + i));
            f.consent(c).orElseThrow();
            f.drain(f.worker(), 10);
        }
        var slow = new WebhookEndpoint() {
            int posts;

            @Override
            public String describe() {
                return "https://shop.example/slow";
            }

            @Override
            public Answer post(String eventId, java.time.Instant attemptAt, String body) {
                posts++;
                f.clock.advance(Duration.ofMillis(900));
                return new Answer.Status(200);
            }
        };
        var fanOut = new EventFanOut(rows, queue, bus, new WebhookDelivery(rows, queue, slow, f.clock), f.clock);

        var outcome = fanOut.handle(EventFakes.stream(f.store), INVOCATION);

        assertEquals(12, outcome.handedOn());
        assertEquals(3, slow.posts, "attempts start at 0, 0.9 and 1.8 s; none after 2 s");
        assertEquals(9, queue.sent.size());
        assertEquals(12, bus.published.size());
    }
}

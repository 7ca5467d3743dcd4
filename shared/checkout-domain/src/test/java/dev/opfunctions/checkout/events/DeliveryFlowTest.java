package dev.opfunctions.checkout.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.Result;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.EventFakes;
import dev.opfunctions.checkout.model.Checkout;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stream to endpoint: fan-out, attempts, retries with backoff, 410, the DLQ, duplicates, replays and crashes. */
class DeliveryFlowTest {

    private final CheckoutFixture f = new CheckoutFixture();
    private final EventFakes.Deliveries rows = new EventFakes.Deliveries();
    private final EventFakes.Queue queue = new EventFakes.Queue();
    private final EventFakes.Bus bus = new EventFakes.Bus();
    private final EventFakes.Endpoint endpoint = new EventFakes.Endpoint();

    private final EventFanOut fanOut = new EventFanOut(rows, queue, bus, f.clock);
    private final WebhookDelivery delivery = new WebhookDelivery(rows, queue, endpoint, f.clock);

    private List<StateTransition> purchase() {
        return EventFakes.purchase(f, "o-1");
    }

    private void deliverAll() {
        EventFakes.deliverAll(queue, delivery, f, 500);
    }

    @Test
    void eachEventIsPublishedQueuedAndDeliveredOnce() {
        var outcome = fanOut.handle(purchase());
        deliverAll();

        assertEquals(2, outcome.handedOn());
        assertEquals(2, bus.published.size());
        assertEquals(List.of(2), bus.batches, "one PutEvents for the batch");
        assertEquals(2, endpoint.posts.size());
        assertTrue(rows.all().stream().allMatch(d -> d.status() == DeliveryStatus.DELIVERED && d.attempts() == 1));
        assertEquals(bus.published.get(1).body(), endpoint.posts.get(1).body());
    }

    @Test
    void aFailingEndpointIsRetriedOnTheScheduleUntilItAnswers() {
        endpoint.answer(
                new WebhookEndpoint.Answer.Status(500),
                new WebhookEndpoint.Answer.Unreachable("SocketTimeoutException"),
                new WebhookEndpoint.Answer.Status(302));
        var first = purchase().subList(0, 3);
        fanOut.handle(first);
        var start = f.clock.instant();

        deliverAll();

        var row = rows.all().get(0);
        assertEquals(DeliveryStatus.DELIVERED, row.status());
        assertEquals(4, row.attempts());
        assertEquals("200", row.lastStatus());
        Duration waited = Duration.between(start, endpoint.posts.get(3).at());
        assertEquals(Duration.ofSeconds(5).plusMinutes(5).plusMinutes(30), waited);
    }

    @Test
    void anEndpointThatNeverAnswersGetsEveryAttemptThenTheEventGoesToTheDlq() {
        WebhookEndpoint.Answer[] down = new WebhookEndpoint.Answer[DeliverySchedule.maxAttempts()];
        java.util.Arrays.fill(down, new WebhookEndpoint.Answer.Status(503));
        endpoint.answer(down);
        fanOut.handle(purchase().subList(0, 3));
        var start = f.clock.instant();

        deliverAll();

        var row = rows.all().get(0);
        assertEquals(DeliveryStatus.FAILED, row.status());
        assertEquals(DeliverySchedule.maxAttempts(), endpoint.posts.size());
        assertEquals(
                List.of(row.eventId()),
                queue.deadLetters.stream().map(Delivery::eventId).toList());
        assertTrue(Duration.between(start, endpoint.posts.getLast().at()).compareTo(Duration.ofDays(3)) >= 0);
        assertTrue(queue.sent.isEmpty(), "nothing more queued");
    }

    @Test
    void goneRefusesThatEventWithoutRetryButLaterEventsAreStillAttempted() {
        endpoint.answer(new WebhookEndpoint.Answer.Status(410));
        fanOut.handle(purchase());
        var sent = queue.drain();

        var refused = delivery.handle(sent.get(0).command());
        var next = delivery.handle(sent.get(1).command());

        var given = assertInstanceOf(WebhookDelivery.Outcome.GivenUp.class, refused);
        assertEquals(DeliveryStatus.REFUSED, given.status());
        assertEquals("https://shop.example/webhooks", given.endpoint());
        assertEquals(1, queue.deadLetters.size());
        assertInstanceOf(WebhookDelivery.Outcome.Delivered.class, next);
        assertTrue(queue.sent.isEmpty());
    }

    @Test
    void aDuplicateCommandMakesNoSecondAttempt() {
        fanOut.handle(purchase().subList(0, 3));
        var command = queue.drain().get(0).command();

        delivery.handle(command);
        var again = delivery.handle(command);

        assertEquals(1, endpoint.posts.size());
        assertInstanceOf(WebhookDelivery.Outcome.Skipped.class, again);
    }

    @Test
    void aCommandForAnAttemptInFlightWaitsForItsLease() {
        fanOut.handle(purchase().subList(0, 3));
        var command = queue.drain().get(0).command();
        var row = rows.all().get(0);
        rows.update(row.claimed(f.clock.instant(), f.clock.instant().plus(WebhookDelivery.LEASE)));

        var outcome = delivery.handle(command);

        assertInstanceOf(WebhookDelivery.Outcome.Skipped.class, outcome);
        assertEquals(List.of(new EventFakes.Queue.Sent(command, WebhookDelivery.LEASE)), queue.sent);
        assertEquals(0, endpoint.posts.size());
    }

    @Test
    void aReplayedStreamRecordChangesNothingOnceTheEventWasAttempted() {
        var stream = purchase();
        fanOut.handle(stream);
        deliverAll();

        var replay = fanOut.handle(stream);
        deliverAll();

        assertEquals(0, replay.handedOn());
        assertEquals(2, endpoint.posts.size());
        assertEquals(2, bus.published.size());
    }

    @Test
    void aCrashBetweenTheRowAndTheQueueLosesNoEventAndDeliversItOnce() {
        var stream = purchase();
        queue.failNext(1);

        var crashed = fanOut.handle(stream);
        var retried = fanOut.handle(stream.subList(
                stream.indexOf(stream.stream()
                        .filter(t ->
                                t.sequenceNumber().equals(crashed.firstFailed().orElseThrow()))
                        .findFirst()
                        .orElseThrow()),
                stream.size()));
        deliverAll();

        assertTrue(crashed.firstFailed().isPresent());
        assertEquals(2, rows.all().size(), "the rows were written before the crash");
        assertTrue(retried.firstFailed().isEmpty());
        assertEquals(2, endpoint.posts.size());
        assertEquals(
                2,
                endpoint.posts.stream()
                        .map(EventFakes.Endpoint.Post::eventId)
                        .distinct()
                        .count());
    }

    @Test
    void moreThanTenEventsGoInBatchesOfTen() {
        for (int i = 0; i < 6; i++) {
            Checkout c = f.started(CheckoutFixture.b2c("o-" + i));
            f.consent(c).orElseThrow();
            f.drain(f.worker(), 10);
        }

        fanOut.handle(EventFakes.stream(f.store));

        assertEquals(12, bus.published.size());
        assertTrue(bus.batches.stream().allMatch(n -> n <= 10));
        assertEquals(12, queue.sent.size());
    }

    @Test
    void aRedeliveryResetsTheRowAndAttemptsItAgain() {
        fanOut.handle(purchase().subList(0, 3));
        deliverAll();
        var row = rows.all().get(0);
        var replay = new EventReplay(rows, queue, f.clock);

        var result = replay.redeliver(row.checkoutId(), row.sequence()).orElseThrow();
        deliverAll();

        assertEquals(1, result.redeliveries());
        assertEquals(2, endpoint.posts.size());
        var after = rows.all().get(0);
        assertEquals(DeliveryStatus.DELIVERED, after.status());
        assertEquals(1, after.attempts());
        assertEquals(1, after.redeliveries());
        assertEquals(List.of(), replay.list(row.checkoutId(), true));
    }

    @Test
    void aRedeliveryOfAnUnknownEventIsNotFound() {
        var replay = new EventReplay(rows, queue, f.clock);

        var result = replay.redeliver("nope", 3);

        assertEquals(
                ErrorCode.EVENT_NOT_FOUND,
                assertInstanceOf(Result.Err.class, result).problem().code());
    }

    @Test
    void withWebhooksOffRowsAreKeptAndOnlyTheBusIsTold() {
        var busOnly = new EventFanOut(rows, null, bus, f.clock);

        busOnly.handle(purchase());

        assertEquals(2, rows.all().size());
        assertEquals(2, bus.published.size());
        assertTrue(queue.sent.isEmpty());
    }
}

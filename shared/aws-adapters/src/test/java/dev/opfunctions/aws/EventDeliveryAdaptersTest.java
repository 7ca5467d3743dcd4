package dev.opfunctions.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.aws.local.testing.LocalServersExtension;
import dev.opfunctions.checkout.events.Delivery;
import dev.opfunctions.checkout.events.DeliveryCommand;
import dev.opfunctions.checkout.events.DeliveryStatus;
import dev.opfunctions.checkout.events.DeliveryStore;
import dev.opfunctions.checkout.events.StorefrontEvent;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.EventFakes;
import dev.opfunctions.client.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The delivery rows on the template's EventDeliveriesTable (moto), the delivery queues (ElasticMQ), the webhook secret. */
@ExtendWith(LocalServersExtension.class)
class EventDeliveryAdaptersTest {

    private static LocalAws aws;
    private static LocalServers servers;
    private static DynamoDeliveryStore store;
    private static final Instant NOW = Instant.parse("2026-03-12T23:30:00Z");

    @BeforeAll
    static void up(LocalServers s) {
        servers = s;
        aws = new LocalAws(s);
        store = new DynamoDeliveryStore(aws.ddb, aws.table("EventDeliveriesTable"));
    }

    private static StorefrontEvent event(String checkoutId) {
        CheckoutFixture f = new CheckoutFixture();
        var c = f.started(CheckoutFixture.b2c("o-" + checkoutId));
        f.consent(c).orElseThrow();
        f.drain(f.worker(), 10);
        return EventFakes.stream(f.store).stream()
                .flatMap(t -> t.storefrontEvents().stream())
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    @Test
    void aRowIsCreatedOnceAndReadBackWhole() {
        Delivery row = Delivery.pending(event("c-1"), NOW);

        boolean first = store.create(row);
        boolean again = store.create(row.claimed(NOW, NOW.plusSeconds(60)));

        assertTrue(first);
        assertFalse(again, "a replayed stream record finds the row");
        assertEquals(row, store.find(row.checkoutId(), row.sequence()).orElseThrow());
    }

    @Test
    void anUpdateOnAStaleVersionIsAConflictAndChangesNothing() {
        Delivery row = Delivery.pending(event("c-2"), NOW);
        store.create(row);
        Delivery claimed = row.claimed(NOW, NOW.plusSeconds(60));
        store.update(claimed);

        var e = assertThrows(
                DeliveryStore.ConflictException.class,
                () -> store.update(row.claimed(NOW.plusSeconds(1), NOW.plusSeconds(61))));
        Delivery done = claimed.outcome(DeliveryStatus.DELIVERED, "204", null);
        store.update(done);

        assertTrue(e.getMessage().contains(row.checkoutId()));
        assertEquals(done, store.find(row.checkoutId(), row.sequence()).orElseThrow());
    }

    @Test
    void aCheckoutsRowsListInSequenceOrder() {
        StorefrontEvent e = event("c-3");
        for (long seq : new long[] {10, 2, 9}) {
            var d = Delivery.pending(e, NOW);
            store.create(new Delivery(
                    d.checkoutId(),
                    seq,
                    "evt_" + d.checkoutId() + "_" + seq,
                    d.type(),
                    d.body(),
                    d.status(),
                    0,
                    NOW,
                    null,
                    null,
                    0,
                    1,
                    d.expiresAtEpoch()));
        }

        assertEquals(
                List.of(2L, 9L, 10L),
                store.list(e.checkoutId()).stream().map(Delivery::sequence).toList());
        assertEquals(
                NOW.plus(Delivery.RETENTION).getEpochSecond(),
                store.list(e.checkoutId()).get(0).expiresAtEpoch());
    }

    @Test
    void commandsGoToTheQueueWithTheirDelayAndGivenUpEventsToTheDlq() {
        String queueUrl = aws.createQueue("deliveries-" + System.nanoTime(), Map.of());
        String dlqUrl = aws.createQueue("deliveries-dlq-" + System.nanoTime(), Map.of());
        SqsDeliveryQueue queue = new SqsDeliveryQueue(aws.sqs, queueUrl, dlqUrl);
        Delivery given = Delivery.pending(event("c-4"), NOW).outcome(DeliveryStatus.REFUSED, "410", null);

        queue.sendBatch(List.of(new DeliveryCommand("a", 1), new DeliveryCommand("b", 2)));
        queue.send(new DeliveryCommand("c", 3), Duration.ofMinutes(30));
        queue.deadLetter(given);

        var now = aws.sqs
                .receiveMessage(
                        b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages();
        assertEquals(2, now.size(), "the delayed one is not visible yet");
        assertEquals(
                new DeliveryCommand("a", 1),
                DeliveryCommand.decode(now.stream()
                        .filter(m -> m.body().contains("\"a\""))
                        .findFirst()
                        .orElseThrow()
                        .body()));
        var dead = aws.sqs
                .receiveMessage(b -> b.queueUrl(dlqUrl).waitTimeSeconds(1))
                .messages();
        assertTrue(
                dead.get(0).body().contains("\"eventId\":\"" + given.eventId() + "\""),
                dead.get(0).body());
        assertTrue(dead.get(0).body().contains("\"status\":\"refused\""));
        assertFalse(dead.get(0).body().contains("\"body\""), "the payload stays in the table");
    }

    @Test
    void theWebhookSecretIsReadOnceForAFewMinutesAndMayHoldSeveral() {
        String arn = servers.secrets()
                .createSecret(
                        "webhook-" + System.nanoTime(),
                        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\nwhsec_c2Vjb25kLXNlY3JldC1mb3Itcm90YXRpb24=");
        MutableClock clock = MutableClock.at("2026-03-12T23:30:00Z");
        var secrets = new SecretsManagerWebhookSecrets(servers.secrets().client(), arn, clock);
        int before = servers.secrets().getSecretValueCalls();

        List<String> first = secrets.get();
        secrets.get();
        clock.advance(SecretsManagerWebhookSecrets.CACHE_FOR);
        secrets.get();

        assertEquals(2, first.size());
        assertEquals(2, servers.secrets().getSecretValueCalls() - before);
        var e = assertThrows(IllegalStateException.class, () -> SecretsManagerWebhookSecrets.parse("hunter2", "arn:x"));
        assertFalse(e.getMessage().contains("hunter2"));
    }
}

package dev.opfunctions.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.aws.local.testing.LocalServersExtension;
import dev.opfunctions.checkout.events.StateTransition;
import dev.opfunctions.checkout.events.StorefrontEvent;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.EventFakes;
import dev.opfunctions.checkout.fakes.InMemoryCheckoutStore;
import dev.opfunctions.checkout.model.Change;
import dev.opfunctions.checkout.model.Checkout;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The stream's images of state items written by the real {@link DynamoCheckoutStore} (on moto) read back as the
 * transitions that wrote them: a three-installment plan, whose paid installments live in their own items, yields
 * the same storefront events, with the same payloads, as the writes themselves.
 */
@ExtendWith(LocalServersExtension.class)
class StateImagesTest {

    private static LocalAws aws;

    @BeforeAll
    static void up(LocalServers servers) {
        aws = new LocalAws(servers);
    }

    private static Map<String, AttributeValue> stateItem(String checkoutId) {
        return aws.ddb
                .getItem(b -> b.tableName(aws.table)
                        .key(Map.of(
                                "pk",
                                AttributeValue.fromS("CHECKOUT#" + checkoutId),
                                "sk",
                                AttributeValue.fromS("STATE")))
                        .consistentRead(true))
                .item();
    }

    @Test
    void aPlansWritesReadFromTheirImagesYieldTheSameEventsAsTheWritesThemselves() {
        CheckoutFixture f = new CheckoutFixture();
        Checkout c = f.started(CheckoutFixture.plan("plan-images", 3, "P1W"));
        f.consent(c).orElseThrow();
        f.drain(f.worker(), 10);
        for (int n = 2; n <= 3; n++) {
            Instant wake = f.reload(c).wakeAt().orElseThrow();
            f.clock.advance(Duration.between(f.clock.instant(), wake.plusSeconds(3)));
            f.scheduledRun(10);
            f.drain(f.worker(), 10);
        }
        List<StorefrontEvent> expected = EventFakes.stream(f.store).stream()
                .flatMap(t -> t.storefrontEvents().stream())
                .toList();
        DynamoCheckoutStore dynamo = new DynamoCheckoutStore(aws.ddb, aws.table, Duration.ofDays(90));
        StateImages images = new StateImages(aws.ddb, aws.table);
        List<StorefrontEvent> read = new ArrayList<>();
        Map<String, AttributeValue> old = Map.of();
        int n = 0;

        for (InMemoryCheckoutStore.Written w : f.store.written()) {
            if (w.before() == null) dynamo.create(w.after(), w.history());
            else
                dynamo.update(
                        new Change(w.before().version(), w.after(), w.history().getLast()));
            Map<String, AttributeValue> now = stateItem(c.id());
            var record = new StreamRecords.Record(
                    Integer.toString(++n), old.isEmpty() ? "INSERT" : "MODIFY", Map.of(), old, now);
            images.transition(record).map(StateTransition::storefrontEvents).ifPresent(read::addAll);
            old = now;
        }

        assertEquals(
                List.of("checkout.consent_granted", "installment.paid", "installment.paid", "plan.completed"),
                read.stream().map(e -> e.type().wireName()).toList());
        assertEquals(
                expected.stream().map(StorefrontEvent::body).toList(),
                read.stream().map(StorefrontEvent::body).toList());
        assertTrue(
                read.get(3).body().contains("\"installment\":{\"number\":3,\"of\":3"),
                read.get(3).body());
    }

    @Test
    void itemsOtherThanAStateItemAreNoTransition() {
        var order = new StreamRecords.Record(
                "1",
                "INSERT",
                Map.of(),
                Map.of(),
                Map.of("pk", AttributeValue.fromS("ORDER#o-1"), "sk", AttributeValue.fromS("ORDER")));
        var installment = new StreamRecords.Record(
                "2",
                "INSERT",
                Map.of(),
                Map.of(),
                Map.of("pk", AttributeValue.fromS("CHECKOUT#c"), "sk", AttributeValue.fromS("INSTALLMENT#0001")));
        var expired = new StreamRecords.Record(
                "3", "REMOVE", Map.of(), Map.of("pk", AttributeValue.fromS("CHECKOUT#c")), Map.of());
        StateImages images = new StateImages(aws.ddb, aws.table);

        assertTrue(images.transition(order).isEmpty());
        assertTrue(images.transition(installment).isEmpty());
        assertTrue(images.transition(expired).isEmpty());
    }
}

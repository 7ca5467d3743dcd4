package dev.opfunctions.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.aws.local.testing.LocalServersExtension;
import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.model.Change;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutEvent;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.CheckoutSummary;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.checkout.service.CheckoutDependencies;
import dev.opfunctions.checkout.service.PaymentWorker;
import dev.opfunctions.checkout.service.StartCheckout;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The DynamoDB store against DynamoDB on moto over HTTP, with checkouts made by the real services. */
@ExtendWith(LocalServersExtension.class)
class DynamoCheckoutStoreTest {

    private static LocalAws aws;
    private final CheckoutFixture f = new CheckoutFixture();
    private final DynamoCheckoutStore store = new DynamoCheckoutStore(aws.ddb, aws.table, Duration.ofDays(90));

    @BeforeAll
    static void up(LocalServers servers) {
        aws = new LocalAws(servers);
    }

    /** The fixture's collaborators with this store in place of its in-memory one. */
    private CheckoutDependencies onDynamo() {
        return new CheckoutDependencies(store, f.queue, f.wallets, f.directory(), f.clock, f.settings);
    }

    private Checkout checkout(String order) {
        StartCheckout start = new StartCheckout(onDynamo(), f.executor);
        return start.start(f.order(CheckoutFixture.split(order, "140000")))
                .orElseThrow()
                .checkout();
    }

    @Test
    void storesAndReadsBackACheckoutExactly() {
        Checkout c = checkout("ddb-1");

        assertEquals(c, store.find(c.id()).orElseThrow());
        assertEquals(c, store.findByOrder("ddb-1").orElseThrow());
        assertEquals(1, store.history(c.id()).size());
    }

    @Test
    void refusesASecondCheckoutForTheSameOrderAndWritesNothing() {
        Checkout c = checkout("ddb-2");
        Checkout other = Checkout.awaitingConsent(
                "another-id",
                new Checkout.NewOrder(c.orderId(), c.requestHash(), c.amount(), c.description(), c.returnUrl()),
                c.createdAt(),
                c.updatedAt(),
                c.customer(),
                c.legs(),
                c.consent(),
                null);

        assertThrows(
                CheckoutStore.OrderAlreadyClaimedException.class,
                () -> store.create(
                        other,
                        List.of(new CheckoutEvent(
                                "another-id", 1, c.createdAt(), "checkout-created", c.status(), ""))));
        assertTrue(store.find("another-id").isEmpty());
        assertTrue(store.history("another-id").isEmpty());
    }

    @Test
    void updatesOnlyFromTheExpectedVersionAndKeepsStateAndHistoryTogether() {
        Checkout c = checkout("ddb-3");
        Change cancel = c.edit(f.clock.instant())
                .moveTo(CheckoutStatus.CANCELLED, Duration.ofDays(90))
                .change("checkout-cancelled", "test");
        Change expire = c.edit(f.clock.instant())
                .moveTo(CheckoutStatus.EXPIRED, Duration.ofDays(90))
                .change("consent-expired", "test");

        store.update(cancel);

        assertThrows(CheckoutStore.ConcurrentUpdateException.class, () -> store.update(expire));
        Checkout stored = store.find(c.id()).orElseThrow();
        assertEquals(CheckoutStatus.CANCELLED, stored.status());
        assertEquals(2, stored.version());
        assertEquals(
                List.of("checkout-created", "checkout-cancelled"),
                store.history(c.id()).stream().map(CheckoutEvent::type).toList());
    }

    @Test
    void setsTheTtlAttributeOnFinishedCheckoutsOnly() {
        Checkout c = checkout("ddb-4");
        var key = DynamoCheckoutStore.key("CHECKOUT#" + c.id(), "STATE");
        assertTrue(!aws.ddb.getItem(b -> b.tableName(aws.table).key(key)).item().containsKey("expiresAtEpoch"));

        store.update(c.edit(f.clock.instant())
                .moveTo(CheckoutStatus.CANCELLED, Duration.ofDays(90))
                .change("checkout-cancelled", ""));

        var item = aws.ddb.getItem(b -> b.tableName(aws.table).key(key)).item();
        assertEquals(
                Long.toString(f.clock.instant().plus(Duration.ofDays(90)).getEpochSecond()),
                item.get("expiresAtEpoch").n());
    }

    @Test
    void listsACustomersCheckoutsNewestFirstThroughTheCustomerIndex() {
        Checkout first = checkout("ddb-5");
        f.clock.advance(Duration.ofMinutes(1));
        Checkout second = checkout("ddb-6");

        List<String> mine = store.byCustomer(CheckoutFixture.CUSTOMER, 100, null).items().stream()
                .map(CheckoutSummary::id)
                .toList();

        assertTrue(
                mine.indexOf(second.id()) < mine.indexOf(first.id()) && mine.indexOf(first.id()) >= 0, mine.toString());
    }

    @Test
    void runsTheWholePaymentFlowOnTheRealStoreWithDuplicatedMessages() {
        Checkout c = checkout("ddb-7");
        f.consent(c);
        // consent() wrote through the fixture's in-memory store; redo the finish on this store.
        var finish = new dev.opfunctions.checkout.service.ConsentFinish(
                onDynamo(), new dev.opfunctions.checkout.fakes.Sha256FinishHash());
        finish.finish(c.id(), f.approval(c, "r")).orElseThrow();
        f.clock.advance(Duration.ofSeconds(6));
        PaymentWorker worker = new PaymentWorker(onDynamo());

        worker.handle(new Command.ContinueGrant(c.id()), 1);
        worker.handle(new Command.ContinueGrant(c.id()), 1);

        Checkout done = store.find(c.id()).orElseThrow();
        assertEquals(CheckoutStatus.COMPLETED, done.status());
        assertEquals(2, f.wallets.outgoingPayments().size());
        assertEquals(done.version(), store.history(c.id()).size());
    }

    @Test
    void theDueIndexIsWalkedPageByPageInDueOrderAcrossItsBucketsWithNothingMissedOrRepeated() {
        StartCheckout start = new StartCheckout(onDynamo(), f.executor);
        java.time.Instant base = java.time.Instant.parse("2031-01-01T00:00:00Z");
        java.util.List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Checkout c = start.start(f.order(CheckoutFixture.plan("ddb-walk-" + i, 3, "P1W")))
                    .orElseThrow()
                    .checkout();
            // Three share each due time, so a page boundary falls inside a group of equal times.
            java.time.Instant due = base.plusSeconds(i / 3);
            store.update(c.edit(f.clock.instant())
                    .plan(c.plan().wakeAt(due).tokenRotatedFor(0))
                    .moveTo(CheckoutStatus.CONSENT_GRANTED, Duration.ofDays(90))
                    .moveTo(CheckoutStatus.ACTIVE, Duration.ofDays(90))
                    .change("test-due", ""));
            assertEquals(due, store.find(c.id()).orElseThrow().wakeAt().orElseThrow());
            expected.add(c.id());
        }
        java.time.Instant until = base.plusSeconds(2);

        java.util.List<String> walked = new java.util.ArrayList<>();
        java.util.List<java.time.Instant> times = new java.util.ArrayList<>();
        String after = null;
        do {
            var page = store.duePage(until, 2, after);
            assertTrue(page.ids().size() <= 2, page.toString());
            for (String id : page.ids()) {
                Checkout c = store.find(id).orElseThrow();
                if (c.orderId().startsWith("ddb-walk-")) {
                    walked.add(id);
                    times.add(c.wakeAt().orElseThrow());
                }
            }
            after = page.next();
        } while (after != null);

        assertEquals(java.util.Set.copyOf(expected), java.util.Set.copyOf(walked), "every one");
        assertEquals(expected.size(), walked.size(), "none twice");
        assertEquals(times.stream().sorted().toList(), times, "in due order");
    }

    @Test
    void anActivePlanIsFoundThroughTheDueIndexOnlyOnceDueAndLeavesItWhenFinished() {
        StartCheckout start = new StartCheckout(onDynamo(), f.executor);
        Checkout c = start.start(f.order(CheckoutFixture.plan("ddb-plan", 3, "P1W")))
                .orElseThrow()
                .checkout();
        assertEquals(c, store.find(c.id()).orElseThrow(), "the plan round-trips");
        java.time.Instant due = java.time.Instant.parse("2026-03-20T08:00:00.5Z");
        var active = c.edit(f.clock.instant())
                .plan(c.plan().wakeAt(due).tokenRotatedFor(0))
                .moveTo(CheckoutStatus.CONSENT_GRANTED, Duration.ofDays(90))
                .moveTo(CheckoutStatus.ACTIVE, Duration.ofDays(90))
                .change("test-active", "");
        store.update(active);

        var before = store.dueCheckouts(due.minusMillis(1), 10);
        var at = store.dueCheckouts(due, 10);
        var cancel = active.next()
                .edit(f.clock.instant())
                .moveTo(CheckoutStatus.CANCELLED, Duration.ofDays(90))
                .change("test-cancel", "");
        store.update(cancel);
        var owingCleanUp = store.dueCheckouts(cancel.next().wakeAt().orElseThrow(), 10);
        java.time.Instant cleaned = f.clock.instant();
        var cleanUpEdit =
                cancel.next().edit(cleaned).consent(cancel.next().consent().withGrantClosedAt(cleaned));
        cancel.next().legs().forEach(l -> cleanUpEdit.leg(l.incomingClosed(cleaned)));
        var cleanUp = cleanUpEdit.change("test-clean-up", "");
        store.update(cleanUp);
        var after = store.dueCheckouts(due.plus(Duration.ofDays(2)), 10);

        assertTrue(!before.contains(c.id()), "not before its wake-up time (fixed-width times sort as instants)");
        assertTrue(at.contains(c.id()));
        assertTrue(owingCleanUp.contains(c.id()), "a cancelled plan whose grant and incoming payments are open wakes");
        assertTrue(!after.contains(c.id()), "a finished plan that owes nothing carries no due attributes");
        assertEquals(cleanUp.next().plan(), store.find(c.id()).orElseThrow().plan());
    }
}

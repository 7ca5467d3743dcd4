package dev.opfunctions.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.aws.local.testing.LocalServersExtension;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutSummary;
import dev.opfunctions.checkout.port.CheckoutStore.Position;
import dev.opfunctions.checkout.port.CheckoutStore.SummaryPage;
import dev.opfunctions.checkout.service.CheckoutDependencies;
import dev.opfunctions.checkout.service.StartCheckout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** CustomerIndex paged with ExclusiveStartKey on DynamoDB (moto over HTTP): every checkout once, newest first. */
@ExtendWith(LocalServersExtension.class)
class CustomerIndexPagingTest {

    private final CheckoutFixture f = new CheckoutFixture();
    private DynamoCheckoutStore store;

    /** A table per test: each test's customer listing holds exactly the checkouts it made. */
    @BeforeEach
    void up(LocalServers servers) {
        LocalAws aws = new LocalAws(servers);
        store = new DynamoCheckoutStore(aws.ddb, aws.table, Duration.ofDays(90));
    }

    /** Checkouts of the fixture's customer stored in this test's table, one second apart. */
    private List<Checkout> checkouts(String prefix, int n) {
        var deps = new CheckoutDependencies(store, f.queue, f.wallets, f.directory(), f.clock, f.settings);
        StartCheckout start = new StartCheckout(deps, f.executor);
        List<Checkout> made = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            made.add(start.start(f.order(CheckoutFixture.split(prefix + i, "140000")))
                    .orElseThrow()
                    .checkout());
            f.clock.advance(Duration.ofSeconds(1));
        }
        return made;
    }

    private List<SummaryPage> pages(String customer, int limit) {
        List<SummaryPage> pages = new ArrayList<>();
        Position after = null;
        do {
            SummaryPage page = store.byCustomer(customer, limit, after);
            pages.add(page);
            after = page.next();
        } while (after != null && pages.size() < 100);
        return pages;
    }

    @Test
    void pagesACustomersCheckoutsNewestFirstOverSeveralPagesEachOnce() {
        List<Checkout> made = checkouts("page-", 11);

        List<SummaryPage> pages = pages(CheckoutFixture.CUSTOMER, 4);

        assertEquals(List.of(4, 4, 3), pages.stream().map(p -> p.items().size()).toList());
        assertEquals(
                made.stream()
                        .sorted(Comparator.comparing(Checkout::createdAt).reversed())
                        .map(Checkout::id)
                        .toList(),
                pages.stream()
                        .flatMap(p -> p.items().stream())
                        .map(CheckoutSummary::id)
                        .toList());
        assertEquals(
                made.stream()
                        .map(CheckoutSummary::of)
                        .filter(s -> s.id().equals(made.get(0).id()))
                        .toList(),
                pages.get(2).items().stream()
                        .filter(s -> s.id().equals(made.get(0).id()))
                        .toList(),
                "the oldest, on the last page, with every summary field");
    }

    @Test
    void aPositionOnlyEverContinuesTheAskedCustomersListing() {
        List<Checkout> made = checkouts("other-", 3);
        f.wallets.addWallet("https://cloudnine.example/stranger", "MXN", 2);
        Position inTheMiddle = new Position(made.get(1).createdAt(), made.get(1).id());

        SummaryPage mine = store.byCustomer(CheckoutFixture.CUSTOMER, 10, inTheMiddle);
        SummaryPage strangers = store.byCustomer("https://cloudnine.example/stranger", 10, inTheMiddle);

        assertEquals(
                List.of(made.get(0).id()),
                mine.items().stream().map(CheckoutSummary::id).toList());
        assertNull(mine.next());
        assertEquals(List.of(), strangers.items());
        assertNull(strangers.next());
    }
}

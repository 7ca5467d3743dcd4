package dev.opfunctions.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.aws.local.testing.LocalServersExtension;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutSummary;
import dev.opfunctions.checkout.service.CheckoutDependencies;
import dev.opfunctions.checkout.service.StartCheckout;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The indexes of template.yaml's table (created from the template on moto) hold no checkout document,
 * so no access token is stored more than once, and the store still answers from them.
 */
@ExtendWith(LocalServersExtension.class)
class IndexProjectionTest {

    private static LocalAws aws;
    private final CheckoutFixture f = new CheckoutFixture();
    private final DynamoCheckoutStore store = new DynamoCheckoutStore(aws.ddb, aws.table, Duration.ofDays(90));

    @BeforeAll
    static void up(LocalServers servers) {
        aws = new LocalAws(servers);
    }

    private Checkout checkout(String order) {
        var deps = new CheckoutDependencies(store, f.queue, f.wallets, f.directory(), f.clock, f.settings);
        return new StartCheckout(deps, f.executor)
                .start(f.order(CheckoutFixture.split(order, "140000")))
                .orElseThrow()
                .checkout();
    }

    @Test
    void theCustomerIndexHoldsTheSummaryAttributesAndNoDocument() {
        Checkout c = checkout("projection-1");

        var items = aws.ddb
                .query(b -> b.tableName(aws.table)
                        .indexName("CustomerIndex")
                        .keyConditionExpression("customerWallet = :w")
                        .expressionAttributeValues(Map.of(":w", AttributeValue.fromS(CheckoutFixture.CUSTOMER))))
                .items();

        Set<String> expected = new TreeSet<>(DynamoCheckoutStore.SUMMARY_ATTRIBUTES);
        expected.addAll(Set.of("pk", "sk", "customerWallet", "createdAt"));
        assertFalse(items.isEmpty());
        items.forEach(i -> assertEquals(expected, new TreeSet<>(i.keySet())));
        assertEquals(
                CheckoutSummary.of(c),
                store.byCustomer(CheckoutFixture.CUSTOMER, 100, null).items().stream()
                        .filter(s -> s.id().equals(c.id()))
                        .findFirst()
                        .orElseThrow());
    }

    @Test
    void theDueIndexHoldsKeysOnly() {
        Checkout c = checkout("projection-2");
        String bucket = DynamoCheckoutStore.bucketOf(c.id());

        var items = aws.ddb
                .query(b -> b.tableName(aws.table)
                        .indexName("DueIndex")
                        .keyConditionExpression("dueBucket = :b")
                        .expressionAttributeValues(Map.of(":b", AttributeValue.fromS(bucket))))
                .items();

        assertFalse(items.isEmpty(), "an awaiting checkout has a look-again time");
        items.forEach(i -> assertEquals(Set.of("pk", "sk", "dueBucket", "dueAt"), i.keySet()));
    }
}

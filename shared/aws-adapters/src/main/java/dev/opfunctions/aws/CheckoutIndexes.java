package dev.opfunctions.aws;

import static dev.opfunctions.aws.CheckoutItems.s;

import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.CheckoutSummary;
import dev.opfunctions.checkout.port.CheckoutStore.DuePage;
import dev.opfunctions.checkout.port.CheckoutStore.Position;
import dev.opfunctions.checkout.port.CheckoutStore.SummaryPage;
import dev.opfunctions.client.model.Amount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** The payments table's two indexes as {@link DynamoCheckoutStore} reads them: CustomerIndex and DueIndex. */
final class CheckoutIndexes {

    private final DynamoDbClient ddb;
    private final String table;

    CheckoutIndexes(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    /**
     * Reads CustomerIndex only: it projects the summary attributes ({@link #SUMMARY_ATTRIBUTES}), never
     * the document, so a history page costs one query and copies no token out of the state item. Pages
     * with {@code ExclusiveStartKey} rebuilt from {@code after}; one item more than asked tells whether
     * another page exists, so a listing never ends in an empty page. A query cut short by DynamoDB's 1 MB
     * limit continues from its {@code LastEvaluatedKey}.
     */
    SummaryPage byCustomer(String customerWallet, int limit, Position after) {
        QueryRequest.Builder q = QueryRequest.builder()
                .tableName(table)
                .indexName("CustomerIndex")
                .scanIndexForward(false)
                .limit(limit + 1)
                .keyConditionExpression("customerWallet = :w")
                .expressionAttributeValues(Map.of(":w", s(customerWallet)));
        if (after != null) q.exclusiveStartKey(CustomerIndexKeys.of(customerWallet, after));
        QueryResponse r = ddb.query(q.build());
        List<Map<String, AttributeValue>> items = r.items();
        Position next = null;
        if (items.size() > limit) {
            items = items.subList(0, limit);
            next = CustomerIndexKeys.position(items.get(limit - 1), customerWallet);
        } else if (r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty()) {
            next = CustomerIndexKeys.position(r.lastEvaluatedKey(), customerWallet);
        }
        return new SummaryPage(items.stream().map(CheckoutIndexes::summary).toList(), next);
    }

    private static CheckoutSummary summary(Map<String, AttributeValue> i) {
        AttributeValue amount = i.get("amount");
        return new CheckoutSummary(
                i.get("pk").s().substring("CHECKOUT#".length()),
                i.get("orderId").s(),
                CheckoutStatus.valueOf(i.get("status").s()),
                i.get("customerWallet").s(),
                amount == null
                        ? null
                        : Amount.parse(
                                amount.m().get("value").s(),
                                amount.m().get("assetCode").s(),
                                Integer.parseInt(amount.m().get("assetScale").n())),
                Instant.parse(i.get("createdAt").s()),
                Instant.parse(i.get("updatedAt").s()));
    }

    /**
     * Queries each bucket from its own position (the last entry of it a page returned), merges the buckets
     * by due time and returns the earliest {@code limit}: entries read but not returned are read again
     * by the next page, so the walk is in due-time order across buckets.
     */
    DuePage duePage(Instant until, int limit, String after) {
        DuePosition from = DuePosition.decode(after, DynamoCheckoutStore.DUE_BUCKETS);
        List<DuePosition.Entry> read = new ArrayList<>();
        boolean[] moreInIndex = new boolean[DynamoCheckoutStore.DUE_BUCKETS];
        for (int b = 0; b < DynamoCheckoutStore.DUE_BUCKETS; b++) {
            if (from.finished(b)) continue;
            QueryRequest.Builder q = QueryRequest.builder()
                    .tableName(table)
                    .indexName("DueIndex")
                    .keyConditionExpression("dueBucket = :b AND dueAt <= :until")
                    .expressionAttributeValues(
                            Map.of(":b", s(DynamoCheckoutStore.bucket(b)), ":until", s(CheckoutItems.dueAt(until))))
                    .projectionExpression("pk, dueAt")
                    .limit(limit);
            DuePosition.Entry last = from.last(b);
            if (last != null)
                q.exclusiveStartKey(Map.of(
                        "dueBucket",
                        s(DynamoCheckoutStore.bucket(b)),
                        "dueAt",
                        s(last.dueAt()),
                        "pk",
                        s(last.pk()),
                        "sk",
                        s("STATE")));
            var answer = ddb.query(q.build());
            moreInIndex[b] =
                    answer.hasLastEvaluatedKey() && !answer.lastEvaluatedKey().isEmpty();
            for (var item : answer.items())
                read.add(new DuePosition.Entry(
                        b, item.get("dueAt").s(), item.get("pk").s()));
        }
        // Stable: each bucket's entries keep the index's order, so what is taken of a bucket is a prefix of it.
        List<DuePosition.Entry> taken = read.stream()
                .sorted(java.util.Comparator.comparing(DuePosition.Entry::dueAt))
                .limit(limit)
                .toList();
        DuePosition next = from.after(taken, read, moreInIndex);
        return new DuePage(
                taken.stream().map(e -> e.pk().substring("CHECKOUT#".length())).toList(),
                next.done() ? null : next.encode());
    }
}

package dev.opfunctions.aws;

import dev.opfunctions.checkout.port.CheckoutStore.Position;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A place in a CustomerIndex query as DynamoDB states it ({@code ExclusiveStartKey}, {@code LastEvaluatedKey}):
 * the index key ({@code customerWallet}, {@code createdAt}) and the table key ({@code pk}, {@code sk}) of a
 * checkout's state item. Only the checkout id and creation time travel in a storefront's cursor; the rest is
 * fixed by the layout and the query, so a cursor can never point into another customer's partition or at an
 * item that is not a state item.
 */
final class CustomerIndexKeys {

    private static final String PK_PREFIX = "CHECKOUT#";
    private static final Set<String> KEY_ATTRIBUTES = Set.of("pk", "sk", "customerWallet", "createdAt");

    private CustomerIndexKeys() {}

    /** The start key that continues {@code customerWallet}'s listing after {@code p}. */
    static Map<String, AttributeValue> of(String customerWallet, Position p) {
        return Map.of(
                "pk", AttributeValue.fromS(PK_PREFIX + p.checkoutId()),
                "sk", AttributeValue.fromS("STATE"),
                "customerWallet", AttributeValue.fromS(customerWallet),
                "createdAt", AttributeValue.fromS(p.createdAt().toString()));
    }

    /**
     * The position of an item (or a {@code LastEvaluatedKey}) of {@code customerWallet}'s listing.
     *
     * @throws IllegalStateException when it is not a state item of that customer: the index holds
     *     something this layout does not write, and no cursor is made from it
     */
    static Position position(Map<String, AttributeValue> item, String customerWallet) {
        if (!item.keySet().containsAll(KEY_ATTRIBUTES)
                || !"STATE".equals(item.get("sk").s())
                || !customerWallet.equals(item.get("customerWallet").s())
                || item.get("pk").s() == null
                || !item.get("pk").s().startsWith(PK_PREFIX))
            throw new IllegalStateException("CustomerIndex returned a key that is not a state item of the customer");
        return new Position(
                Instant.parse(item.get("createdAt").s()), item.get("pk").s().substring(PK_PREFIX.length()));
    }
}

package dev.opfunctions.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.checkout.events.StateTransition;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.port.CheckoutStore.UnreadableCheckoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The payments table's stream records read as checkout state transitions, with the store's own item code
 * ({@link CheckoutItems}, {@link StateBody}, {@link StoredCheckoutForm}). Only a checkout's {@code STATE} item
 * is a transition; installment, event, order and wallet-cache items are not, nor is a removal (the TTL), and
 * a write that added nothing a storefront is told of is skipped before the rest of the checkout is read. A
 * plan's installments stored apart are read by key, as the store reads them: a finished installment's item
 * never changes again, so the one an event is about reads as that event's write left it.
 */
public final class StateImages {

    private final DynamoDbClient ddb;
    private final String table;

    public StateImages(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    /**
     * The transition a record stands for, or empty when it is not one.
     *
     * @throws UnreadableCheckoutException when a state item does not decode (the record is then retried, then
     *     sent to the stream's failure destination)
     */
    public Optional<StateTransition> transition(StreamRecords.Record r) {
        Map<String, AttributeValue> item = r.newImage();
        if (item.isEmpty() || !"STATE".equals(s(item, "sk")) || !s(item, "pk").startsWith("CHECKOUT#"))
            return Optional.empty();
        String checkoutId = s(item, "pk").substring("CHECKOUT#".length());
        Map<String, AttributeValue> old = r.oldImage();
        long previousVersion =
                old.isEmpty() ? 0 : Long.parseLong(old.get("version").n());
        CheckoutStatus previousStatus = old.isEmpty() ? null : CheckoutStatus.valueOf(s(old, "status"));
        if (!CheckoutItems.compressed(item))
            // The first layout keeps no window in the item: its events are EVENT# items, which no stream reader needs.
            return Optional.empty();
        StateBody body = CheckoutItems.body(checkoutId, item);
        // Nothing to tell (an internal step): no need to read a plan's installment items or build the checkout.
        if (!StateTransition.tellsTheStorefront(body.events(), previousVersion, previousStatus))
            return Optional.empty();
        List<JsonNode> groups = new ArrayList<>();
        if (!body.apart().isEmpty()) {
            var bySk = DynamoCheckoutStore.apartItems(ddb, table, checkoutId, body.apart());
            for (int n : body.apart()) {
                var apart = bySk.get(CheckoutItems.apartSk(n));
                if (apart == null)
                    throw new UnreadableCheckoutException(
                            checkoutId, "its installment " + n + " item is missing", null);
                groups.add(CheckoutItems.group(checkoutId, apart));
            }
        }
        ObjectNode doc = CheckoutItems.withItemFields(checkoutId, body.doc(), item);
        Checkout next = StoredCheckoutForm.read(checkoutId, PlanParts.join(doc, groups));
        return Optional.of(
                new StateTransition(r.sequenceNumber(), previousVersion, previousStatus, next, body.events()));
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.s() == null ? "" : v.s();
    }
}

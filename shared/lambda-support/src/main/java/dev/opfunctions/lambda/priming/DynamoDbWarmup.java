package dev.opfunctions.lambda.priming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.aws.DynamoCheckoutStore;
import dev.opfunctions.aws.DynamoWalletCache;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutEvent;
import dev.opfunctions.checkout.model.CheckoutStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs the checkout store's real code (item mapping and compression, conditional puts and transactions,
 * reads, history query, wallet cache) against an in-memory DynamoDB: writes are captured, never sent, and reads
 * are answered with the captured items, so both directions of the JSON mapping get exercised.
 */
final class DynamoDbWarmup implements Runnable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ObjectNode state;
    private final ArrayNode events = JSON.createArrayNode();

    @Override
    public void run() {
        Instant now = Instant.now();
        Checkout checkout = PrimingSamples.checkout(now);
        try (DynamoDbClient ddb = SdkPriming.client(DynamoDbClient.builder(), new CannedHttpClient(this::answer))) {
            DynamoCheckoutStore store = new DynamoCheckoutStore(ddb, "priming", Duration.ofDays(1));
            store.create(
                    checkout,
                    List.of(new CheckoutEvent(checkout.id(), 1, now, "priming", checkout.status(), "priming")));
            Checkout read = store.find(checkout.id())
                    .orElseThrow(() -> new IllegalStateException("priming item did not read back"));
            store.update(read.edit(now)
                    .moveTo(CheckoutStatus.CANCELLED, Duration.ofDays(1))
                    .change("priming", "priming"));
            store.history(checkout.id());
            store.findByOrder(checkout.orderId());
            new DynamoWalletCache(ddb, "priming").wallet(PrimingSamples.WALLET + "/customer");
        }
    }

    private String answer(String target, String body) {
        JsonNode request = parse(body);
        return switch (target.substring(target.indexOf('.') + 1)) {
            case "TransactWriteItems" -> {
                for (JsonNode item : request.path("TransactItems"))
                    capture(item.path("Put").path("Item"));
                yield "{}";
            }
            case "PutItem" -> {
                capture(request.path("Item"));
                yield "{}";
            }
            case "GetItem" ->
                request.path("Key").path("sk").path("S").asText().equals("STATE") && state != null
                        ? JSON.createObjectNode().set("Item", state).toString()
                        : "{}";
            case "Query" -> {
                // The store's read (installment items to the state item) or its history (event items).
                boolean read = request.path("KeyConditionExpression").asText().contains("BETWEEN");
                ArrayNode items = read ? JSON.createArrayNode() : events;
                if (read && state != null) items.add(state);
                ObjectNode out = JSON.createObjectNode();
                out.set("Items", items);
                out.put("Count", items.size()).put("ScannedCount", items.size());
                yield out.toString();
            }
            default -> "{}";
        };
    }

    private void capture(JsonNode item) {
        String sk = item.path("sk").path("S").asText();
        if (sk.equals("STATE")) state = (ObjectNode) item;
        else if (sk.startsWith("EVENT#")) events.add(item);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.opfunctions.functions.deliverevents;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.aws.AwsClients;
import dev.opfunctions.aws.DynamoDeliveryStore;
import dev.opfunctions.aws.HttpWebhookEndpoint;
import dev.opfunctions.aws.SecretsManagerWebhookSecrets;
import dev.opfunctions.aws.SignedEventBridge;
import dev.opfunctions.aws.SqsDeliveryQueue;
import dev.opfunctions.aws.StateImages;
import dev.opfunctions.aws.StreamRecords;
import dev.opfunctions.checkout.events.DeliveryCommand;
import dev.opfunctions.checkout.events.EventFanOut;
import dev.opfunctions.checkout.events.StateTransition;
import dev.opfunctions.checkout.events.WebhookDelivery;
import dev.opfunctions.lambda.Invocations;
import dev.opfunctions.lambda.Log;
import dev.opfunctions.lambda.LogContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One invocation of deliver-events, whichever trigger: records with {@code eventSource} {@code aws:dynamodb}
 * are the payments table's stream (fanned out to the event bus and the delivery queue), {@code aws:sqs} the
 * delivery queue (one webhook attempt each). Either way the answer is {@code {"batchItemFailures":[…]}}: for
 * the stream the first record not handed on (its SequenceNumber; Lambda retries from there), for the queue
 * each message to redeliver (its messageId).
 */
public final class EventsBatch {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The template's Timeout for the function, in milliseconds. */
    private static final long DEFAULT_TIMEOUT_MS = 30_000;

    private final Function<StreamRecords.Record, Optional<StateTransition>> images;
    private final EventFanOut fanOut;
    private final WebhookDelivery delivery;

    public EventsBatch(
            Function<StreamRecords.Record, Optional<StateTransition>> images,
            EventFanOut fanOut,
            WebhookDelivery delivery) {
        this.images = images;
        this.fanOut = fanOut;
        this.delivery = delivery;
    }

    /** The real batch: AWS clients built once per container, webhooks and the bus as configured. */
    public static EventsBatch fromEnvironment(DeliverEventsConfig config) {
        var ddb = AwsClients.dynamoDb();
        var rows = new DynamoDeliveryStore(ddb, config.deliveriesTable());
        var queue = new SqsDeliveryQueue(AwsClients.sqs(), config.deliveryQueueUrl(), config.deliveryDlqUrl());
        var bus = config.busOn() ? SignedEventBridge.fromEnvironment(System.getenv(), config.eventBusName()) : null;
        var endpoint = config.webhooksOn()
                ? new HttpWebhookEndpoint(
                        config.webhookUrl(),
                        new SecretsManagerWebhookSecrets(
                                AwsClients.secretsManager(), config.webhookSecretArn(), Clock.systemUTC()))
                : null;
        StateImages images = new StateImages(ddb, config.tableName());
        var webhook = new WebhookDelivery(rows, queue, endpoint, Clock.systemUTC());
        return new EventsBatch(
                images::transition,
                config.webhooksOn()
                        ? new EventFanOut(rows, queue, bus, webhook, Clock.systemUTC())
                        : new EventFanOut(rows, null, bus, Clock.systemUTC()),
                webhook);
    }

    /** One invocation: reads the event from {@code input}, handles it in its logging context, writes the answer. */
    public void handle(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        // Without a context (a test) the function's configured 30 s are assumed.
        Duration left = Duration.ofMillis(context == null ? DEFAULT_TIMEOUT_MS : context.getRemainingTimeInMillis());
        JSON.writeValue(output, Invocations.run(context, () -> handle(event, left)));
    }

    /** @param left what remains of the invocation (webhook attempts are made in it only with room left) */
    public ObjectNode handle(JsonNode event, Duration left) {
        JsonNode records = event.path("Records");
        String source = records.path(0).path("eventSource").asText("");
        List<String> failed = switch (source) {
            case "aws:dynamodb" -> stream(event, left);
            case "aws:sqs" -> queue(records);
            case "" -> List.of();
            default ->
                throw new IllegalArgumentException("deliver-events takes DynamoDB stream or SQS events, not " + source);
        };
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        ArrayNode failures = answer.putArray("batchItemFailures");
        failed.forEach(id -> failures.addObject().put("itemIdentifier", id));
        return answer;
    }

    private List<String> stream(JsonNode event, Duration left) {
        List<StateTransition> transitions = new ArrayList<>();
        String unreadable = null;
        for (StreamRecords.Record r : StreamRecords.of(event)) {
            try {
                images.apply(r).ifPresent(transitions::add);
            } catch (RuntimeException e) {
                // Retried from here; after the stream's retries the record goes to its failure destination.
                Log.error("unreadable stream record", e, "sequenceNumber", r.sequenceNumber());
                unreadable = r.sequenceNumber();
                break;
            }
        }
        EventFanOut.Outcome outcome = fanOut.handle(transitions, left);
        for (EventFanOut.Attempt a : outcome.attempts()) {
            LogContext.checkout(a.event().checkoutId());
            try {
                log(a.event().sequence(), a.outcome());
            } finally {
                LogContext.clearCheckout();
            }
        }
        if (outcome.cause() != null)
            Log.error(
                    "events not handed on",
                    outcome.cause(),
                    "sequenceNumber",
                    outcome.firstFailed().orElse(""));
        else Log.info("events handed on: " + outcome.handedOn(), "records", Integer.toString(transitions.size()));
        // The records before an unreadable one were handed on; Lambda retries from the first that was not.
        if (outcome.firstFailed().isPresent())
            return List.of(outcome.firstFailed().get());
        return unreadable == null ? List.of() : List.of(unreadable);
    }

    private List<String> queue(JsonNode records) {
        List<String> failed = new ArrayList<>();
        for (JsonNode m : records) {
            String id = m.path("messageId").asText();
            try {
                DeliveryCommand command = DeliveryCommand.decode(m.path("body").asText());
                LogContext.checkout(command.checkoutId());
                log(command.sequence(), delivery.handle(command));
            } catch (RuntimeException e) {
                Log.error("delivery failed", e, "messageId", id);
                failed.add(id);
            } finally {
                LogContext.clearCheckout();
            }
        }
        return failed;
    }

    private static void log(long sequence, WebhookDelivery.Outcome outcome) {
        String seq = Long.toString(sequence);
        switch (outcome) {
            case WebhookDelivery.Outcome.Delivered d ->
                Log.info("webhook delivered (attempt " + d.attempt() + ", " + d.status() + ")", "sequence", seq);
            case WebhookDelivery.Outcome.Retrying r ->
                Log.info(
                        "webhook attempt " + r.attempt() + " failed (" + r.last() + "); next at " + r.nextAttemptAt(),
                        "sequence",
                        seq);
            case WebhookDelivery.Outcome.Skipped s -> Log.info("no attempt: " + s.why(), "sequence", seq);
            case WebhookDelivery.Outcome.GivenUp g ->
                Log.error(
                        "webhook " + g.status().wireName() + " by " + g.endpoint() + " after " + g.attempts()
                                + " attempts (last " + g.last() + "); the event is in the DLQ",
                        null,
                        "sequence",
                        seq);
        }
    }
}

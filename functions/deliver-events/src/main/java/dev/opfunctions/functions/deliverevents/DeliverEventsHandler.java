package dev.opfunctions.functions.deliverevents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.aws.AwsClients;
import dev.opfunctions.aws.DynamoDeliveryStore;
import dev.opfunctions.aws.HttpWebhookEndpoint;
import dev.opfunctions.aws.SecretsManagerWebhookSecrets;
import dev.opfunctions.aws.SignedEventBridge;
import dev.opfunctions.aws.SqsDeliveryQueue;
import dev.opfunctions.aws.StateImages;
import dev.opfunctions.checkout.events.EventFanOut;
import dev.opfunctions.checkout.events.WebhookDelivery;
import dev.opfunctions.lambda.Invocations;
import dev.opfunctions.lambda.priming.Priming;
import dev.opfunctions.lambda.priming.Warmups;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

/**
 * deliver-events: tells the storefront every checkout outcome by push. Fed by the payments table's stream
 * (each landed state write: its new storefront events get a delivery row, go on the event bus and are queued
 * for the webhook) and by EventDeliveryQueue (one signed webhook attempt per message, retried on a schedule).
 * A stream handler because one function takes both event shapes; {@link EventsBatch} tells them apart.
 */
public final class DeliverEventsHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventsBatch batch;
    private final Priming priming; // held: CRaC may keep registered resources only weakly

    /** Lambda's constructor: configuration from the environment, real clients built once per container. */
    public DeliverEventsHandler() {
        this(real(DeliverEventsConfig.from(System.getenv())));
    }

    /** Tests' constructor: any batch over any ports. */
    public DeliverEventsHandler(EventsBatch batch) {
        this.batch = batch;
        this.priming = Priming.register(Warmups.json(), Warmups.dynamoDb(), Warmups.sqs());
    }

    private static EventsBatch real(DeliverEventsConfig config) {
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
        return new EventsBatch(
                images::transition,
                new EventFanOut(rows, config.webhooksOn() ? queue : null, bus, Clock.systemUTC()),
                new WebhookDelivery(rows, queue, endpoint, Clock.systemUTC()));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        var event = JSON.readTree(input);
        var answer = Invocations.run(context, () -> batch.handle(event));
        JSON.writeValue(output, answer);
    }

    /** The SnapStart priming hook this handler registered (tests run it directly). */
    public Priming priming() {
        return priming;
    }
}

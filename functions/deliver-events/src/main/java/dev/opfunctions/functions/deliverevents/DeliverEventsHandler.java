package dev.opfunctions.functions.deliverevents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.opfunctions.lambda.priming.Priming;
import dev.opfunctions.lambda.priming.Warmups;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * deliver-events: tells the storefront every checkout outcome by push. Fed by the payments table's stream
 * (each landed state write: its new storefront events get a delivery row, go on the event bus and are queued
 * for the webhook) and by EventDeliveryQueue (one signed webhook attempt per message, retried on a schedule).
 * A stream handler because one function takes both event shapes; {@link EventsBatch} tells them apart.
 */
public final class DeliverEventsHandler implements RequestStreamHandler {

    private final EventsBatch batch;
    private final Priming priming; // held: CRaC may keep registered resources only weakly

    /** Lambda's constructor: configuration from the environment, real clients built once per container. */
    public DeliverEventsHandler() {
        this(EventsBatch.fromEnvironment(DeliverEventsConfig.from(System.getenv())));
    }

    /** Tests' constructor: any batch over any ports. */
    public DeliverEventsHandler(EventsBatch batch) {
        this.batch = batch;
        this.priming = Priming.register(Warmups.json(), Warmups.dynamoDb(), Warmups.sqs());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        batch.handle(input, output, context);
    }

    /** The SnapStart priming hook this handler registered (tests run it directly). */
    public Priming priming() {
        return priming;
    }
}

package dev.opfunctions.functions.createoutgoing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.opfunctions.aws.AwsPorts;
import dev.opfunctions.aws.FunctionConfig;
import dev.opfunctions.aws.Ports;
import dev.opfunctions.aws.Wiring;
import dev.opfunctions.aws.lambda.CommandBatch;

/**
 * create-outgoing: consumes the commands queue (continue the grant, create each outgoing payment
 * exactly once, follow payments with delayed re-checks, expire unconsented checkouts). Reports
 * per-message failures so only those are redelivered; after MaxReceiveCount they go to the DLQ.
 */
public final class CreateOutgoingHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final CommandBatch batch;

    /** Lambda's constructor: configuration from the environment, real AWS and wallet clients built once per container. */
    public CreateOutgoingHandler() {
        this(FunctionConfig.fromEnv());
    }

    private CreateOutgoingHandler(FunctionConfig config) {
        this(config, AwsPorts.fromEnvironment(config));
    }

    /** Tests' constructor: any configuration and ports. */
    public CreateOutgoingHandler(FunctionConfig config, Ports ports) {
        this.batch = new Wiring(config, ports).commandBatch();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.handle(event);
    }
}

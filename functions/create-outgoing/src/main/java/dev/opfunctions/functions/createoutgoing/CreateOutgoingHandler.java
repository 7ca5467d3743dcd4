package dev.opfunctions.functions.createoutgoing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.opfunctions.lambda.AwsPorts;
import dev.opfunctions.lambda.FunctionConfig;
import dev.opfunctions.lambda.Invocations;
import dev.opfunctions.lambda.Observability;
import dev.opfunctions.lambda.Ports;
import dev.opfunctions.lambda.Services;
import dev.opfunctions.lambda.priming.Priming;
import dev.opfunctions.lambda.priming.SecretsWarmup;
import dev.opfunctions.lambda.priming.Warmups;

/**
 * create-outgoing: consumes the commands queue (continue the grant, create each outgoing payment
 * exactly once, follow payments with delayed re-checks, expire unconsented checkouts). Reports
 * per-message failures so only those are redelivered; after MaxReceiveCount they go to the DLQ.
 * Each message is logged with its own checkout id.
 */
public final class CreateOutgoingHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final CommandBatch batch;
    private final Priming priming;

    /** Lambda's constructor: configuration from the environment, real AWS and wallet clients built once per container. */
    public CreateOutgoingHandler() {
        this(FunctionConfig.fromEnv());
    }

    private CreateOutgoingHandler(FunctionConfig config) {
        this(config, AwsPorts.fromEnvironment(config));
    }

    /** Tests' constructor: any configuration and ports. */
    public CreateOutgoingHandler(FunctionConfig config, Ports ports) {
        this.batch = CommandBatch.from(new Services(config, Observability.observe(ports)));
        this.priming = Priming.register(
                Warmups.json(), Warmups.dynamoDb(), Warmups.sqs(), Warmups.signing(), SecretsWarmup.step());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return Invocations.sqs(event, context, batch::handle);
    }

    /** The SnapStart priming hook this handler registered (tests run it directly). */
    public Priming priming() {
        return priming;
    }
}

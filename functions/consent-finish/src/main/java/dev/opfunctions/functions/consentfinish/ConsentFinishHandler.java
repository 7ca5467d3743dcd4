package dev.opfunctions.functions.consentfinish;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.opfunctions.aws.AwsPorts;
import dev.opfunctions.aws.FunctionConfig;
import dev.opfunctions.aws.Ports;
import dev.opfunctions.aws.Wiring;
import dev.opfunctions.aws.lambda.FinishCallback;

/**
 * consent-finish: the public {@code GET /finish/{checkoutId}} the customer's wallet redirects to after
 * consent. Verifies the hash, records the decision, enqueues the next step, redirects the customer.
 */
public final class ConsentFinishHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final FinishCallback callback;

    /** Lambda's constructor: configuration from the environment, real AWS and wallet clients built once per container. */
    public ConsentFinishHandler() {
        this(FunctionConfig.fromEnv());
    }

    private ConsentFinishHandler(FunctionConfig config) {
        this(config, AwsPorts.fromEnvironment(config));
    }

    /** Tests' constructor: any configuration and ports. */
    public ConsentFinishHandler(FunctionConfig config, Ports ports) {
        this.callback = new Wiring(config, ports).finishCallback();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return callback.handle(event);
    }
}

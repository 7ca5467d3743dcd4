package dev.opfunctions.functions.consentfinish;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.opfunctions.lambda.AwsPorts;
import dev.opfunctions.lambda.FunctionConfig;
import dev.opfunctions.lambda.Invocations;
import dev.opfunctions.lambda.Observability;
import dev.opfunctions.lambda.Ports;
import dev.opfunctions.lambda.Services;
import dev.opfunctions.lambda.priming.Priming;
import dev.opfunctions.lambda.priming.Warmups;

/**
 * consent-finish: the public {@code GET /finish/{checkoutId}} the customer's wallet redirects to after
 * consent. Verifies the hash, records the decision, enqueues the next step, redirects the customer.
 * It never reads the client key, so its jar carries no Secrets Manager client and priming skips it.
 */
public final class ConsentFinishHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final FinishCallback callback;
    private final Priming priming;

    /** Lambda's constructor: configuration from the environment, real AWS and wallet clients built once per container. */
    public ConsentFinishHandler() {
        this(FunctionConfig.fromEnv());
    }

    private ConsentFinishHandler(FunctionConfig config) {
        this(config, AwsPorts.fromEnvironment(config));
    }

    /** Tests' constructor: any configuration and ports. */
    public ConsentFinishHandler(FunctionConfig config, Ports ports) {
        this.callback = FinishCallback.from(new Services(config, Observability.observe(ports)));
        this.priming = Priming.register(
                Warmups.json(), Warmups.httpResponses(), Warmups.finishHash(), Warmups.dynamoDb(), Warmups.sqs());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Invocations.http(event, context, callback::handle);
    }

    /** The SnapStart priming hook this handler registered (tests run it directly). */
    public Priming priming() {
        return priming;
    }
}

package dev.opfunctions.functions.startcheckout;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.opfunctions.aws.AwsPorts;
import dev.opfunctions.aws.FunctionConfig;
import dev.opfunctions.aws.Ports;
import dev.opfunctions.aws.Wiring;
import dev.opfunctions.aws.lambda.StorefrontApi;

/**
 * start-checkout: the storefront's protected API (POST /checkouts, GET /checkouts/{id}, cancel,
 * transaction history). An adapter only: the routes and services live in {@link StorefrontApi}.
 */
public final class StartCheckoutHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final StorefrontApi api;

    /** Lambda's constructor: configuration from the environment, real AWS and wallet clients built once per container. */
    public StartCheckoutHandler() {
        this(FunctionConfig.fromEnv());
    }

    private StartCheckoutHandler(FunctionConfig config) {
        this(config, AwsPorts.fromEnvironment(config));
    }

    /** Tests' constructor: any configuration and ports. */
    public StartCheckoutHandler(FunctionConfig config, Ports ports) {
        this.api = new Wiring(config, ports).storefrontApi();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event);
    }
}

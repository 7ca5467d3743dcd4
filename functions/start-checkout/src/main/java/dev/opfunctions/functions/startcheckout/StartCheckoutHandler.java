package dev.opfunctions.functions.startcheckout;

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
import dev.opfunctions.lambda.priming.SecretsWarmup;
import dev.opfunctions.lambda.priming.Warmups;

/**
 * start-checkout: the storefront's protected API (POST /checkouts, GET /checkouts/{id}, cancel,
 * transaction history). An adapter only: the routes and services live in {@link StorefrontApi}.
 * Each invocation logs through Powertools with the checkout id; SnapStart priming is registered here.
 */
public final class StartCheckoutHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final StorefrontApi api;
    private final Priming priming;

    /** Lambda's constructor: configuration from the environment, real AWS and wallet clients built once per container. */
    public StartCheckoutHandler() {
        this(FunctionConfig.fromEnv());
    }

    private StartCheckoutHandler(FunctionConfig config) {
        this(config, AwsPorts.fromEnvironment(config));
    }

    /**
     * Tests' constructor: any configuration and ports. The event routes use the ports' delivery rows
     * (EventDeliveriesTable, when DELIVERIES_TABLE_NAME names it), and otherwise answer ROUTE_NOT_FOUND.
     */
    public StartCheckoutHandler(FunctionConfig config, Ports ports) {
        this.api = StorefrontApi.from(new Services(config, Observability.observe(ports)), EventRoutes.replay(ports));
        this.priming = Priming.register(
                Warmups.json(),
                Warmups.httpResponses(),
                Warmups.orderParsing(),
                Warmups.dynamoDb(),
                Warmups.sqs(),
                Warmups.signing(),
                SecretsWarmup.step());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Invocations.http(event, context, api::handle);
    }

    /** The SnapStart priming hook this handler registered (tests run it directly). */
    public Priming priming() {
        return priming;
    }
}

package dev.opfunctions.lambda.openapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.function.Function;

/**
 * A function's HTTP routes ({@code StorefrontApi}, {@code FinishCallback}) as tests call them, with
 * {@link #handle} named as theirs, and every answer checked against {@code openapi.yaml}
 * ({@link StorefrontContract}) before the test sees it.
 */
public final class ContractCheckedRoutes {

    private final Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> routes;

    private ContractCheckedRoutes(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> routes) {
        this.routes = StorefrontContract.checked(routes);
    }

    /** E.g. {@code ContractCheckedRoutes.of(StorefrontApi.from(services)::handle)}. */
    public static ContractCheckedRoutes of(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> routes) {
        return new ContractCheckedRoutes(routes);
    }

    /** Handles the request; throws {@link AssertionError} when the answer breaks the document. */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return routes.apply(event);
    }
}

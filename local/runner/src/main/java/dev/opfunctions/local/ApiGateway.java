package dev.opfunctions.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.aws.local.InvocationResult;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The local stand-in for the HTTP API: matches a request against the template's routes, applies the
 * route's authorization, turns the request into a payload-2.0 event, invokes the function and turns
 * its result into the HTTP response, answering with API Gateway's own errors where API Gateway would
 * ({@code 404 Not Found}, {@code 401/403}, {@code 500 Internal Server Error} for a function error,
 * {@code 503 Service Unavailable} for a timeout).
 */
public final class ApiGateway {
    private final HttpRoutes routes;
    private final Map<String, LocalFunction> functions;
    private final ApiGatewayEvents.Api api;
    private final Optional<ApiKeyAuthorizer> authorizer;
    private final Consumer<String> log;

    /**
     * @param functions the running functions by logical id; a route whose function is missing answers 502
     * @param authorizer checks {@code CUSTOM} routes; empty refuses them
     */
    public ApiGateway(
            HttpRoutes routes,
            Map<String, LocalFunction> functions,
            ApiGatewayEvents.Api api,
            Optional<ApiKeyAuthorizer> authorizer,
            Consumer<String> log) {
        this.routes = routes;
        this.functions = Map.copyOf(functions);
        this.api = api;
        this.authorizer = authorizer;
        this.log = log;
    }

    /** Whether some route of the API takes this request. */
    public boolean routes(HttpRequestData request) {
        return routes.route(request.method(), request.rawPath()).isPresent();
    }

    /** Handles one request as API Gateway would. */
    public HttpReply handle(HttpRequestData request) throws InterruptedException {
        Optional<HttpRoutes.Match> match = routes.route(request.method(), request.rawPath());
        if (match.isEmpty()) {
            return HttpReply.gatewayError(404, "Not Found");
        }
        HttpRoute route = match.get().route();
        switch (route.authorization()) {
            case NONE -> {}
            case CUSTOM -> {
                if (authorizer.isEmpty()) {
                    return HttpReply.gatewayError(403, "Forbidden");
                }
                ApiKeyAuthorizer.Decision decision = authorizer.get().check(request);
                if (!decision.allowed()) {
                    return decision.refusal();
                }
            }
            case AWS_IAM -> {
                // SigV4 against execute-api cannot be checked without AWS; the runner refuses to start in IAM mode.
                return HttpReply.gatewayError(403, "Forbidden");
            }
        }
        LocalFunction function = functions.get(route.functionLogicalId());
        if (function == null) {
            log.accept(route.routeKey() + ": function " + route.functionLogicalId() + " is not running (not built?)");
            return HttpReply.gatewayError(502, "Bad Gateway");
        }
        String requestId = UUID.randomUUID().toString();
        ObjectNode event = ApiGatewayEvents.event(request, match.get(), api, requestId);
        InvocationResult result = function.invoke(event.toString());
        HttpReply reply = switch (result) {
            case InvocationResult.Success s -> HttpReply.fromFunctionResult(s.payload());
            case InvocationResult.Failure f
            when f.errorType().equals("Sandbox.Timedout") -> HttpReply.gatewayError(503, "Service Unavailable");
            case InvocationResult.Failure f -> {
                log.accept(function.definition().name() + " failed (" + f.errorType() + "): " + f.errorDocument());
                yield HttpReply.gatewayError(500, "Internal Server Error");
            }
        };
        log.accept(request.method() + " " + request.rawPath() + " -> " + route.routeKey() + " -> "
                + function.definition().name() + " " + reply.status() + " ("
                + result.elapsed().toMillis() + " ms)");
        return withRequestId(reply, requestId);
    }

    private static HttpReply withRequestId(HttpReply reply, String requestId) {
        var headers = new java.util.ArrayList<>(reply.headers());
        headers.add(Map.entry("apigw-requestid", requestId));
        return new HttpReply(reply.status(), headers, reply.body());
    }
}

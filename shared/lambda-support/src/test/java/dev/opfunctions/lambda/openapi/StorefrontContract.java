package dev.opfunctions.lambda.openapi;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.openapi.OpenApiSpec;
import dev.opfunctions.openapi.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every answer the storefront API's functions give in a test, checked against {@code openapi.yaml}: the
 * route is documented, the status is documented for it, the body has the documented media type and is
 * valid against the documented schema (which lists the error codes each status may carry), and the
 * documented headers are there. A broken rule throws {@link AssertionError}, failing the test that made
 * the request, with the request, the answer and every problem.
 *
 * <p>A request for a route the document does not have must be answered {@code 404 ROUTE_NOT_FOUND}:
 * API Gateway never hands a function such a route, so only tests send one, to see the function refuse
 * it. Any other answer is a route the function serves that the document does not describe.
 *
 * <p>Wrap the handler or routes a test calls ({@link #checked(RequestHandler)}, {@link ContractCheckedRoutes}),
 * so that every request the test makes goes through the check.
 */
public final class StorefrontContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StorefrontContract() {}

    /** {@code handler}, each of whose answers is checked before the test sees it. */
    public static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> checked(
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        return (event, context) -> check(event, handler.handleRequest(event, context));
    }

    /** {@code routes} ({@code StorefrontApi::handle}, {@code FinishCallback::handle}) with each answer checked. */
    public static Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> checked(
            Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> routes) {
        return event -> check(event, routes.apply(event));
    }

    /** Checks one answer to one request; returns the answer unchanged when it keeps the contract. */
    public static APIGatewayV2HTTPResponse check(APIGatewayV2HTTPEvent request, APIGatewayV2HTTPResponse response) {
        List<String> problems = problems(request, response);
        if (!problems.isEmpty()) {
            throw new AssertionError("the answer to " + describe(request) + " breaks openapi.yaml:\n  - "
                    + String.join("\n  - ", problems) + "\n  answer: " + response.getStatusCode() + " "
                    + abbreviate(response.getBody()));
        }
        return response;
    }

    /** What is wrong with {@code response} as the answer to {@code request}; empty when nothing is. */
    public static List<String> problems(APIGatewayV2HTTPEvent request, APIGatewayV2HTTPResponse response) {
        OpenApiSpec spec = StorefrontOpenApi.spec();
        String method = method(request);
        String path = path(request);
        int status = response.getStatusCode();
        Optional<Operation> operation =
                spec.findOperation(method, path).filter(op -> segments(op.pathTemplate()) == segments(path));
        if (operation.isEmpty()) {
            return status == 404 && "ROUTE_NOT_FOUND".equals(errorCode(response))
                    ? List.of()
                    : List.of("undocumented route " + method + " " + path
                            + " (only 404 ROUTE_NOT_FOUND may answer a route the document lacks)");
        }
        JsonNode declared =
                StorefrontOpenApi.resolve(spec.document().at(operation.get().pointer() + "/responses/" + status));
        if (declared.isMissingNode())
            return List.of("status " + status + " is not documented for " + method + " "
                    + operation.get().pathTemplate());
        List<String> problems = new ArrayList<>();
        problems.addAll(headerProblems(declared, response));
        JsonNode content = declared.path("content");
        String body = response.getBody();
        if (content.isMissingNode()) {
            if (body != null && !body.isEmpty()) problems.add("status " + status + " is documented without a body");
            return problems;
        }
        String mediaType = mediaType(header(response, "Content-Type"));
        if (!content.has(mediaType)) {
            problems.add("Content-Type " + mediaType + " is not documented for status " + status + " (documented: "
                    + fieldNames(content) + ")");
            return problems;
        }
        if (mediaType.equals("application/json")) {
            JsonNode parsed = parse(body);
            if (parsed == null) problems.add("the body is not JSON");
            else problems.addAll(spec.validateResponse(method, path, status, parsed));
        }
        return problems;
    }

    private static List<String> headerProblems(JsonNode declared, APIGatewayV2HTTPResponse response) {
        List<String> problems = new ArrayList<>();
        declared.path("headers").fields().forEachRemaining(h -> {
            JsonNode header = StorefrontOpenApi.resolve(h.getValue());
            if (header.path("required").asBoolean(false) && header(response, h.getKey()) == null)
                problems.add("the documented header " + h.getKey() + " is missing");
        });
        return problems;
    }

    /** The method as the functions read it (StorefrontApi takes a request without a context as a GET). */
    private static String method(APIGatewayV2HTTPEvent request) {
        var context = request.getRequestContext();
        if (context == null || context.getHttp() == null) return "GET";
        return context.getHttp().getMethod().toUpperCase(Locale.ROOT);
    }

    /** The path without a named stage's prefix, as the functions route it. */
    private static String path(APIGatewayV2HTTPEvent request) {
        String path = request.getRawPath() == null ? "/" : request.getRawPath();
        var context = request.getRequestContext();
        String stage = context == null ? null : context.getStage();
        if (stage != null && !stage.equals("$default") && path.startsWith("/" + stage + "/"))
            path = path.substring(stage.length() + 1);
        return path;
    }

    /** Documented paths are matched whole: the validator matches suffixes, for servers mounted under a prefix. */
    private static long segments(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).count();
    }

    private static String errorCode(APIGatewayV2HTTPResponse response) {
        JsonNode body = parse(response.getBody());
        return body == null ? null : body.at("/error/code").asText(null);
    }

    private static String header(APIGatewayV2HTTPResponse response, String name) {
        Map<String, String> headers = response.getHeaders();
        if (headers == null) return null;
        for (var e : headers.entrySet()) if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
        return null;
    }

    private static String mediaType(String contentType) {
        if (contentType == null) return "(none)";
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .trim()
                .toLowerCase(Locale.ROOT);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isEmpty()) return null;
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String describe(APIGatewayV2HTTPEvent request) {
        String query = request.getRawQueryString();
        return method(request) + " " + request.getRawPath() + (query == null || query.isEmpty() ? "" : "?…");
    }

    private static String abbreviate(String s) {
        if (s == null) return "(no body)";
        return s.length() > 2000 ? s.substring(0, 2000) + "…" : s;
    }
}

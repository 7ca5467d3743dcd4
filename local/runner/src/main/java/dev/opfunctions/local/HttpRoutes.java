package dev.opfunctions.local;

import dev.opfunctions.aws.local.IntrinsicResolver;
import dev.opfunctions.aws.local.SamTemplate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP API's routing table, read from the template so the local gateway and the deployed API
 * cannot drift: every {@code AWS::ApiGatewayV2::Route} (its {@code Target} names an integration
 * whose {@code IntegrationUri} names a function) and every {@code HttpApi} event of an
 * {@code AWS::Serverless::Function}. Authorization types are evaluated with the template's
 * conditions, so they follow the {@code ApiAuthMode} parameter.
 */
public final class HttpRoutes {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9]+)(?:\\.[A-Za-z0-9.]+)?}");

    /** A matched route and the path parameters taken from the request path. */
    public record Match(HttpRoute route, Map<String, String> pathParameters) {}

    private final List<HttpRoute> routes;

    public HttpRoutes(List<HttpRoute> routes) {
        this.routes = routes.stream()
                .sorted(Comparator.comparingInt(HttpRoute::specificity))
                .toList();
    }

    /** Reads the routes of {@code template}; {@code resolver} evaluates conditions (e.g. the auth mode). */
    public static HttpRoutes fromTemplate(SamTemplate template, IntrinsicResolver resolver) {
        List<HttpRoute> routes = new ArrayList<>();
        template.propertiesOfType("AWS::ApiGatewayV2::Route").forEach((id, props) -> {
            // A route whose Condition is false does not exist, as in CloudFormation (the history routes in NONE mode).
            Object condition = SamTemplate.asMap(template.resources().get(id)).get("Condition");
            if (condition != null && !resolver.condition(String.valueOf(condition))) return;
            String integration = referenceOfType(template, props.get("Target"), "AWS::ApiGatewayV2::Integration")
                    .orElseThrow(() -> new IllegalArgumentException(
                            "route " + id + ": Target names no AWS::ApiGatewayV2::Integration"));
            Map<String, Object> integrationProps = SamTemplate.asMap(
                    SamTemplate.asMap(template.resources().get(integration)).get("Properties"));
            String function = referenceOfType(
                            template, integrationProps.get("IntegrationUri"), "AWS::Serverless::Function")
                    .orElseThrow(() -> new IllegalArgumentException(
                            "integration " + integration + ": IntegrationUri names no function"));
            Object type = props.get("AuthorizationType");
            String authorization = type == null ? "NONE" : resolver.resolveString(type);
            routes.add(new HttpRoute(
                    resolver.resolveString(props.get("RouteKey")),
                    function,
                    HttpRoute.Authorization.valueOf(authorization)));
        });
        template.propertiesOfType("AWS::Serverless::Function")
                .forEach((id, props) -> SamTemplate.asMap(props.get("Events")).forEach((name, event) -> {
                    Map<String, Object> e = SamTemplate.asMap(event);
                    if ("HttpApi".equals(e.get("Type"))) {
                        Map<String, Object> p = SamTemplate.asMap(e.get("Properties"));
                        String key = p.isEmpty()
                                ? HttpRoute.DEFAULT_ROUTE
                                : resolver.resolveString(p.getOrDefault("Method", "ANY"))
                                                .toUpperCase() + " " + resolver.resolveString(p.get("Path"));
                        routes.add(new HttpRoute(key, id, HttpRoute.Authorization.NONE));
                    }
                }));
        return new HttpRoutes(routes);
    }

    /** The most specific route for a request, as API Gateway would choose it. */
    public Optional<Match> route(String method, String rawPath) {
        for (HttpRoute route : routes) {
            Optional<Map<String, String>> parameters = route.match(method, rawPath);
            if (parameters.isPresent()) {
                return Optional.of(new Match(route, parameters.get()));
            }
        }
        return Optional.empty();
    }

    /** Every route, most specific first. */
    public List<HttpRoute> all() {
        return routes;
    }

    /** The logical ids of the functions some route invokes. */
    public Set<String> functions() {
        Set<String> ids = new LinkedHashSet<>();
        routes.forEach(r -> ids.add(r.functionLogicalId()));
        return ids;
    }

    /**
     * The first resource of {@code type} that a node refers to through {@code Ref}, {@code Fn::GetAtt}
     * or a {@code Fn::Sub} variable ({@code !Ref Fn.Alias} counts as a reference to {@code Fn}).
     */
    static Optional<String> referenceOfType(SamTemplate template, Object node, String type) {
        List<String> found = new ArrayList<>();
        collect(node, found);
        return found.stream()
                .map(ref -> ref.contains(".") ? ref.substring(0, ref.indexOf('.')) : ref)
                .filter(id -> template.resources().containsKey(id) && type.equals(template.typeOf(id)))
                .findFirst();
    }

    private static void collect(Object node, List<String> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("Ref".equals(key)) {
                    out.add(String.valueOf(value));
                } else if ("Fn::GetAtt".equals(key) && value instanceof List<?> parts && !parts.isEmpty()) {
                    out.add(String.valueOf(parts.get(0)));
                } else if ("Fn::Sub".equals(key)) {
                    Matcher m = SUB_VARIABLE.matcher(
                            value instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(value));
                    while (m.find()) {
                        out.add(m.group(1));
                    }
                }
                collect(value, out);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collect(item, out));
        }
    }
}

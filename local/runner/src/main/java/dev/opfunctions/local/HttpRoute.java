package dev.opfunctions.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One route of the HTTP API as API Gateway (HTTP API) matches it: a route key such as
 * {@code GET /checkouts/{id}}, {@code ANY /files/{proxy+}} or {@code $default}, the function it
 * integrates with, and its authorization type.
 *
 * @param routeKey the route key exactly as in the template
 * @param functionLogicalId the {@code AWS::Serverless::Function} the route's integration invokes
 * @param authorization {@code NONE}, {@code CUSTOM} (a Lambda authorizer) or {@code AWS_IAM}
 */
public record HttpRoute(String routeKey, String functionLogicalId, Authorization authorization) {

    /** How API Gateway protects a route. */
    public enum Authorization {
        NONE,
        CUSTOM,
        AWS_IAM
    }

    /** The key of API Gateway's catch-all route. */
    public static final String DEFAULT_ROUTE = "$default";

    public HttpRoute {
        if (!routeKey.equals(DEFAULT_ROUTE) && !routeKey.matches("[A-Z]+ /\\S*")) {
            throw new IllegalArgumentException(
                    "route key must be '$default' or 'METHOD /path', got '" + routeKey + "'");
        }
    }

    /** The route's method ({@code ANY} for {@code $default}). */
    public String method() {
        return routeKey.equals(DEFAULT_ROUTE) ? "ANY" : routeKey.substring(0, routeKey.indexOf(' '));
    }

    /** The route's path pattern ({@code /{proxy+}} for {@code $default}). */
    public String pathPattern() {
        return routeKey.equals(DEFAULT_ROUTE) ? "/{proxy+}" : routeKey.substring(routeKey.indexOf(' ') + 1);
    }

    /**
     * Matches a request, returning the path parameters (URL-decoded, as API Gateway passes them) or
     * empty when the method or path does not fit. {@code {name}} takes one whole segment;
     * a trailing {@code {name+}} takes the rest of the path.
     */
    public Optional<Map<String, String>> match(String method, String rawPath) {
        if (!method().equals("ANY") && !method().equals(method.toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        List<String> pattern = segments(pathPattern());
        List<String> path = segments(rawPath);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String part = pattern.get(i);
            if (part.startsWith("{") && part.endsWith("+}")) {
                if (i >= path.size() && !routeKey.equals(DEFAULT_ROUTE)) {
                    return Optional.empty();
                }
                String rest = String.join("/", path.subList(Math.min(i, path.size()), path.size()));
                parameters.put(part.substring(1, part.length() - 2), decode(rest));
                return routeKey.equals(DEFAULT_ROUTE) ? Optional.of(Map.of()) : Optional.of(parameters);
            }
            if (i >= path.size()) {
                return Optional.empty();
            }
            if (part.startsWith("{") && part.endsWith("}")) {
                if (path.get(i).isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(part.substring(1, part.length() - 1), decode(path.get(i)));
            } else if (!part.equals(path.get(i))) {
                return Optional.empty();
            }
        }
        return pattern.size() == path.size() ? Optional.of(parameters) : Optional.empty();
    }

    /**
     * Orders routes the way API Gateway picks among several matches: an explicit method before
     * {@code ANY}, then fewer greedy and fewer single-segment variables (so {@code /checkouts/new}
     * beats {@code /checkouts/{id}}), {@code $default} last.
     */
    int specificity() {
        if (routeKey.equals(DEFAULT_ROUTE)) {
            return Integer.MAX_VALUE;
        }
        int greedy = 0;
        int variables = 0;
        for (String part : segments(pathPattern())) {
            if (part.endsWith("+}")) {
                greedy++;
            } else if (part.startsWith("{")) {
                variables++;
            }
        }
        return greedy * 10_000 + variables * 10 + (method().equals("ANY") ? 1 : 0);
    }

    private static List<String> segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        List<String> out = new ArrayList<>(List.of(trimmed.split("/", -1)));
        if (out.size() == 1 && out.get(0).isEmpty()) {
            out.clear();
        }
        return out;
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}

package dev.opfunctions.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Turns an HTTP request into the event API Gateway (HTTP API, payload format 2.0) hands a Lambda
 * proxy integration: {@code version}, {@code routeKey}, {@code rawPath}, {@code rawQueryString},
 * {@code cookies}, lower-cased {@code headers} (repeated headers joined with commas, the
 * {@code cookie} header moved to {@code cookies}), {@code queryStringParameters} (decoded, repeats
 * joined with commas), {@code pathParameters}, {@code requestContext} and the body, base64-encoded
 * unless its content type is text.
 */
public final class ApiGatewayEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern(
                    "dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /**
     * Where the API runs, for the parts of the event that describe the API rather than the request.
     *
     * @param accountId the account id in {@code requestContext}
     * @param apiId the API id in {@code requestContext}
     * @param stage the stage name ({@code $default} puts no prefix on paths)
     * @param port the port clients connected to (for {@code x-forwarded-port})
     */
    public record Api(String accountId, String apiId, String stage, int port) {}

    private ApiGatewayEvents() {}

    /** The event for {@code request} matched to {@code match}, with request id {@code requestId}. */
    public static ObjectNode event(HttpRequestData request, HttpRoutes.Match match, Api api, String requestId) {
        ObjectNode event = JSON.createObjectNode();
        String routeKey = match.route().routeKey();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery());

        Map<String, String> headers = headers(request, api, requestId);
        List<String> cookies = cookies(request);
        if (!cookies.isEmpty()) {
            ArrayNode list = event.putArray("cookies");
            cookies.forEach(list::add);
        }
        ObjectNode headerNode = event.putObject("headers");
        headers.forEach(headerNode::put);

        Map<String, String> query = queryParameters(request.rawQuery());
        if (!query.isEmpty()) {
            ObjectNode q = event.putObject("queryStringParameters");
            query.forEach(q::put);
        }
        event.set("requestContext", requestContext(request, routeKey, api, requestId, headers.get("host")));
        if (!match.pathParameters().isEmpty()) {
            ObjectNode p = event.putObject("pathParameters");
            match.pathParameters().forEach(p::put);
        }
        if (request.body().length > 0) {
            boolean text = isText(headers.get("content-type"), request.body());
            event.put(
                    "body",
                    text
                            ? new String(request.body(), StandardCharsets.UTF_8)
                            : Base64.getEncoder().encodeToString(request.body()));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /** Lower-cased header names, repeats joined with commas, plus what API Gateway adds in front of the function. */
    static Map<String, String> headers(HttpRequestData request, Api api, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : request.headers()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                continue;
            }
            headers.merge(name, h.getValue(), (a, b) -> a + "," + b);
        }
        headers.merge("x-forwarded-for", request.sourceIp(), (a, b) -> a + ", " + b);
        headers.put("x-forwarded-port", Integer.toString(api.port()));
        headers.put("x-forwarded-proto", "http");
        headers.putIfAbsent(
                "x-amzn-trace-id",
                "Root=1-" + Long.toHexString(request.receivedAt().getEpochSecond()) + "-"
                        + HexFormat.of().formatHex(randomBytes(12)));
        if (request.body().length > 0) {
            headers.putIfAbsent("content-length", Integer.toString(request.body().length));
        }
        return headers;
    }

    /** Every cookie of every {@code Cookie} header, one {@code name=value} per element. */
    static List<String> cookies(HttpRequestData request) {
        List<String> cookies = new ArrayList<>();
        request.headers().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("cookie"))
                .forEach(h -> {
                    for (String c : h.getValue().split(";")) {
                        if (!c.isBlank()) {
                            cookies.add(c.strip());
                        }
                    }
                });
        return cookies;
    }

    /** Decoded query parameters; a parameter given several times has its values joined with commas. */
    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.merge(name, value, (a, b) -> a + "," + b);
        }
        return out;
    }

    private static ObjectNode requestContext(
            HttpRequestData request, String routeKey, Api api, String requestId, String host) {
        ObjectNode ctx = JSON.createObjectNode();
        ctx.put("accountId", api.accountId());
        ctx.put("apiId", api.apiId());
        String domain = host == null ? "localhost" : host.replaceFirst(":\\d+$", "");
        ctx.put("domainName", domain);
        ctx.put("domainPrefix", domain.contains(".") ? domain.substring(0, domain.indexOf('.')) : domain);
        ObjectNode http = ctx.putObject("http");
        http.put("method", request.method().toUpperCase(Locale.ROOT));
        http.put("path", request.rawPath());
        http.put("protocol", request.protocol());
        http.put("sourceIp", request.sourceIp());
        String agent = request.header("user-agent");
        http.put("userAgent", agent == null ? "" : agent);
        ctx.put("requestId", requestId);
        ctx.put("routeKey", routeKey);
        ctx.put("stage", api.stage());
        ctx.put("time", REQUEST_TIME.format(request.receivedAt()));
        ctx.put("timeEpoch", request.receivedAt().toEpochMilli());
        return ctx;
    }

    /**
     * Whether API Gateway passes a body as text: JSON, XML, JavaScript and {@code text/*} types are
     * text; form posts, multipart and binary types are base64-encoded, as are bodies that are not
     * valid UTF-8 whatever their type.
     */
    static boolean isText(String contentType, byte[] body) {
        if (!validUtf8(body)) {
            return false;
        }
        if (contentType == null) {
            return true;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.startsWith("text/")
                || type.equals("application/json")
                || type.endsWith("+json")
                || type.equals("application/xml")
                || type.endsWith("+xml")
                || type.equals("application/javascript");
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static boolean validUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}

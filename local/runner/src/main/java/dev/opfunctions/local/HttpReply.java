package dev.opfunctions.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * An HTTP response the local gateway writes back, built the way API Gateway (HTTP API, payload
 * format 2.0) reads a Lambda proxy integration's result.
 *
 * @param status the HTTP status
 * @param headers header lines (a name may repeat, e.g. {@code set-cookie})
 * @param body the response body
 */
public record HttpReply(int status, List<Map.Entry<String, String>> headers, byte[] body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public HttpReply {
        headers = List.copyOf(headers);
    }

    /** A JSON reply with API Gateway's own error shape, e.g. {@code {"message":"Not Found"}}. */
    public static HttpReply gatewayError(int status, String message) {
        byte[] body = JSON.createObjectNode().put("message", message).toString().getBytes(StandardCharsets.UTF_8);
        return new HttpReply(status, List.of(Map.entry("content-type", "application/json")), body);
    }

    /** A JSON reply of the runner's own endpoints. */
    public static HttpReply json(int status, JsonNode body) {
        return new HttpReply(
                status,
                List.of(Map.entry("content-type", "application/json"), Map.entry("cache-control", "no-store")),
                body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a function's result. An object with {@code statusCode} is a proxy response: status,
     * {@code headers}, {@code cookies} (each becomes a {@code set-cookie}) and {@code body}, base64-decoded
     * when {@code isBase64Encoded}. Anything else is, as API Gateway infers for format 2.0, a 200 whose
     * JSON body is the result itself. A result that is not JSON fails like a misbehaving integration (502).
     */
    public static HttpReply fromFunctionResult(String payload) {
        JsonNode result;
        try {
            result = JSON.readTree(payload == null ? "" : payload);
        } catch (IOException e) {
            return gatewayError(502, "Internal Server Error");
        }
        if (result == null || result.isMissingNode()) {
            return new HttpReply(200, List.of(Map.entry("content-type", "application/json")), new byte[0]);
        }
        if (!result.isObject() || !result.has("statusCode")) {
            return new HttpReply(
                    200,
                    List.of(Map.entry("content-type", "application/json")),
                    result.toString().getBytes(StandardCharsets.UTF_8));
        }
        if (!result.get("statusCode").canConvertToInt()) {
            return gatewayError(502, "Internal Server Error");
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        JsonNode h = result.get("headers");
        if (h != null && h.isObject()) {
            h.properties()
                    .forEach(e -> headers.add(Map.entry(e.getKey(), e.getValue().asText())));
        }
        JsonNode cookies = result.get("cookies");
        if (cookies != null && cookies.isArray()) {
            cookies.forEach(c -> headers.add(Map.entry("set-cookie", c.asText())));
        }
        JsonNode body = result.get("body");
        byte[] bytes;
        if (body == null || body.isNull()) {
            bytes = new byte[0];
        } else if (result.path("isBase64Encoded").asBoolean(false)) {
            try {
                bytes = Base64.getDecoder().decode(body.asText());
            } catch (IllegalArgumentException e) {
                return gatewayError(502, "Internal Server Error");
            }
        } else {
            bytes = body.asText().getBytes(StandardCharsets.UTF_8);
        }
        return new HttpReply(result.get("statusCode").asInt(), headers, bytes);
    }

    /** The first value of a header, matched case-insensitively, or null. */
    public String header(String name) {
        return headers.stream()
                .filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}

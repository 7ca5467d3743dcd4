package dev.opfunctions.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response to send: status, headers and body bytes. */
public record HttpReply(int status, Map<String, String> headers, byte[] body) {

    public static HttpReply json(int status, Object value) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        return new HttpReply(status, headers, Json.stringify(value));
    }

    public static HttpReply html(int status, String page) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/html; charset=utf-8");
        headers.put("Cache-Control", "no-store");
        return new HttpReply(status, headers, page.getBytes(StandardCharsets.UTF_8));
    }

    public static HttpReply redirect(int status, String location) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Location", location);
        return new HttpReply(status, headers, new byte[0]);
    }

    public static HttpReply noContent() {
        return new HttpReply(204, new LinkedHashMap<>(), new byte[0]);
    }

    public HttpReply withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpReply(status, copy, body);
    }

    /** The body parsed as JSON (for tests and the admin API). */
    public JsonNode jsonBody() {
        return Json.parse(body, JsonNode.class);
    }
}

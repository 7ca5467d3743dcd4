package dev.opfunctions.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response to send: status, headers and body bytes. */
public record HttpReply(int status, Map<String, String> headers, byte[] body) {

    /**
     * A JSON answer written as a JS server's {@code JSON.stringify} writes it. Numbers are written the
     * way a JS number prints (the reference server holds nothing else), so no value can make the
     * rendering fail after a handler has done its work.
     */
    public static HttpReply json(int status, Object value) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        JsonNode tree = value instanceof JsonNode node ? node : Json.mapper().valueToTree(value);
        return new HttpReply(
                status, headers, Json.stringifyTree(tree == null ? Json.mapper().nullNode() : tree));
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

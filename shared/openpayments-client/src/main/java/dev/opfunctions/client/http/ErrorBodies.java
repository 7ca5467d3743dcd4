package dev.opfunctions.client.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.OpenPaymentsException;
import dev.opfunctions.client.json.Json;
import java.nio.charset.StandardCharsets;

/**
 * Reads an error answer. Both servers use {@code {"error":{"code":…,"description":…}}}: GNAP codes
 * such as {@code too_fast} from the AS, the status as a string from Rafiki's RS, and no code at all
 * when the AS's request validation refused the body.
 */
final class ErrorBodies {

    private static final int SNIPPET = 200;

    private ErrorBodies() {}

    static OpenPaymentsException toException(String method, String url, int status, byte[] body) {
        String code = null;
        String description = null;
        if (body != null && body.length > 0) {
            try {
                JsonNode error = Json.mapper().readTree(body).path("error");
                if (error.path("code").isValueNode()) code = error.path("code").asText();
                if (error.path("description").isValueNode())
                    description = error.path("description").asText();
            } catch (Exception notJson) {
                description = snippet(body);
            }
        }
        return OpenPaymentsException.http(method, url, status, code, description);
    }

    private static String snippet(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, SNIPPET), StandardCharsets.UTF_8)
                .replaceAll("\\p{Cntrl}", " ")
                .strip();
        return text.isEmpty() ? null : text;
    }
}

package dev.opfunctions.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Validates request bodies and query strings against the official Open Payments OpenAPI specs.
 * Paths are the spec's own (for example {@code /incoming-payments} or {@code /continue/abc}), not
 * the sandbox's mount points.
 */
public interface RequestValidator {

    /** Which of the three specs a request belongs to. */
    enum Api {
        AUTH_SERVER,
        RESOURCE_SERVER,
        WALLET_ADDRESS_SERVER
    }

    /** Problems with the body (empty list when valid). {@code body} is null when none was sent. */
    List<String> validateBody(Api api, String method, String specPath, JsonNode body);

    /** Problems with the query string (empty list when valid). */
    List<String> validateQuery(Api api, String method, String specPath, String rawQuery);
}

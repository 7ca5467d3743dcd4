package dev.opfunctions.client.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.OpenPaymentsException;
import java.net.http.HttpHeaders;

/**
 * A 2xx answer. Decoding goes through {@link ResponseDecoder}, so any spec breach becomes an
 * {@link OpenPaymentsException} of kind {@code INVALID_RESPONSE} naming the field.
 *
 * @param method the request method
 * @param url    the URL as sent on the wire
 */
public record ApiResponse(String method, String url, int status, HttpHeaders headers, byte[] body) {

    /** The body as a JSON tree; an empty or malformed body is an invalid response. */
    public JsonNode json() {
        return ResponseDecoder.tree(this);
    }

    /** The body decoded into {@code type}, with every model check applied. */
    public <T> T as(Class<T> type) {
        return ResponseDecoder.decode(this, type);
    }

    /** Requires the given status (e.g. 201 for creates), else an invalid response. */
    public ApiResponse expectStatus(int expected) {
        if (status != expected) throw invalid("$", "expected HTTP " + expected + ", got " + status);
        return this;
    }

    /** An {@code INVALID_RESPONSE} exception about this response. */
    public OpenPaymentsException invalid(String field, String problem) {
        return OpenPaymentsException.invalidResponse(method, url, status, field, problem);
    }

    @Override
    public String toString() {
        return "ApiResponse[" + method + " " + url + " -> " + status + ", " + (body == null ? 0 : body.length)
                + " bytes]";
    }
}

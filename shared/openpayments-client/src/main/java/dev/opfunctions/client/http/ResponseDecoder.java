package dev.opfunctions.client.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.OpenPaymentsException;
import dev.opfunctions.client.json.Json;
import dev.opfunctions.client.model.Amount;
import dev.opfunctions.client.model.InvalidFieldException;
import java.io.IOException;

/**
 * Turns response bodies into model objects, mapping every failure (malformed JSON, a missing or
 * mistyped field, a broken protocol rule checked by a model constructor) to an
 * {@code INVALID_RESPONSE} exception whose field is a JSON path such as {@code $.result[2].receivedAmount.value}.
 */
public final class ResponseDecoder {

    private ResponseDecoder() {}

    static JsonNode tree(ApiResponse r) {
        if (r.body() == null || r.body().length == 0) throw r.invalid("$", "a JSON body is required");
        try {
            JsonNode node = Json.mapper().readTree(r.body());
            if (node == null || node.isMissingNode()) throw r.invalid("$", "a JSON body is required");
            return node;
        } catch (IOException e) {
            throw r.invalid("$", "body is not JSON");
        }
    }

    public static <T> T decode(ApiResponse r, Class<T> type) {
        return decode(r, Json.mapper().constructType(type));
    }

    public static <T> T decode(ApiResponse r, JavaType type) {
        JsonNode node = tree(r);
        if (!node.isObject()) throw r.invalid("$", "must be a JSON object");
        try {
            return Json.mapper().treeToValue(node, type);
        } catch (JsonMappingException e) {
            throw translate(r, e);
        } catch (JsonProcessingException e) {
            throw r.invalid("$", e.getOriginalMessage());
        } catch (InvalidFieldException e) {
            throw r.invalid("$." + e.field(), e.problem());
        } catch (OpenPaymentsException e) {
            throw r.invalid("$." + e.field(), e.errorDescription());
        }
    }

    private static OpenPaymentsException translate(ApiResponse r, JsonMappingException e) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) path.append('.').append(ref.getFieldName());
            else if (ref.getIndex() >= 0)
                path.append('[').append(ref.getIndex()).append(']');
        }
        Throwable cause = e.getCause();
        if (cause instanceof InvalidFieldException f) {
            return r.invalid(path + "." + f.field(), f.problem());
        }
        if (cause instanceof OpenPaymentsException o && o.field() != null) {
            // Types shared with requests (access items, limits) refuse bad values as INVALID_REQUEST.
            return r.invalid(path + "." + o.field(), o.errorDescription());
        }
        if (cause instanceof Amount.InvalidAmountException a) {
            return r.invalid(path + "." + a.field(), a.getMessage());
        }
        String problem = e.getOriginalMessage();
        // Jackson's messages name Java types; keep the first line, which says what was wrong.
        int nl = problem == null ? -1 : problem.indexOf('\n');
        return r.invalid(path.toString(), nl < 0 ? problem : problem.substring(0, nl));
    }
}

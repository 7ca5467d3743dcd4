package dev.opfunctions.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.Problem;

/**
 * The one mapping from domain error codes to HTTP, and the error body every endpoint answers with:
 * {@code {"error":{"code":"INVALID_AMOUNT","message":"…"}}}.
 */
public final class HttpErrors {

    private HttpErrors() {}

    public static int status(ErrorCode code) {
        return switch (code) {
            case MALFORMED_JSON,
                    UNKNOWN_FIELD,
                    MISSING_FIELD,
                    INVALID_FIELD,
                    INVALID_AMOUNT,
                    INVALID_WALLET_ADDRESS,
                    WALLET_ADDRESS_NOT_ALLOWED,
                    RETURN_URL_NOT_ALLOWED,
                    INVALID_SPLIT,
                    INVALID_PLAN,
                    PLAN_TOO_LARGE,
                    INVALID_CALLBACK,
                    CALLBACK_NOT_EXPECTED -> 400;
            case ASSET_MISMATCH, WALLET_ADDRESS_NOT_FOUND -> 422;
            case BODY_TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case CHECKOUT_NOT_FOUND, ROUTE_NOT_FOUND, EVENT_NOT_FOUND -> 404;
            case ORDER_CONFLICT, CHECKOUT_NOT_CANCELLABLE, EVENT_BUSY, WEBHOOKS_DISABLED -> 409;
            case WALLET_REJECTED -> 502;
            case WALLET_UNAVAILABLE -> 503;
            case INTERNAL_ERROR -> 500;
        };
    }

    public static String body(Problem problem) {
        ObjectNode root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        root.putObject("error").put("code", problem.code().name()).put("message", problem.message());
        return root.toString();
    }
}

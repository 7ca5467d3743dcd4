package dev.opfunctions.client.http;

import java.util.Locale;
import java.util.Objects;

/**
 * One request as a resource class describes it; {@link OpenPaymentsHttp} turns it into bytes on the wire.
 *
 * @param method      HTTP method
 * @param url         absolute URL (from a server-given base such as {@code resourceServer}, never guessed)
 * @param accessToken GNAP access or continue token, sent as {@code Authorization: GNAP <token>}; {@code null} for none
 * @param body        value serialised once with {@code Json.stringify}; {@code null} for no body
 */
public record ApiRequest(String method, String url, String accessToken, Object body) {

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        method = method.toUpperCase(Locale.ROOT);
    }

    public static ApiRequest get(String url, String accessToken) {
        return new ApiRequest("GET", url, accessToken, null);
    }

    public static ApiRequest post(String url, String accessToken, Object body) {
        return new ApiRequest("POST", url, accessToken, body);
    }

    public static ApiRequest delete(String url, String accessToken) {
        return new ApiRequest("DELETE", url, accessToken, null);
    }

    @Override
    public String toString() {
        return "ApiRequest[" + method + " " + url + (accessToken == null ? "" : ", token=<redacted>")
                + (body == null ? "" : ", body") + "]";
    }
}

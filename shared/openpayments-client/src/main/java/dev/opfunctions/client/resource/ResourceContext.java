package dev.opfunctions.client.resource;

import com.fasterxml.jackson.databind.JavaType;
import dev.opfunctions.client.OpenPaymentsException;
import dev.opfunctions.client.http.ApiResponse;
import dev.opfunctions.client.http.OpenPaymentsHttp;
import dev.opfunctions.client.http.ResponseDecoder;
import dev.opfunctions.client.http.Sleeper;
import dev.opfunctions.client.http.Urls;
import dev.opfunctions.client.json.Json;
import java.time.Clock;
import java.util.Objects;

/**
 * What every resource class shares: the HTTP choke point, the clock, the sleeper (for grant
 * polling) and the client's own wallet address (the default grant {@code client}).
 *
 * @param clientWalletAddress the client's wallet address URL; {@code null} for a client that only reads public data
 */
public record ResourceContext(OpenPaymentsHttp http, Clock clock, Sleeper sleeper, String clientWalletAddress) {

    public ResourceContext {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Checks a URL the client is about to call (https unless local development), naming {@code field}. */
    String target(String url, String field) {
        return Urls.require(url, field, http.config().localDevelopment());
    }

    /** {@code base} (a server-given URL such as {@code resourceServer}) plus a path, without doubling the slash. */
    String join(String base, String field, String path) {
        String checked = target(base, field);
        return (checked.endsWith("/") ? checked.substring(0, checked.length() - 1) : checked) + path;
    }

    static <T> T decode(ApiResponse r, Class<T> type) {
        return ResponseDecoder.decode(r, type);
    }

    static <T> T decode(ApiResponse r, Class<?> generic, Class<?> parameter) {
        JavaType t = Json.mapper().getTypeFactory().constructParametricType(generic, parameter);
        return ResponseDecoder.decode(r, t);
    }

    static OpenPaymentsException invalidRequest(String field, String problem) {
        return OpenPaymentsException.invalidRequest(field, problem);
    }
}

package dev.opfunctions.local;

import dev.opfunctions.aws.local.SamTemplate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the template's API-key Lambda authorizer does (it is inline Python, which the Java runner does
 * not run): the request's identity-source header must equal the API key from Secrets Manager,
 * compared in constant time. As on API Gateway, a request without the header is refused before the
 * authorizer runs (401), a wrong key is 403.
 */
public final class ApiKeyAuthorizer {
    private static final String HEADER_SOURCE = "$request.header.";

    /** The outcome for one request: null when it may pass, else the gateway's error reply. */
    public record Decision(HttpReply refusal) {
        public boolean allowed() {
            return refusal == null;
        }
    }

    private final String headerName;
    private final Supplier<String> expectedKey;
    private volatile byte[] expected;

    /**
     * @param headerName the identity-source header, e.g. {@code x-api-key}
     * @param expectedKey reads the key (once, on the first request, like the authorizer's cold start)
     */
    public ApiKeyAuthorizer(String headerName, Supplier<String> expectedKey) {
        this.headerName = headerName;
        this.expectedKey = expectedKey;
    }

    /** The header named by the template's first {@code AWS::ApiGatewayV2::Authorizer} identity source. */
    public static Optional<String> identityHeader(SamTemplate template) {
        return template.propertiesOfType("AWS::ApiGatewayV2::Authorizer").values().stream()
                .map(p -> p.get("IdentitySource"))
                .filter(List.class::isInstance)
                .flatMap(l -> ((List<?>) l).stream())
                .map(String::valueOf)
                .filter(s -> s.startsWith(HEADER_SOURCE))
                .map(s -> s.substring(HEADER_SOURCE.length()))
                .findFirst();
    }

    /** The identity-source header name. */
    public String headerName() {
        return headerName;
    }

    /** Checks one request. */
    public Decision check(HttpRequestData request) {
        String supplied = request.header(headerName);
        if (supplied == null || supplied.isEmpty()) {
            return new Decision(HttpReply.gatewayError(401, "Unauthorized"));
        }
        byte[] key = expected;
        if (key == null) {
            key = expectedKey.get().getBytes(StandardCharsets.UTF_8);
            expected = key;
        }
        return MessageDigest.isEqual(supplied.getBytes(StandardCharsets.UTF_8), key)
                ? new Decision(null)
                : new Decision(HttpReply.gatewayError(403, "Forbidden"));
    }
}

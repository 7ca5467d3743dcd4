package dev.opfunctions.sandbox.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.keys.Jwk;
import dev.opfunctions.sandbox.http.ApiException;
import dev.opfunctions.sandbox.http.HttpCall;
import dev.opfunctions.sandbox.http.RequestValidator;
import dev.opfunctions.sandbox.http.SignatureVerification;
import java.util.List;

/**
 * The checks that run before every auth server route, in Rafiki's order: OpenAPI validation of the
 * body (400 without a GNAP code), then the HTTP signature with the client's key.
 */
final class AuthChecks {

    private final ClientResolver clients;
    private final SignatureVerification signatures;
    private final RequestValidator validator;
    private final boolean verify;
    private final boolean validate;

    AuthChecks(
            ClientResolver clients,
            SignatureVerification signatures,
            RequestValidator validator,
            boolean verify,
            boolean validate) {
        this.clients = clients;
        this.signatures = signatures;
        this.validator = validator;
        this.verify = verify;
        this.validate = validate;
    }

    /** The JSON body (null when none), validated against the auth server spec. */
    JsonNode body(HttpCall call, String specPath) {
        JsonNode body;
        try {
            body = call.json().orElse(null);
        } catch (HttpCall.MalformedBodyException e) {
            throw new ApiException.SpecViolation(e.getMessage());
        }
        if (validate) {
            List<String> problems =
                    validator.validateBody(RequestValidator.Api.AUTH_SERVER, call.method(), specPath, body);
            if (!problems.isEmpty()) throw new ApiException.SpecViolation(String.join("; ", problems));
        }
        return body;
    }

    /** Rafiki's {@code validateSignatureHeaders} step: 401 invalid_client "invalid signature headers". */
    void requireSignatureHeaders(HttpCall call, boolean needAuthorization) {
        if (!verify) return;
        if (!signatures.headersValid(call)
                || (needAuthorization && call.header("authorization").isEmpty())) {
            throw new ApiException.Gnap(401, "invalid_client", "invalid signature headers");
        }
    }

    /** Rafiki's {@code verifySigFromClient}: find the key by {@code keyid}, then verify. */
    void verifySignatureFrom(GrantClient client, HttpCall call) {
        if (!verify) return;
        String keyId = signatures
                .keyId(call)
                .orElseThrow(() -> new ApiException.Gnap(401, "invalid_client", "invalid signature input"));
        Jwk key = clients.key(client, keyId)
                .orElseThrow(() -> new ApiException.Gnap(400, "invalid_client", "could not determine client"));
        if (!signatures.verify(call, key)) {
            throw new ApiException.Gnap(401, "invalid_client", "invalid signature");
        }
    }

    /** The token of a {@code GNAP <token>} Authorization header, or null. */
    static String gnapToken(HttpCall call) {
        return call.header("authorization")
                .filter(h -> h.startsWith("GNAP "))
                .map(h -> h.substring("GNAP ".length()))
                .filter(t -> !t.isEmpty())
                .orElse(null);
    }
}

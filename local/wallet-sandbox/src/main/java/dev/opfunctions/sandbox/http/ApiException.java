package dev.opfunctions.sandbox.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.client.json.Json;
import java.util.Map;

/**
 * An error answer, thrown from deep inside a handler and turned into the exact body the reference
 * server gives at the edge. Each subtype is one of the wire formats.
 */
public abstract sealed class ApiException extends RuntimeException {

    private final int status;

    protected ApiException(int status, String description) {
        super(description);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The reply to send. */
    public abstract HttpReply reply();

    /** A GNAP error from the auth server: {@code {"error":{"code":…,"description":…}}}. */
    public static final class Gnap extends ApiException {
        private final String code;

        public Gnap(int status, String code, String description) {
            super(status, description);
            this.code = code;
        }

        public String code() {
            return code;
        }

        @Override
        public HttpReply reply() {
            ObjectNode error = Json.mapper().createObjectNode();
            error.putObject("error").put("code", code).put("description", getMessage());
            return HttpReply.json(status(), error);
        }
    }

    /**
     * A resource-server error, Rafiki style: {@code code} is the status as a string. 401 and 403
     * from the token check carry {@code WWW-Authenticate: GNAP as_uri=<auth server>}.
     */
    public static final class Resource extends ApiException {
        private final Map<String, Object> details;
        private final String asUri;

        public Resource(int status, String description) {
            this(status, description, null, null);
        }

        public Resource(int status, String description, Map<String, Object> details, String asUri) {
            super(status, description);
            this.details = details;
            this.asUri = asUri;
        }

        public Resource withAsUri(String authServer) {
            return new Resource(status(), getMessage(), details, authServer);
        }

        @Override
        public HttpReply reply() {
            ObjectNode body = Json.mapper().createObjectNode();
            ObjectNode error = body.putObject("error");
            error.put("code", Integer.toString(status())).put("description", getMessage());
            if (details != null && !details.isEmpty())
                error.set("details", Json.mapper().valueToTree(details));
            HttpReply reply = HttpReply.json(status(), body);
            return asUri == null ? reply : reply.withHeader("WWW-Authenticate", "GNAP as_uri=" + asUri);
        }
    }

    /** A request that failed OpenAPI validation at the auth server: 400 with a description and no code. */
    public static final class SpecViolation extends ApiException {
        public SpecViolation(String description) {
            super(400, description);
        }

        @Override
        public HttpReply reply() {
            ObjectNode body = Json.mapper().createObjectNode();
            body.putObject("error").put("description", getMessage());
            return HttpReply.json(400, body);
        }
    }
}

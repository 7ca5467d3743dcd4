package dev.opfunctions.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.openapi.OpenApiSpecs;
import dev.opfunctions.sandbox.http.OpenApiRequestValidator;
import java.util.List;

/** Assertions on the exact error bodies the reference server gives, and on spec-valid responses. */
final class Expect {

    private Expect() {}

    static void gnapError(OpClient.Reply reply, int status, String code, String description) {
        assertEquals(status, reply.status(), () -> "body: " + reply.body());
        assertEquals(code, reply.body().at("/error/code").asText(), () -> "body: " + reply.body());
        assertEquals(description, reply.body().at("/error/description").asText(), () -> "body: " + reply.body());
    }

    static void resourceError(OpClient.Reply reply, int status, String description) {
        assertEquals(status, reply.status(), () -> "body: " + reply.body());
        assertEquals(Integer.toString(status), reply.body().at("/error/code").asText(), () -> "body: " + reply.body());
        assertEquals(description, reply.body().at("/error/description").asText(), () -> "body: " + reply.body());
    }

    /** A 400 from OpenAPI validation at the auth server: a description and no code. */
    static void specViolation(OpClient.Reply reply) {
        assertEquals(400, reply.status(), () -> "body: " + reply.body());
        assertFalse(reply.body().at("/error/description").asText().isEmpty());
        assertTrue(reply.body().at("/error/code").isMissingNode(), () -> "no code expected: " + reply.body());
    }

    static void wwwAuthenticate(OpClient.Reply reply, String authServer) {
        assertEquals("GNAP as_uri=" + authServer, reply.header("WWW-Authenticate"));
    }

    private static OpenApiSpecs specs() {
        return OpenApiRequestValidator.load(null).specs();
    }

    static void validAuthResponse(String method, String specPath, OpClient.Reply reply) {
        List<String> problems = specs().authServer().validateResponse(method, specPath, reply.status(), reply.body());
        assertEquals(List.of(), problems, () -> "response " + reply.body());
    }

    static void validResourceResponse(String method, String specPath, OpClient.Reply reply) {
        List<String> problems =
                specs().resourceServer().validateResponse(method, specPath, reply.status(), reply.body());
        assertEquals(List.of(), problems, () -> "response " + reply.body());
    }
}

package dev.opfunctions.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiGatewayEventsTest {
    private static final ApiGatewayEvents.Api API = new ApiGatewayEvents.Api("000000000000", "local", "$default", 4000);
    private static final Instant AT = Instant.parse("2026-11-21T10:15:30.123Z");

    private static HttpRequestData request(
            String method, String path, String query, List<Map.Entry<String, String>> headers, String body) {
        return new HttpRequestData(
                method, path, query, headers, body.getBytes(StandardCharsets.UTF_8), "127.0.0.1", "HTTP/1.1", AT);
    }

    private static HttpRoutes.Match match(String routeKey, Map<String, String> parameters) {
        return new HttpRoutes.Match(new HttpRoute(routeKey, "Fn", HttpRoute.Authorization.NONE), parameters);
    }

    @Test
    void aJsonPostBecomesAPayload20EventWithTheBodyAsText() {
        HttpRequestData post = request(
                "POST",
                "/checkouts",
                "",
                List.of(
                        Map.entry("Content-Type", "application/json"),
                        Map.entry("Host", "localhost:4000"),
                        Map.entry("User-Agent", "curl/8")),
                "{\"orderId\":\"o-1\"}");

        JsonNode event = ApiGatewayEvents.event(post, match("POST /checkouts", Map.of()), API, "req-1");

        assertEquals("2.0", event.get("version").asText());
        assertEquals("POST /checkouts", event.get("routeKey").asText());
        assertEquals("/checkouts", event.get("rawPath").asText());
        assertEquals("", event.get("rawQueryString").asText());
        assertEquals("application/json", event.at("/headers/content-type").asText());
        assertEquals("localhost:4000", event.at("/headers/host").asText());
        assertEquals("17", event.at("/headers/content-length").asText());
        assertEquals("127.0.0.1", event.at("/headers/x-forwarded-for").asText());
        assertEquals("{\"orderId\":\"o-1\"}", event.get("body").asText());
        assertFalse(event.get("isBase64Encoded").asBoolean());
        assertFalse(event.has("queryStringParameters"), "absent, as API Gateway leaves it, when there is no query");
        assertFalse(event.has("pathParameters"));
        assertFalse(event.has("cookies"));
        JsonNode ctx = event.get("requestContext");
        assertEquals("POST", ctx.at("/http/method").asText());
        assertEquals("/checkouts", ctx.at("/http/path").asText());
        assertEquals("HTTP/1.1", ctx.at("/http/protocol").asText());
        assertEquals("127.0.0.1", ctx.at("/http/sourceIp").asText());
        assertEquals("curl/8", ctx.at("/http/userAgent").asText());
        assertEquals("req-1", ctx.get("requestId").asText());
        assertEquals("POST /checkouts", ctx.get("routeKey").asText());
        assertEquals("$default", ctx.get("stage").asText());
        assertEquals("localhost", ctx.get("domainName").asText());
        assertEquals("21/Nov/2026:10:15:30 +0000", ctx.get("time").asText());
        assertEquals(AT.toEpochMilli(), ctx.get("timeEpoch").asLong());
    }

    @Test
    void headersAreLowerCasedRepeatsJoinedAndCookiesMovedToTheirOwnField() {
        HttpRequestData get = request(
                "GET",
                "/checkouts/c-1",
                "",
                List.of(
                        Map.entry("Accept", "text/html"),
                        Map.entry("X-Tag", "a"),
                        Map.entry("x-tag", "b"),
                        Map.entry("Cookie", "session=abc; theme=dark"),
                        Map.entry("Cookie", "late=1")),
                "");

        JsonNode event = ApiGatewayEvents.event(get, match("GET /checkouts/{id}", Map.of("id", "c-1")), API, "req-2");

        assertEquals("a,b", event.at("/headers/x-tag").asText());
        assertEquals("text/html", event.at("/headers/accept").asText());
        assertFalse(event.get("headers").has("cookie"));
        assertEquals(
                List.of("session=abc", "theme=dark", "late=1"),
                List.of(
                        event.at("/cookies/0").asText(),
                        event.at("/cookies/1").asText(),
                        event.at("/cookies/2").asText()));
        assertEquals("c-1", event.at("/pathParameters/id").asText());
        assertFalse(event.has("body"));
    }

    @Test
    void queryParametersAreDecodedAndRepeatsJoinedWhileTheRawQueryIsKept() {
        HttpRequestData get =
                request("GET", "/finish/c-1", "hash=ab%2Bc%3D&interact_ref=R1&x=1&x=2&flag", List.of(), "");

        JsonNode event =
                ApiGatewayEvents.event(get, match("GET /finish/{checkoutId}", Map.of("checkoutId", "c-1")), API, "r");

        assertEquals(
                "hash=ab%2Bc%3D&interact_ref=R1&x=1&x=2&flag",
                event.get("rawQueryString").asText());
        assertEquals("ab+c=", event.at("/queryStringParameters/hash").asText());
        assertEquals("R1", event.at("/queryStringParameters/interact_ref").asText());
        assertEquals("1,2", event.at("/queryStringParameters/x").asText());
        assertEquals("", event.at("/queryStringParameters/flag").asText());
    }

    @Test
    void formPostsAndBinaryBodiesAreBase64Encoded() {
        HttpRequestData form = request(
                "POST",
                "/checkouts",
                "",
                List.of(Map.entry("Content-Type", "application/x-www-form-urlencoded")),
                "orderId=1");
        HttpRequestData binary = new HttpRequestData(
                "POST", "/upload", "", List.of(), new byte[] {(byte) 0xc3, 0x28}, "127.0.0.1", "HTTP/1.1", AT);

        JsonNode formEvent = ApiGatewayEvents.event(form, match("POST /checkouts", Map.of()), API, "r");
        JsonNode binaryEvent = ApiGatewayEvents.event(binary, match("POST /upload", Map.of()), API, "r");

        assertTrue(formEvent.get("isBase64Encoded").asBoolean());
        assertEquals(
                Base64.getEncoder().encodeToString("orderId=1".getBytes(StandardCharsets.UTF_8)),
                formEvent.get("body").asText());
        assertTrue(binaryEvent.get("isBase64Encoded").asBoolean(), "invalid UTF-8 is never passed as text");
    }

    @Test
    void theManagedRuntimesDeserializerReadsTheEventIntoApiGatewayV2HttpEvent() {
        HttpRequestData post = request(
                "POST",
                "/checkouts/c-9/cancel",
                "a=1",
                List.of(Map.entry("Content-Type", "application/json"), Map.entry("Cookie", "k=v")),
                "{}");
        String json = ApiGatewayEvents.event(
                        post, match("POST /checkouts/{id}/cancel", Map.of("id", "c-9")), API, "req-9")
                .toString();

        APIGatewayV2HTTPEvent event = LambdaEventSerializers.serializerFor(
                        APIGatewayV2HTTPEvent.class, getClass().getClassLoader())
                .fromJson(json);

        assertEquals("POST /checkouts/{id}/cancel", event.getRouteKey());
        assertEquals("/checkouts/c-9/cancel", event.getRawPath());
        assertEquals(Map.of("id", "c-9"), event.getPathParameters());
        assertEquals(Map.of("a", "1"), event.getQueryStringParameters());
        assertEquals(List.of("k=v"), event.getCookies());
        assertEquals("POST", event.getRequestContext().getHttp().getMethod());
        assertEquals("req-9", event.getRequestContext().getRequestId());
        assertEquals("{}", event.getBody());
        assertFalse(event.getIsBase64Encoded());
    }
}

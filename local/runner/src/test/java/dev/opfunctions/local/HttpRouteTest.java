package dev.opfunctions.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpRouteTest {
    private static HttpRoute route(String key) {
        return new HttpRoute(key, "Fn", HttpRoute.Authorization.NONE);
    }

    @Test
    void aVariableTakesOneWholeSegmentDecoded() {
        HttpRoute route = route("GET /checkouts/{id}");

        assertEquals(Optional.of(Map.of("id", "a b")), route.match("GET", "/checkouts/a%20b"));
        assertEquals(Optional.empty(), route.match("GET", "/checkouts/a/b"));
        assertEquals(Optional.empty(), route.match("GET", "/checkouts/"));
        assertEquals(Optional.empty(), route.match("GET", "/checkouts"));
    }

    @Test
    void theMethodMustMatchUnlessTheRouteSaysAny() {
        assertEquals(Optional.empty(), route("POST /checkouts").match("GET", "/checkouts"));
        assertTrue(route("ANY /checkouts").match("DELETE", "/checkouts").isPresent());
        assertTrue(route("POST /checkouts").match("post", "/checkouts").isPresent());
    }

    @Test
    void aGreedyVariableTakesTheRestOfThePath() {
        HttpRoute route = route("GET /files/{path+}");

        assertEquals(Optional.of(Map.of("path", "a/b/c.txt")), route.match("GET", "/files/a/b/c.txt"));
        assertEquals(Optional.empty(), route.match("GET", "/files"));
    }

    @Test
    void aPlusInAPathSegmentIsKept() {
        assertEquals(Optional.of(Map.of("id", "a+b")), route("GET /x/{id}").match("GET", "/x/a+b"));
    }

    @Test
    void theDefaultRouteTakesEverythingWithoutPathParameters() {
        assertEquals(Optional.of(Map.of()), route("$default").match("PATCH", "/anything/at/all"));
        assertEquals(Optional.of(Map.of()), route("$default").match("GET", "/"));
    }

    @Test
    void theMostSpecificRouteWins() {
        HttpRoutes routes = new HttpRoutes(List.of(
                route("$default"),
                route("ANY /checkouts/{id}"),
                route("GET /checkouts/{id}"),
                route("GET /checkouts/new"),
                route("GET /{proxy+}")));

        assertEquals(
                "GET /checkouts/new",
                routes.route("GET", "/checkouts/new").orElseThrow().route().routeKey());
        assertEquals(
                "GET /checkouts/{id}",
                routes.route("GET", "/checkouts/7").orElseThrow().route().routeKey());
        assertEquals(
                "ANY /checkouts/{id}",
                routes.route("PUT", "/checkouts/7").orElseThrow().route().routeKey());
        assertEquals(
                "GET /{proxy+}",
                routes.route("GET", "/other/path").orElseThrow().route().routeKey());
        assertEquals(
                "$default",
                routes.route("POST", "/other/path").orElseThrow().route().routeKey());
    }

    @Test
    void rejectsARouteKeyApiGatewayWouldReject() {
        assertThrows(IllegalArgumentException.class, () -> route("checkouts"));
        assertThrows(IllegalArgumentException.class, () -> route("GET checkouts"));
    }
}

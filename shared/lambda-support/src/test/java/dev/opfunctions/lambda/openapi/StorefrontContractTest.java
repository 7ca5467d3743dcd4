package dev.opfunctions.lambda.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.lambda.HttpResponses;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The check every handler and end-to-end test's answers go through: what it lets pass and what it refuses. */
class StorefrontContractTest {

    private static APIGatewayV2HTTPEvent request(String method, String path) {
        return APIGatewayV2HTTPEvent.builder()
                .withRawPath(path)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withStage("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(path)
                                .build())
                        .build())
                .build();
    }

    private static List<String> problems(String method, String path, APIGatewayV2HTTPResponse answer) {
        return StorefrontContract.problems(request(method, path), answer);
    }

    @Test
    void letsADocumentedErrorOfADocumentedStatusPass() {
        APIGatewayV2HTTPResponse notFound = HttpResponses.error(ErrorCode.CHECKOUT_NOT_FOUND, "no checkout abc");

        assertEquals(List.of(), problems("GET", "/checkouts/abc", notFound));
        assertEquals(notFound, StorefrontContract.check(request("GET", "/checkouts/abc"), notFound));
    }

    @Test
    void refusesAStatusTheRouteDoesNotDocument() {
        List<String> problems =
                problems("GET", "/checkouts/abc", HttpResponses.error(ErrorCode.CHECKOUT_NOT_CANCELLABLE, "not now"));

        assertEquals(List.of("status 409 is not documented for GET /checkouts/{id}"), problems);
    }

    @Test
    void refusesAnErrorCodeTheStatusDoesNotDocumentForTheRoute() {
        List<String> problems =
                problems("POST", "/checkouts", HttpResponses.error(ErrorCode.INVALID_CALLBACK, "not a callback"));

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("$.error.code"), problems.toString());
    }

    @Test
    void refusesABodyThatIsNotTheDocumentedSchema() {
        List<String> problems = problems("POST", "/checkouts", HttpResponses.json(201, "{\"id\":\"abc\"}"));

        assertTrue(problems.stream().anyMatch(p -> p.contains("status")), problems.toString());
    }

    @Test
    void refusesAnUndocumentedRouteUnlessTheFunctionRefusesItAsNotARoute() {
        APIGatewayV2HTTPResponse served = HttpResponses.json(200, "{}");
        APIGatewayV2HTTPResponse refused = HttpResponses.error(ErrorCode.ROUTE_NOT_FOUND, "no route GET /nowhere");

        assertEquals(1, problems("GET", "/nowhere", served).size());
        assertEquals(1, problems("PUT", "/checkouts/abc", served).size());
        assertEquals(1, problems("GET", "/v1/checkouts/abc", served).size(), "paths match whole, not by suffix");
        assertEquals(List.of(), problems("GET", "/nowhere", refused));
    }

    @Test
    void refusesAMediaTypeTheStatusDoesNotDocument() {
        APIGatewayV2HTTPResponse jsonRefusal = HttpResponses.error(ErrorCode.INVALID_CALLBACK, "bad hash");
        APIGatewayV2HTTPResponse page = HttpResponses.html(400, "This payment link cannot be used", "bad hash");

        assertEquals(1, problems("GET", "/finish/abc", jsonRefusal).size());
        assertEquals(List.of(), problems("GET", "/finish/abc", page));
    }

    @Test
    void refusesARedirectWithoutItsDocumentedLocation() {
        APIGatewayV2HTTPResponse noLocation = APIGatewayV2HTTPResponse.builder()
                .withStatusCode(302)
                .withHeaders(Map.of("Cache-Control", "no-store"))
                .build();

        assertEquals(List.of("the documented header Location is missing"), problems("GET", "/finish/abc", noLocation));
        assertEquals(List.of(), problems("GET", "/finish/abc", HttpResponses.redirect("https://shop.example/r")));
    }

    @Test
    void failsTheTestThatSeesABrokenAnswerNamingTheRequestAndTheProblem() {
        AssertionError e = assertThrows(
                AssertionError.class,
                () -> StorefrontContract.checked((APIGatewayV2HTTPEvent r) -> HttpResponses.json(418, "{}"))
                        .apply(request("DELETE", "/checkouts/abc")));

        assertTrue(e.getMessage().contains("DELETE /checkouts/abc"), e.getMessage());
        assertTrue(e.getMessage().contains("status 418 is not documented"), e.getMessage());
    }
}

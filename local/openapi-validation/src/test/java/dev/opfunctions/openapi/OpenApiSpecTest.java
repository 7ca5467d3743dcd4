package dev.opfunctions.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenApiSpecTest {

    private static final ObjectMapper M = new ObjectMapper();
    private final OpenApiSpec rs = TestSpecs.specs().resourceServer();
    private final OpenApiSpec as = TestSpecs.specs().authServer();
    private final OpenApiSpec was = TestSpecs.specs().walletAddressServer();

    private static JsonNode json(String text) {
        try {
            return M.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void assertOneErrorMentioning(List<String> errors, String... fragments) {
        assertEquals(1, errors.size(), () -> "errors: " + errors);
        for (String f : fragments) assertTrue(errors.get(0).contains(f), () -> "expected '" + f + "' in " + errors);
    }

    @Test
    void acceptsValidIncomingPaymentRequestOnPrefixedPath() {
        JsonNode body = json(
                "{'walletAddress':'https://ilp.example.com/alice','incomingAmount':{'value':'2500','assetCode':'USD','assetScale':2}}");

        assertEquals(List.of(), rs.validateRequest("POST", "https://ilp.example.com/tenant1/incoming-payments", body));
    }

    @Test
    void rejectsRequestMissingRequiredFieldNamingIt() {
        List<String> errors = rs.validateRequest(
                "POST",
                "/incoming-payments",
                json("{'incomingAmount':{'value':'1','assetCode':'USD','assetScale':2}}"));

        assertOneErrorMentioning(errors, "$", "walletAddress");
    }

    @Test
    void rejectsWrongTypeNamingTheFieldPath() {
        JsonNode body = json(
                "{'walletAddress':'https://ilp.example.com/alice','incomingAmount':{'value':2500,'assetCode':'USD','assetScale':2}}");

        assertOneErrorMentioning(
                rs.validateRequest("POST", "/incoming-payments", body), "$.incomingAmount.value", "string expected");
    }

    @Test
    void rejectsExtraFieldWhereAdditionalPropertiesIsFalse() {
        JsonNode body = json("{'walletAddress':'https://ilp.example.com/alice','amount':'12'}");

        assertOneErrorMentioning(rs.validateRequest("POST", "/incoming-payments", body), "amount", "not defined");
    }

    @Test
    void rejectsAmountAboveUint64Max() {
        JsonNode body = json(
                "{'walletAddress':'https://ilp.example.com/alice','incomingAmount':{'value':'18446744073709551616','assetCode':'USD','assetScale':2}}");

        assertOneErrorMentioning(
                rs.validateRequest("POST", "/incoming-payments", body), "$.incomingAmount.value", "uint64");
    }

    @Test
    void rejectsListItemWithFieldOutsideTheReferencedSchema() {
        JsonNode page = json(
                "{'pagination':{'hasNextPage':false,'hasPreviousPage':false},'result':[{'id':'https://rs.example/incoming-payments/1',"
                        + "'walletAddress':'https://rs.example/alice','completed':false,'receivedAmount':{'value':'0','assetCode':'USD','assetScale':2},"
                        + "'createdAt':'2024-01-01T00:00:00Z','surprise':1}]}");

        assertOneErrorMentioning(
                rs.validateResponse("GET", "/alice/incoming-payments", 200, page), "$.result[0]", "surprise");
    }

    @Test
    void matchesTheMostSpecificTemplateForConcretePaths() {
        assertEquals(
                "complete-incoming-payment",
                rs.findOperation("POST", "/t1/incoming-payments/abc/complete")
                        .orElseThrow()
                        .operationId());
        assertEquals(
                "get-incoming-payment",
                rs.findOperation("GET", "https://rs.example/t1/incoming-payments/abc?x=1")
                        .orElseThrow()
                        .operationId());
        assertEquals(
                "get-outgoing-payment-grant",
                rs.findOperation("GET", "/t1/outgoing-payment-grant")
                        .orElseThrow()
                        .operationId());
        assertEquals(
                "post-continue",
                as.findOperation("POST", "https://auth.example/continue/123")
                        .orElseThrow()
                        .operationId());
        assertEquals(
                "post-request",
                as.findOperation("POST", "https://auth.example/tenant-1")
                        .orElseThrow()
                        .operationId());
        assertEquals(
                "get-wallet-address-keys",
                was.findOperation("GET", "https://ilp.example/alice/jwks.json")
                        .orElseThrow()
                        .operationId());
        assertEquals(
                "get-wallet-address",
                was.findOperation("GET", "https://ilp.example/alice")
                        .orElseThrow()
                        .operationId());
        assertEquals(
                "get-quote",
                rs.findOperation("GET", "/quotes/{id}").orElseThrow().operationId());
    }

    @Test
    void throwsForAnOperationTheSpecDoesNotHave() {
        assertThrows(
                UnknownOperationException.class, () -> rs.validateRequest("DELETE", "/incoming-payments/abc", null));
    }

    @Test
    void requiresABodyOnlyWhereTheSpecDoes() {
        assertOneErrorMentioning(rs.validateRequest("POST", "/incoming-payments", null), "required");
        assertEquals(List.of(), as.validateRequest("POST", "/continue/abc", null), "polling a grant has no body");
        assertEquals(List.of(), as.validateRequest("POST", "/continue/abc", json("{'interact_ref':'r'}")));
    }

    @Test
    void rejectsUndeclaredResponseStatusAndAcceptsEmptyDeclaredOne() {
        assertOneErrorMentioning(rs.validateResponse("POST", "/incoming-payments", 200, json("{}")), "status 200");
        assertEquals(List.of(), as.validateResponse("DELETE", "/continue/abc", 204, null));
    }

    @Test
    void validatesErrorResponsesThroughComponentRefs() {
        assertEquals(
                List.of(),
                rs.validateResponse(
                        "GET", "/quotes/q1", 404, json("{'error':{'code':'404','description':'Not found'}}")));
        assertOneErrorMentioning(
                rs.validateResponse("GET", "/quotes/q1", 404, json("{'error':{'code':'404'}}")), "description");
    }

    @Test
    void acceptsGrantResponsesOfBothShapesAndRejectsAHybridMissingContinue() {
        JsonNode pending = json(
                "{'interact':{'redirect':'https://auth.example/i/1','finish':'n'},'continue':{'access_token':{'value':'c'},'uri':'https://auth.example/continue/1','wait':5}}");
        JsonNode broken = json("{'interact':{'redirect':'https://auth.example/i/1','finish':'n'}}");

        assertEquals(List.of(), as.validateResponse("POST", "https://auth.example/", 200, pending));
        assertTrue(as.validateResponse("POST", "https://auth.example/", 200, broken).stream()
                .anyMatch(e -> e.contains("continue")));
    }

    @Test
    void validatesListQueryParameters() {
        assertEquals(
                List.of(),
                rs.validateQuery(
                        "GET",
                        "/alice/incoming-payments?wallet-address=https%3A%2F%2Frs.example%2Falice&first=10&cursor=abc",
                        null));
        assertEquals(
                List.of("query.wallet-address: required query parameter is missing"),
                rs.validateQuery("GET", "/incoming-payments", "first=10"));
        assertOneErrorMentioning(
                rs.validateQuery("GET", "/outgoing-payments", "wallet-address=w&first=0"), "query.first", "minimum");
        assertOneErrorMentioning(
                rs.validateQuery("GET", "/outgoing-payments", "wallet-address=w&first=ten"), "query.first", "integer");
        assertOneErrorMentioning(
                rs.validateQuery("GET", "/outgoing-payments", "wallet-address=w&page=2"), "query.page", "undeclared");
    }

    @Test
    void rejectsGrantRequestWithUnknownActionOrStrayAccessField() {
        JsonNode badAction = json(
                "{'access_token':{'access':[{'type':'quote','actions':['list']}]},'client':{'walletAddress':'https://ilp.example/shop'}}");
        JsonNode stray = json(
                "{'access_token':{'access':[{'type':'quote','actions':['create'],'limits':{}}]},'client':{'walletAddress':'https://ilp.example/shop'}}");
        JsonNode good = json(
                "{'access_token':{'access':[{'type':'quote','actions':['create','read']}]},'client':{'walletAddress':'https://ilp.example/shop'}}");

        assertEquals(List.of(), as.validateRequest("POST", "https://auth.example/", good));
        assertTrue(as.validateRequest("POST", "https://auth.example/", badAction).stream()
                .anyMatch(e -> e.contains("$.access_token.access[0]")));
        assertTrue(as.validateRequest("POST", "https://auth.example/", stray).stream()
                .anyMatch(e -> e.contains("limits")));
    }
}

package dev.opfunctions.lambda.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.aws.local.SamTemplate;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code openapi.yaml}'s operations against the routes {@code template.yaml} creates on the HTTP API:
 * the same route keys, public exactly where the template leaves a route open, and the routes the
 * template creates only on a protected API said to be absent with {@code ApiAuthMode=NONE}.
 */
class OpenApiRoutesTest {

    /** Route key -> the route resource of template.yaml. */
    private static final Map<String, Map<String, Object>> TEMPLATE_ROUTES = new TreeMap<>();

    @BeforeAll
    static void readTemplate() {
        SamTemplate template = SamTemplate.load(Path.of(System.getProperty("repo.root"), "template.yaml"));
        template.resources().forEach((id, resource) -> {
            Map<String, Object> r = SamTemplate.asMap(resource);
            if ("AWS::ApiGatewayV2::Route".equals(r.get("Type")))
                TEMPLATE_ROUTES.put(
                        String.valueOf(SamTemplate.asMap(r.get("Properties")).get("RouteKey")), r);
        });
    }

    @Test
    void documentsExactlyTheRoutesOfTheTemplate() {
        assertFalse(TEMPLATE_ROUTES.isEmpty(), "template.yaml has routes");
        assertEquals(
                new TreeSet<>(TEMPLATE_ROUTES.keySet()),
                new TreeSet<>(StorefrontOpenApi.routeKeys()),
                "template.yaml's RouteKeys vs openapi.yaml's operations");
    }

    @Test
    void aRouteIsPublicInTheDocumentExactlyWhenTheTemplateLeavesItOpenWhateverTheAuthMode() {
        TreeMap<String, Boolean> publicInTemplate = new TreeMap<>();
        TreeMap<String, Boolean> publicInDocument = new TreeMap<>();
        TEMPLATE_ROUTES.forEach((key, route) -> {
            // The protected routes' AuthorizationType is an Fn::If on ApiAuthMode; only a literal NONE is always open.
            publicInTemplate.put(
                    key,
                    "NONE".equals(SamTemplate.asMap(route.get("Properties")).get("AuthorizationType")));
            JsonNode security = StorefrontOpenApi.operation(key).get("security");
            publicInDocument.put(key, security != null && security.isEmpty());
        });

        assertEquals(publicInTemplate, publicInDocument, "route -> public (security: [] in openapi.yaml)");
        assertEquals(2, StorefrontOpenApi.spec().document().path("security").size(), "IAM or API key by default");
    }

    @Test
    void theRoutesOnlyAProtectedApiHasSaySoInTheDocument() {
        TEMPLATE_ROUTES.forEach((key, route) -> {
            if ("ApiIsProtected".equals(route.get("Condition")))
                assertTrue(
                        StorefrontOpenApi.operation(key)
                                .path("description")
                                .asText()
                                .contains("ApiAuthMode=NONE"),
                        key + " exists only when ApiAuthMode is not NONE; its description must say so");
        });
    }
}

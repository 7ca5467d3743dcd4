package dev.opfunctions.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every request and response example the three specs carry must pass their own operation's schema. */
class SpecExamplesTest {

    private static final OpenApiSpecs SPECS = TestSpecs.specs();

    @Test
    void everyOperationExampleValidatesAgainstItsSchema() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (OpenApiSpec spec : List.of(SPECS.authServer(), SPECS.resourceServer(), SPECS.walletAddressServer())) {
            JsonNode paths = spec.document().path("paths");
            for (var path : (Iterable<Map.Entry<String, JsonNode>>) paths::fields) {
                for (var op : (Iterable<Map.Entry<String, JsonNode>>) path.getValue()::fields) {
                    String method = op.getKey().toUpperCase();
                    if (method.equals("PARAMETERS")) continue;
                    JsonNode reqExamples = op.getValue()
                            .path("requestBody")
                            .path("content")
                            .path("application/json")
                            .path("examples");
                    for (var ex : (Iterable<Map.Entry<String, JsonNode>>) reqExamples::fields) {
                        checked++;
                        String label = spec.title() + " " + method + " " + path.getKey() + " request " + ex.getKey();
                        record(
                                failures,
                                label,
                                spec.validateRequest(
                                        method, path.getKey(), ex.getValue().get("value")));
                    }
                    for (var resp : (Iterable<Map.Entry<String, JsonNode>>)
                            op.getValue().path("responses")::fields) {
                        JsonNode examples = resp.getValue()
                                .path("content")
                                .path("application/json")
                                .path("examples");
                        for (var ex : (Iterable<Map.Entry<String, JsonNode>>) examples::fields) {
                            if (!ex.getValue().has("value")) continue;
                            checked++;
                            String label = spec.title() + " " + method + " " + path.getKey() + " " + resp.getKey() + " "
                                    + ex.getKey();
                            record(
                                    failures,
                                    label,
                                    spec.validateResponse(
                                            method,
                                            path.getKey(),
                                            Integer.parseInt(resp.getKey()),
                                            ex.getValue().get("value")));
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(31, checked, "the 1.3.0 specs carry 31 operation examples");
    }

    private static void record(List<String> failures, String label, List<String> errors) {
        if (!errors.isEmpty()) failures.add(label + " -> " + errors);
    }
}

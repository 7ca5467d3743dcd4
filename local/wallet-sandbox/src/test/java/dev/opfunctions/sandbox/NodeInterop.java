package dev.opfunctions.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the stdin/stdout interop scripts of {@code local/node/interop} (the official
 * Interledger packages) on a batch of cases and returns the result of each, in order.
 */
final class NodeInterop {

    private NodeInterop() {}

    static List<JsonNode> run(String script, List<?> cases) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("node", "interop/" + script)
                .directory(NodeScenario.nodeDir().toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(Json.stringify(java.util.Map.of("cases", cases)));
        }
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("node interop/" + script + " failed: " + new String(out));
        }
        List<JsonNode> results = new java.util.ArrayList<>();
        for (JsonNode r : Json.mapper().readTree(out).get("results")) {
            if (r.has("error"))
                throw new IllegalStateException(
                        "case " + r.get("id") + ": " + r.get("error").asText());
            results.add(r);
        }
        return results;
    }
}

package dev.opfunctions.client.json;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the scripts in {@code local/node/interop} under the {@code node} on PATH: JSON in on stdin,
 * JSON out on stdout. Interop tests batch all their cases into one call, so one Node process per class.
 */
public final class NodeScript {

    private static final long TIMEOUT_SECONDS = 60;

    private NodeScript() {}

    /** {@code repo.root/local/node}, after checking that {@code bin/node-deps} has installed the packages. */
    public static Path nodeDir() {
        String root = System.getProperty("repo.root");
        if (root == null || root.isBlank()) {
            fail("system property repo.root is not set; run the tests through Maven (surefire sets it)");
        }
        Path dir = Path.of(root, "local", "node");
        if (!Files.isRegularFile(dir.resolve("node_modules/@interledger/http-signature-utils/package.json"))) {
            fail("the npm packages are not installed in " + dir + "/node_modules: run bin/node-deps");
        }
        return dir;
    }

    /** Runs {@code interop/<script>} on {@code {"cases":[…]}} and returns the results by case id. */
    public static Map<String, JsonNode> runCases(String script, Iterable<? extends JsonNode> cases) {
        ObjectNode input = Json.mapper().createObjectNode();
        cases.forEach(input.withArray("cases")::add);
        JsonNode output = run(script, input);
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode result : output.get("results")) {
            if (result.has("error")) {
                fail("node " + script + " failed on case " + result.get("id").asText() + ": "
                        + result.get("error").asText());
            }
            byId.put(result.get("id").asText(), result);
        }
        return byId;
    }

    /** Runs {@code interop/<script>} with {@code input} on stdin; the parsed stdout. */
    public static JsonNode run(String script, JsonNode input) {
        Path dir = nodeDir();
        Process process;
        try {
            process = new ProcessBuilder("node", "interop/" + script)
                    .directory(dir.toFile())
                    .start();
        } catch (IOException e) {
            return fail("cannot start node (is Node.js 18+ on PATH?): " + e.getMessage());
        }
        CompletableFuture<byte[]> stdout = readAsync(process.getInputStream());
        CompletableFuture<byte[]> stderr = readAsync(process.getErrorStream());
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(Json.mapper().writeValueAsBytes(input));
        } catch (IOException e) {
            process.destroyForcibly();
            return fail("writing to node " + script + " failed: " + e.getMessage() + "; stderr: " + text(stderr));
        }
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail("node " + script + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                return fail("node " + script + " exited with " + process.exitValue() + ": " + text(stderr));
            }
            return Json.mapper().readTree(stdout.get());
        } catch (Exception e) {
            return fail("node " + script + " gave no JSON: " + e.getMessage() + "; stderr: " + text(stderr));
        }
    }

    /** A thread of its own per stream, so a full stderr pipe can never stall stdout. */
    private static CompletableFuture<byte[]> readAsync(InputStream in) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (in) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                result.complete(out.toByteArray());
            } catch (IOException e) {
                result.complete(new byte[0]);
            }
        });
        return result;
    }

    private static String text(CompletableFuture<byte[]> stream) {
        try {
            return new String(stream.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        } catch (Exception e) {
            return "(unavailable)";
        }
    }
}

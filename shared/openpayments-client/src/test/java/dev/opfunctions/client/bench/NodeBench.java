package dev.opfunctions.client.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.json.Json;
import dev.opfunctions.client.json.NodeScript;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/** The Node side of the benchmark, kept alive so that its rounds can alternate with Java's. */
final class NodeBench implements AutoCloseable {

    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;
    private final String version;

    NodeBench(JsonNode config) throws IOException {
        process = new ProcessBuilder("node", "interop/bench-signatures.mjs")
                .directory(NodeScript.nodeDir().toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        version = exchange(Json.mapper().writeValueAsString(config)).get("node").asText();
    }

    String version() {
        return version;
    }

    /** Runs {@code op} ("sign", "verify", "grant") for {@code ms} milliseconds in Node; its ops per second. */
    double round(String op, int ms) throws IOException {
        return exchange("{\"op\":\"" + op + "\",\"ms\":" + ms + "}")
                .get("opsPerSec")
                .asDouble();
    }

    private JsonNode exchange(String line) throws IOException {
        in.write(line);
        in.write('\n');
        in.flush();
        String answer = out.readLine();
        if (answer == null) {
            throw new IOException("node bench-signatures.mjs stopped (see its stderr above)");
        }
        return Json.mapper().readTree(answer);
    }

    @Override
    public void close() throws IOException {
        in.close();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
        }
    }
}

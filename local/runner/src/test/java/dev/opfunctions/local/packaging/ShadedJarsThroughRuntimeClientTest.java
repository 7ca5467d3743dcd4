package dev.opfunctions.local.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.aws.local.InvocationResult;
import dev.opfunctions.aws.local.LambdaRuntimeApi;
import dev.opfunctions.aws.local.RicProcess;
import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.aws.local.testing.LocalServersExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each function's shaded jar, alone on the class path, run by the real runtime interface client in
 * a fresh JVM with exactly the template's environment (pointed at local servers), started as a
 * SnapStart function so the runtime client itself runs the priming hook before its snapshot call:
 * every sample event in events/ named after the function gets a real
 * response, not an init or class-loading error; priming completes without a failed step (it signs
 * with BouncyCastle, the one minimized dependency) and without writing to the table or queue or
 * reading the client-key secret; and the function's log is JSON lines carrying the request id and,
 * where the event names one, the checkout id.
 */
@ExtendWith(LocalServersExtension.class)
class ShadedJarsThroughRuntimeClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CHECKOUT_PATH = Pattern.compile(".*/(?:checkouts|finish)/([A-Za-z0-9-]+)");
    private static LocalBackends backends;

    @BeforeAll
    static void up(LocalServers servers) throws Exception {
        backends = new LocalBackends(servers);
    }

    static Stream<TemplateFunctions.Function> functions() {
        return TemplateFunctions.load().functions().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void shadedJarAnswersItsSampleEventsThroughTheRuntimeInterfaceClient(TemplateFunctions.Function f)
            throws Exception {
        List<Path> samples = samples(f);
        assertFalse(samples.isEmpty(), "no sample event in events/ named " + f.name() + "-*.json");
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Map<String, String> env = new HashMap<>(backends.environment(f));
        env.put(
                "AWS_LAMBDA_INITIALIZATION_TYPE",
                "snap-start"); // the runtime client runs the CRaC hooks, then asks to be snapshotted
        RicProcess.Spec spec =
                new RicProcess.Spec(f.name(), f.handler(), List.of(f.jar()), env, 1024, List.of(), line -> {
                    lines.add(line);
                    System.out.println("[" + f.name() + "] " + line);
                });

        int itemsBefore = backends.items().size();
        int messagesBefore = backends.messages("PaymentCommandsQueue");
        int secretReadsBefore = backends.secrets.getSecretValueCalls();
        try (LambdaRuntimeApi api = LambdaRuntimeApi.start(f.name(), Duration.ofSeconds(60));
                RicProcess ric = RicProcess.start(spec, api)) {
            api.restored().get(60, TimeUnit.SECONDS);
            api.firstPoll().get(60, TimeUnit.SECONDS);
            // The runtime client ran the handler's beforeCheckpoint hook (priming) before it asked for the
            // snapshot: priming wrote nothing, sent nothing and never read the real client-key secret.
            assertEquals(itemsBefore, backends.items().size(), f.name() + " priming wrote to the table");
            assertEquals(
                    messagesBefore, backends.messages("PaymentCommandsQueue"), f.name() + " priming sent a message");
            assertEquals(
                    secretReadsBefore,
                    backends.secrets.getSecretValueCalls(),
                    f.name() + " priming read the client-key secret");
            for (Path sample : samples) {
                InvocationResult result = api.invoke(Files.readString(sample), Duration.ofSeconds(90));
                if (!(result instanceof InvocationResult.Success ok)) {
                    throw new AssertionError(f.name() + " " + sample.getFileName() + " answered " + result);
                }
                JsonNode payload = JSON.readTree(ok.payload());
                for (TemplateFunctions.Trigger trigger : f.triggers()) {
                    switch (trigger) {
                        case HTTP_API -> assertTrue(payload.path("statusCode").asInt() >= 200, sample + ": " + payload);
                        case SQS -> assertTrue(payload.path("batchItemFailures").isArray(), sample + ": " + payload);
                        case SCHEDULE -> {}
                    }
                }
                if (sample.getFileName().toString().contains("malformed"))
                    assertEquals(400, payload.path("statusCode").asInt(), payload.toString());
                assertLinesNameTheCheckout(
                        lines,
                        ok.requestId(),
                        JSON.readTree(Files.readString(sample)).path("rawPath").asText());
            }
            assertTrue(ric.isAlive(), f.name() + "'s runtime stopped");
        }

        List<JsonNode> log = jsonLines(lines);
        JsonNode primed = log.stream()
                .filter(l -> l.path("message").asText().equals("primed"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(f.name() + " logged no priming summary: " + lines));
        assertEquals("0", primed.path("failed").asText(), f.name() + " priming steps failed: " + lines);
        assertTrue(
                log.stream()
                        .anyMatch(l -> !l.path("function_request_id").asText().isEmpty()),
                f.name() + " logged nothing inside an invocation: " + lines);
    }

    /** Every line an invocation logged carries the checkout id its path names (when it names one). */
    private static void assertLinesNameTheCheckout(List<String> lines, String requestId, String rawPath) {
        Matcher m = CHECKOUT_PATH.matcher(rawPath);
        if (!m.matches()) return;
        List<JsonNode> invocation = jsonLines(lines).stream()
                .filter(l -> requestId.equals(l.path("function_request_id").asText()))
                .toList();
        assertFalse(invocation.isEmpty(), "nothing logged for request " + requestId + ": " + lines);
        invocation.forEach(l -> assertEquals(m.group(1), l.path("checkout_id").asText(), l.toString()));
    }

    private static List<Path> samples(TemplateFunctions.Function f) throws IOException {
        try (Stream<Path> files = Files.list(backends.template.repoRoot().resolve("events"))) {
            return files.filter(p -> p.getFileName().toString().startsWith(f.name() + "-")
                            || p.getFileName().toString().equals(f.name() + ".json"))
                    .sorted()
                    .toList();
        }
    }

    static List<JsonNode> jsonLines(List<String> lines) {
        List<JsonNode> out = new ArrayList<>();
        synchronized (lines) {
            for (String line : lines) {
                if (!line.startsWith("{")) continue;
                try {
                    out.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new AssertionError("a log line that starts like JSON is not JSON: " + line);
                }
            }
        }
        return out;
    }
}

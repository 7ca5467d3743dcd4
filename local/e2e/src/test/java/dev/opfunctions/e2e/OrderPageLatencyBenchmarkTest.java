package dev.opfunctions.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.local.LocalProduct;
import dev.opfunctions.local.RunnerSettings;
import dev.opfunctions.local.Storefront;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How long a person waits on the demo order page between approving at the wallet and reading
 * "Payment completed": the whole runner (real functions, the template's table, queues and routes, the
 * wallet sandbox with its 5 s continue wait and its asynchronous settlement) and headless Chromium
 * buying {@code benchmark.runs} times (default 20) in the storefront, approving only after the grant's
 * wait has passed, as a person reading the consent page would. Prints {@code BENCHMARK} lines: p50 and
 * p95 (after two purchases that warm the functions up) of approval → the page showing the final state (a stamp taken inside the page), and of the part
 * the functions take (the checkout's own history: consent-granted → checkout-completed), so what the
 * page's following adds shows as the difference. The page follows as it decides ({@code follow.js}): by
 * the events the storefront receives as webhooks and pushes to it when the runner gives the storefront a
 * webhook secret, else by polling; each run prints which ({@code push} or {@code poll}), and
 * {@code -Dbenchmark.follow=poll} makes it poll (the shop's config rewritten to name no stream) to compare. Never a timed assertion.
 *
 * <p>{@code bin/jdk21 mvn -B -o -pl local/e2e -am verify -Dit.test=OrderPageLatencyBenchmarkTest
 * -Dbenchmark=true -Dfailsafe.failIfNoSpecifiedTests=false -Dtest=none}; needs Chromium and
 * {@code bin/node-deps}. {@code -Dbenchmark.mode=split} pays seller and marketplace instead;
 * {@code -Dbenchmark.env=SETTLE_LOOKS_MS=none} passes a variable to every function.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class OrderPageLatencyBenchmarkTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path REPO =
            Path.of(System.getProperty("repo.root")).toAbsolutePath().normalize();
    private static final Path NODE_DIR = REPO.resolve("local/node");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GRANT_WAIT_SECONDS = 5;
    /** Purchases before the measured ones, not counted: the functions' first invocations load and compile their code. */
    private static final int WARM_UP = 2;

    @Test
    void approvalToPaymentCompletedOnTheOrderPage() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), "needs Chromium at " + CHROMIUM);
        assertTrue(Files.isDirectory(NODE_DIR.resolve("node_modules/playwright-core")), "run bin/node-deps");
        int runs = Integer.getInteger("benchmark.runs", 20);
        String mode = System.getProperty("benchmark.mode", "one-time");
        String follow = System.getProperty("benchmark.follow", "page");
        Map<String, String> env = environment(System.getProperty("benchmark.env", ""));

        RunnerSettings settings = RunnerSettings.defaults(REPO).withPort(0).withSandbox(0, GRANT_WAIT_SECONDS);
        List<Double> page = new ArrayList<>();
        List<Double> functions = new ArrayList<>();
        List<String> notCompleted = new ArrayList<>();
        Map<String, Integer> followedBy = new java.util.TreeMap<>();
        try (LocalProduct product = LocalProduct.start(settings, env)) {
            // Enough for every purchase: the sandbox customer starts with a few orders' worth.
            product.sandbox().admin().fund(product.sandbox().walletAddressUrl("customer"), 100_000_000L);
            System.out.println("BENCHMARK order page: the storefront "
                    + (StorefrontBrowserTest.webhooksConfigured(product)
                            ? "receives webhooks, so the page can follow by push"
                            : "has no webhook secret, so the page polls")
                    + (follow.equals("poll") ? "; polling forced (-Dbenchmark.follow=poll)" : ""));
            List<JsonNode> all = runBrowser(product.baseUrl() + "/", WARM_UP + runs, mode, follow);
            assertEquals(WARM_UP + runs, all.size(), all.toString());
            for (JsonNode r : all.subList(WARM_UP, all.size())) {
                if (!r.path("error").isMissingNode()
                        || !"completed".equals(r.path("state").asText())) {
                    notCompleted.add(r.toString());
                    continue;
                }
                double shown = (r.get("shownAt").asLong() - r.get("approvedAt").asLong()) / 1000.0;
                page.add(shown);
                String how = r.path("follow").asText("unknown");
                followedBy.merge(how, 1, Integer::sum);
                double inFunctions =
                        functionsSeconds(checkout(product, r.get("checkoutId").asText()));
                functions.add(inFunctions);
                System.out.printf(
                        "BENCHMARK order page run %d: approval -> shown %.2f s by %s (consent-granted -> completed %.2f s)%n",
                        r.get("n").asInt(), shown, how, inFunctions);
            }
        }
        assertTrue(notCompleted.isEmpty(), "every purchase completes: " + notCompleted);
        String what = runs + " " + mode + " purchases, the page following by " + followedBy + ", grant wait "
                + GRANT_WAIT_SECONDS + " s"
                + (env.isEmpty() ? "" : ", " + env);
        System.out.printf(
                "BENCHMARK order page approval -> \"Payment completed\": p50 %.2f s, p95 %.2f s, max %.2f s (%s)%n",
                percentile(page, 50), percentile(page, 95), percentile(page, 100), what);
        System.out.printf(
                "BENCHMARK functions consent-granted -> checkout-completed: p50 %.2f s, p95 %.2f s, max %.2f s (%s)%n",
                percentile(functions, 50), percentile(functions, 95), percentile(functions, 100), what);
    }

    /** Nearest rank: the smallest value with at least {@code p} % of the values at or below it. */
    static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** From the checkout's history: the finish callback's write to the write that completed it. */
    private static double functionsSeconds(JsonNode checkout) {
        Function<String, Instant> at = type -> {
            for (JsonNode e : checkout.get("history")) {
                if (type.equals(e.get("type").asText()))
                    return Instant.parse(e.get("at").asText());
            }
            throw new AssertionError("no " + type + " in " + checkout.get("history"));
        };
        return Duration.between(at.apply("consent-granted"), at.apply("checkout-completed"))
                        .toMillis()
                / 1000.0;
    }

    private static Map<String, String> environment(String spec) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        for (String pair : spec.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0)
                env.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return env;
    }

    private static JsonNode checkout(LocalProduct product, String id) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(product.baseUrl() + Storefront.API_PREFIX + "/checkouts/" + id))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static List<JsonNode> runBrowser(String storefront, int runs, String mode, String follow) throws Exception {
        Path script = REPO.resolve("local/e2e/src/test/node/order-page-latency.mjs");
        ProcessBuilder pb = new ProcessBuilder("node", script.toString()).directory(NODE_DIR.toFile());
        pb.environment()
                .putAll(Map.of(
                        "STOREFRONT_URL", storefront,
                        "NODE_DIR", NODE_DIR.toString(),
                        "CHROMIUM", CHROMIUM.toString(),
                        "RUNS", Integer.toString(runs),
                        "MODE", mode,
                        "FOLLOW", follow,
                        "GRANT_WAIT_MS", Integer.toString(GRANT_WAIT_SECONDS * 1000)));
        File out = Files.createTempFile("order-latency-out", ".txt").toFile();
        File err = Files.createTempFile("order-latency-err", ".txt").toFile();
        Process node = pb.redirectOutput(out).redirectError(err).start();
        boolean finished = node.waitFor(runs * 60L, TimeUnit.SECONDS);
        if (!finished) node.destroyForcibly();
        String stdout = Files.readString(out.toPath(), StandardCharsets.UTF_8);
        String stderr = Files.readString(err.toPath(), StandardCharsets.UTF_8);
        assertTrue(finished, "the browser run timed out\n" + stdout + stderr);
        List<JsonNode> results = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.startsWith("RUN ")) results.add(JSON.readTree(line.substring(4)));
        }
        return results;
    }
}

package dev.opfunctions.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The storefront's {@code follow.js} (pushed events, else polling) under Node's own test runner:
 * {@code src/test/node/follow-module.mjs} drives a stand-in EventSource. Needs {@code node} on PATH (no
 * npm packages); without it the test fails in CI (CI=true) and is skipped elsewhere.
 */
class FollowModuleTest {
    private static final Path REPO =
            Path.of(System.getProperty("repo.root")).toAbsolutePath().normalize();

    @Test
    void theOrderPageReadsOncePerPushedEventAndPollsOnlyWhenTheStreamIsRefused() throws Exception {
        Path module = REPO.resolve("local/runner/src/main/resources/storefront/follow.js");
        Path script = REPO.resolve("local/runner/src/test/node/follow-module.mjs");
        File out = Files.createTempFile("follow-module", ".txt").toFile();
        ProcessBuilder pb = new ProcessBuilder("node", "--test", script.toString())
                .redirectErrorStream(true)
                .redirectOutput(out);
        pb.environment().put("FOLLOW_JS", module.toString());
        Process node;
        try {
            node = pb.start();
        } catch (IOException e) {
            assertTrue(!"true".equals(System.getenv("CI")), "CI must have node on PATH: " + e.getMessage());
            assumeTrue(false, "skipped: no node on PATH (" + e.getMessage() + ")");
            return;
        }
        boolean finished = node.waitFor(60, TimeUnit.SECONDS);
        if (!finished) node.destroyForcibly();
        String report = Files.readString(out.toPath(), StandardCharsets.UTF_8);

        assertTrue(finished, "node --test finished within 60 s\n" + report);
        assertEquals(0, node.exitValue(), report);
        long tests = Files.readAllLines(script).stream()
                .filter(l -> l.startsWith("test("))
                .count();
        assertTrue(report.contains("# pass " + tests) && report.contains("# fail 0"), report);
    }
}

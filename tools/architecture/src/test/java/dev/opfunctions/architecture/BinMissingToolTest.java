package dev.opfunctions.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bin/ command whose tool is missing says so in one line naming the fix, and exits 1. */
class BinMissingToolTest {

    private static final Path REPO = Path.of(System.getProperty("repo.root"));

    @Test
    void nodeDepsWithoutNpmIsOneLineSayingWhatToInstall(@TempDir Path bare) throws Exception {
        // Only what the script itself needs besides npm, so npm is missing whatever this machine has.
        Files.createSymbolicLink(bare.resolve("dirname"), Path.of("/usr/bin/dirname"));
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", "bin/node-deps").directory(REPO.toFile());
        pb.environment().put("PATH", bare.toString());

        Process p = pb.start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(1, p.exitValue(), err);
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.startsWith("node-deps: npm not found") && err.contains("Node.js"), err);
    }
}

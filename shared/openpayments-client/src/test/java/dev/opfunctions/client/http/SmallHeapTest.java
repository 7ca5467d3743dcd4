package dev.opfunctions.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.client.http.Answers.Framing;
import dev.opfunctions.client.testing.RawServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 200 MB answer in a JVM whose heap could not hold it (48 MB): the client ends with the refusal, not
 * with an OutOfMemoryError; reading the same answer whole, as {@code java.net.http}'s byte-array handler
 * does, runs out of memory there.
 */
class SmallHeapTest {

    private record Ended(int exitCode, String output) {}

    @TempDir
    Path dir;

    private Ended runChild(String mode, String url) throws Exception {
        Path output = dir.resolve(mode + ".out");
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(
                        java,
                        "-Xmx48m",
                        "-XX:+UseSerialGC",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-cp",
                        System.getProperty("java.class.path"),
                        SmallHeapClient.class.getName(),
                        mode,
                        url)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) p.destroyForcibly().waitFor();
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertTrue(ended, "the child JVM did not end within 60 s: " + text);
        return new Ended(p.exitValue(), text);
    }

    @Test
    void aTwoHundredMegabyteAnswerIsRefusedInASmallHeap() throws Exception {
        try (RawServer server = new RawServer(Answers.huge(Framing.UNTIL_CLOSE, Answers.MB_200))) {
            Ended child = runChild("client", server.base() + "/alice");

            assertEquals(0, child.exitCode(), child.output());
            assertTrue(
                    child.output().contains("refused RESPONSE_TOO_LARGE")
                            && child.output().contains("answered with more than 1 MiB"),
                    child.output());
        }
    }

    @Test
    void readingTheSameAnswerWholeRunsOutOfMemoryInThatHeap() throws Exception {
        try (RawServer server = new RawServer(Answers.huge(Framing.UNTIL_CLOSE, Answers.MB_200))) {
            Ended child = runChild("jdk", server.base() + "/alice");

            assertEquals(3, child.exitCode(), child.output());
            assertTrue(child.output().contains("OutOfMemoryError"), child.output());
        }
    }
}

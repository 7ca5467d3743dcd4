package dev.opfunctions.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.client.http.Answers.Framing;
import dev.opfunctions.client.testing.RawServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A 200 MB answer in a JVM whose heap could not hold it (48 MB): the client ends with the refusal, not
 * with an OutOfMemoryError; reading the same answer whole, as {@code java.net.http}'s byte-array handler
 * does, runs out of memory there.
 */
class SmallHeapTest {

    private record Ended(int exitCode, String output) {}

    private static Ended runChild(String mode, String url) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(
                        java,
                        "-Xmx48m",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        SmallHeapClient.class.getName(),
                        mode,
                        url)
                .redirectErrorStream(true)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end");
        return new Ended(p.exitValue(), new String(out, StandardCharsets.UTF_8));
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

            assertTrue(List.of(child.output().split("\\R")).contains("OutOfMemoryError"), child.output());
        }
    }
}

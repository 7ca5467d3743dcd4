package dev.opfunctions.aws.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * moto_speed.py changes how moto's DynamoDB finds and writes answers, never what they are: the same
 * series of requests (moto_speed_answers.py) must get the same answers, status, headers and body, from
 * moto as shipped and from moto with the speed-ups. The oracle is moto's own code path.
 */
class MotoSpeedTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void answersEveryRequestOfTheSeriesExactlyAsMotoAsShippedDoes(@TempDir Path dir) throws Exception {
        copy("/dev/opfunctions/aws/local/moto_speed.py", dir);
        copy("/dev/opfunctions/aws/local/moto_speed_answers.py", dir);

        JsonNode stock = answers(dir, "stock");
        JsonNode fast = answers(dir, "fast");

        assertEquals(59, stock.size(), "the series is the one the test was written for");
        for (int i = 0; i < stock.size(); i++)
            assertEquals(
                    stock.get(i),
                    fast.get(i),
                    "answer " + i + " (" + stock.get(i).path("operation") + ")");
    }

    private static JsonNode answers(Path dir, String mode) throws IOException, InterruptedException {
        String python = MotoPython.candidates().stream().findFirst().orElseThrow();
        Path out = dir.resolve(mode + ".json");
        Process p = new ProcessBuilder(python, "moto_speed_answers.py", mode)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(
                        dir.resolve(mode + ".err").toFile()))
                .start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), mode + " run did not finish within 120 s");
        assertEquals(
                0,
                p.exitValue(),
                mode + " run failed:\n" + Files.readString(dir.resolve(mode + ".err"), StandardCharsets.UTF_8));
        return JSON.readTree(out.toFile());
    }

    private static void copy(String resource, Path dir) throws IOException {
        try (InputStream in = MotoSpeedTest.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is not on the test classpath");
            Files.copy(in, dir.resolve(Path.of(resource).getFileName()));
        }
    }
}

package dev.opfunctions.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything written to System.out while open (the log4j appender follows System.out, and the
 * metrics write to it), still echoed to the real stdout so a failing test shows its log.
 */
public final class CapturedOutput implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream original = System.out;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    public CapturedOutput() {
        System.setOut(new PrintStream(new TeeStream(buffer, original), true, StandardCharsets.UTF_8));
    }

    public String text() {
        System.out.flush();
        synchronized (buffer) {
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }

    /** The JSON lines written so far (other lines are skipped). */
    public List<JsonNode> jsonLines() {
        List<JsonNode> out = new ArrayList<>();
        for (String line : text().split("\n")) {
            if (!line.startsWith("{")) continue;
            try {
                out.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + line, e);
            }
        }
        return out;
    }

    /** The log lines with this message. */
    public List<JsonNode> withMessage(String message) {
        return jsonLines().stream()
                .filter(l -> message.equals(l.path("message").asText()))
                .toList();
    }

    @Override
    public void close() {
        System.out.flush();
        System.setOut(original);
    }

    private static final class TeeStream extends java.io.OutputStream {
        private final ByteArrayOutputStream buffer;
        private final PrintStream echo;

        TeeStream(ByteArrayOutputStream buffer, PrintStream echo) {
            this.buffer = buffer;
            this.echo = echo;
        }

        @Override
        public void write(int b) {
            synchronized (buffer) {
                buffer.write(b);
            }
            echo.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (buffer) {
                buffer.write(b, off, len);
            }
            echo.write(b, off, len);
        }
    }
}

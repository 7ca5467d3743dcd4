package dev.opfunctions.sandbox.hostile;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.sandbox.http.HttpReply;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/** How each {@link Lie.Act} turns an honest answer (or none) into the lie. */
public final class Tells {

    private static final int CHUNK = 64 * 1024;

    private Tells() {}

    /** The streamed answer for acts whose body cannot be held in memory, or null. */
    public static StreamedAnswer streamed(Lie.Act act) {
        return switch (act) {
            case Lie.Oversized o -> answer(out -> oversized(out, o.bytes()));
            case Lie.Trickle t -> answer(out -> trickle(out, t.every().toMillis()));
            default -> null;
        };
    }

    /** The canned answer of an act that answers without processing, or null. */
    public static HttpReply before(Lie.Act act) {
        return act instanceof Lie.Answer a ? new HttpReply(a.status(), a.headers(), a.body()) : null;
    }

    /** The honest answer of a processed request, as the act tells it. */
    public static HttpReply after(Lie.Act act, HttpReply honest) {
        return switch (act) {
            case Lie.RewriteJson r -> rewrite(honest, r.values());
            case Lie.ReplaceText r -> {
                String body = new String(honest.body(), StandardCharsets.UTF_8);
                for (Map.Entry<String, String> e : r.replacements().entrySet())
                    body = body.replace(e.getKey(), e.getValue());
                yield new HttpReply(honest.status(), honest.headers(), body.getBytes(StandardCharsets.UTF_8));
            }
            case Lie.StatusAfterCommit s ->
                HttpReply.json(
                        s.status(), Map.of("error", Map.of("code", "bad_gateway", "description", "Bad Gateway")));
            default -> honest;
        };
    }

    private static HttpReply rewrite(HttpReply honest, Map<String, String> values) {
        // Only a successful JSON answer carries the fields a client would trust; errors pass unchanged.
        if (honest.status() / 100 != 2 || honest.body().length == 0) return honest;
        JsonNode tree = honest.jsonBody();
        for (Map.Entry<String, String> e : values.entrySet()) {
            JsonPointer p = JsonPointer.compile(e.getKey());
            JsonNode parent = tree.at(p.head());
            if (parent instanceof ObjectNode o) o.put(p.last().getMatchingProperty(), e.getValue());
        }
        return HttpReply.json(honest.status(), tree);
    }

    private interface Body {
        void write(OutputStream out) throws IOException, InterruptedException;
    }

    private static StreamedAnswer answer(Body body) {
        return new StreamedAnswer() {
            @Override
            public int status() {
                return 200;
            }

            @Override
            public Map<String, String> headers() {
                return Map.of("Content-Type", "application/json");
            }

            @Override
            public void writeTo(OutputStream out) throws IOException, InterruptedException {
                body.write(out);
            }
        };
    }

    /** A document that starts well and never gets to its closing quote within {@code bytes}. */
    private static void oversized(OutputStream out, long bytes) throws IOException {
        byte[] head = "{\"id\":\"".getBytes(StandardCharsets.US_ASCII);
        out.write(head);
        byte[] chunk = new byte[CHUNK];
        Arrays.fill(chunk, (byte) 'a');
        for (long left = bytes - head.length; left > 0; left -= CHUNK) {
            out.write(chunk, 0, (int) Math.min(CHUNK, left));
        }
    }

    /** One space at a time (valid JSON whitespace), until the client hangs up or the server stops. */
    private static void trickle(OutputStream out, long everyMillis) throws IOException, InterruptedException {
        out.write('{');
        out.flush();
        while (!Thread.currentThread().isInterrupted()) {
            Thread.sleep(everyMillis);
            out.write(' ');
            out.flush();
        }
    }
}

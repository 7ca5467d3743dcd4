package dev.opfunctions.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The order page's server-sent events ({@code GET /orders/{checkoutId}/stream}): first what the
 * storefront already received for the checkout (after {@code Last-Event-ID}, when the browser
 * reconnects), then each new verified webhook as it arrives. Each event's {@code id} is the webhook's
 * sequence and its data the webhook's JSON on one line; a comment every {@code keepAlive} keeps proxies
 * from closing a quiet stream.
 *
 * <p>Two ways to serve it. {@link #stream} writes for as long as the page listens, flushing each event
 * (for a server that hands over the response stream). {@link #reply} fits a server that only sends
 * whole responses: it answers as soon as there is something to send, or after {@code keepAlive} with a
 * comment, and asks the browser to reconnect at once ({@code retry}); with {@code Last-Event-ID}
 * nothing is lost between two responses, and an event waits for at most one reconnection.
 */
final class OrderStream {
    static final List<Map.Entry<String, String>> HEADERS = List.of(
            Map.entry("content-type", "text/event-stream"),
            Map.entry("cache-control", "no-store"),
            Map.entry("x-content-type-options", "nosniff"));

    /** How soon a browser reconnects after a whole-response answer ends (a held stream rarely breaks). */
    static final long REPLY_RETRY_MS = 200;

    static final long STREAM_RETRY_MS = 2000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StorefrontWebhooks webhooks;
    private final Duration keepAlive;

    OrderStream(StorefrontWebhooks webhooks, Duration keepAlive) {
        this.webhooks = webhooks;
        this.keepAlive = keepAlive;
    }

    /** One whole response: what is there to send now, else the first new event or a keep-alive comment. */
    HttpReply reply(String checkoutId, String lastEventId) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            serve(checkoutId, lastEventId, out, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return new HttpReply(200, HEADERS, out.toByteArray());
    }

    /**
     * Writes the stream to {@code out} until the page goes away (a write fails), the thread is
     * interrupted (the server stops), or the page fell too far behind (it reconnects and catches up).
     */
    void stream(String checkoutId, String lastEventId, OutputStream out) throws IOException {
        try {
            serve(checkoutId, lastEventId, out, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(String checkoutId, String lastEventId, OutputStream out, boolean held)
            throws IOException, InterruptedException {
        long after = sequenceAfter(lastEventId);
        try (Subscription s = webhooks.subscribe(checkoutId)) {
            write(out, "retry: " + (held ? STREAM_RETRY_MS : REPLY_RETRY_MS) + "\n\n");
            boolean sent = false;
            for (ReceivedWebhook e : s.past()) {
                if (e.sequence() > after) {
                    write(out, event(e));
                    sent = true;
                }
            }
            if (!held && sent) {
                drain(s, out);
                return;
            }
            while (!s.overflowed()) {
                ReceivedWebhook e = s.next(keepAlive);
                if (e == null) {
                    write(out, ": keep-alive\n\n");
                } else {
                    write(out, event(e));
                }
                if (!held) {
                    drain(s, out);
                    return;
                }
            }
        }
    }

    private static void drain(Subscription s, OutputStream out) throws IOException {
        for (ReceivedWebhook e = s.nextNow(); e != null; e = s.nextNow()) {
            write(out, event(e));
        }
    }

    /** The webhook as one event: its JSON re-written on one line, since a data line ends at a line break. */
    static String event(ReceivedWebhook e) throws IOException {
        return "id: " + e.sequence() + "\ndata: " + JSON.readTree(e.body()).toString() + "\n\n";
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Events with a higher sequence than the browser's {@code Last-Event-ID} (all, when it has none). */
    private static long sequenceAfter(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return Long.MIN_VALUE;
        }
        try {
            return Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }
}

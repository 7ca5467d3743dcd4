package dev.opfunctions.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts SQS requests as AWS bills them (every API action is a request; a send or receive is one
 * request per 64 KB of payload), seen by a {@link MeteringProxy} in front of the local SQS that both
 * the functions and the runner's event source mappings reach (AWS bills the mappings' requests to the
 * account too). The functions only send; receives and deletes are the mappings'. A receive that comes
 * back empty is counted apart: Lambda's pollers make those all the time whether or not anything
 * happens, so they are a fixed cost, not a checkout's.
 */
final class SqsMeter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 64 * 1024;

    /**
     * A message sent with a delay of this much or more is not waited for (a delayed plan retry can wait
     * up to SQS's 15 minutes); shorter delays (re-checks, an installment's charge at its due time) are
     * part of the work a phase waits for.
     */
    static final Duration FAR = Duration.ofMinutes(2);

    /**
     * Requests so far: billed ones of the functions and of the event source mappings, idle polls, and
     * messages sent with a delay of {@link #FAR} or more (delivered after the phase, not metered).
     */
    record Usage(long functionRequests, long eventSourceRequests, long emptyReceives, long farDelayed) {
        long billed() {
            return functionRequests + eventSourceRequests;
        }

        Usage minus(Usage o) {
            return new Usage(
                    functionRequests - o.functionRequests,
                    eventSourceRequests - o.eventSourceRequests,
                    emptyReceives - o.emptyReceives,
                    farDelayed - o.farDelayed);
        }
    }

    private final LongAdder functions = new LongAdder();
    private final LongAdder eventSources = new LongAdder();
    private final LongAdder emptyReceives = new LongAdder();
    private final LongAdder farDelayed = new LongAdder();
    private final AtomicReference<Instant> nearDelayedDue = new AtomicReference<>(Instant.EPOCH);

    Usage usage() {
        return new Usage(functions.sum(), eventSources.sum(), emptyReceives.sum(), farDelayed.sum());
    }

    /** When the last message sent with a delay shorter than {@link #FAR} becomes visible. */
    Instant nearDelayedDue() {
        return nearDelayedDue.get();
    }

    /** The proxy's handler. */
    MeteringProxy.Handler handler() {
        return (target, body, upstream) -> {
            MeteringProxy.Reply reply = upstream.forward();
            String action = target.substring(target.indexOf('.') + 1);
            LongAdder counter =
                    action.equals("ReceiveMessage") || action.startsWith("DeleteMessage") ? eventSources : functions;
            long payload = 0;
            if (action.startsWith("Send")) {
                JsonNode request = JSON.readTree(body);
                payload = payloadBytes(request, action);
                if (action.equals("SendMessage")) delayed(request);
                else request.path("Entries").forEach(this::delayed);
            }
            if (action.equals("ReceiveMessage") && reply.ok()) {
                JsonNode messages = JSON.readTree(reply.body()).path("Messages");
                if (messages.isEmpty()) {
                    emptyReceives.increment();
                    return reply;
                }
                for (JsonNode m : messages) payload += utf8(m.path("Body").asText());
            }
            counter.add(Math.max(1, (payload + CHUNK - 1) / CHUNK));
            return reply;
        };
    }

    private void delayed(JsonNode message) {
        Duration delay = Duration.ofSeconds(message.path("DelaySeconds").asLong(0));
        if (delay.compareTo(FAR) >= 0) {
            farDelayed.increment();
        } else if (!delay.isZero()) {
            Instant due = Instant.now().plus(delay);
            nearDelayedDue.accumulateAndGet(due, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    private static long payloadBytes(JsonNode request, String action) throws IOException {
        if (action.equals("SendMessage"))
            return utf8(request.path("MessageBody").asText());
        long total = 0;
        for (JsonNode entry : request.path("Entries"))
            total += utf8(entry.path("MessageBody").asText());
        return total;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}

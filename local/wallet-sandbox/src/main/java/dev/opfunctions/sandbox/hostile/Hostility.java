package dev.opfunctions.sandbox.hostile;

import dev.opfunctions.sandbox.http.HttpCall;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The lies in force for every provider's requests, and a log of every request the providers
 * received (so a test can prove a foreign server was never called). With no lie added the
 * sandbox answers honestly; the log only records.
 */
public final class Hostility {

    /** One request as a provider received it. */
    public record Request(String provider, String method, String targetUri, Instant at) {}

    /** The log keeps the latest requests only, so a long chaos run cannot exhaust memory. */
    private static final int LOG_LIMIT = 200_000;

    private static final class Active {
        Lie lie;
        int told;

        Active(Lie lie) {
            this.lie = lie;
        }
    }

    private final List<Active> lies = new ArrayList<>();
    private final Deque<Request> log = new ArrayDeque<>();

    /** Adds a lie; the first matching lie with budget left is told. */
    public synchronized Hostility add(Lie lie) {
        if (lie.act() == null) throw new IllegalArgumentException("a lie needs an act: " + lie);
        lies.add(new Active(lie));
        return this;
    }

    public synchronized void clear() {
        lies.clear();
    }

    /** How many times lies were told, summed. */
    public synchronized int toldCount() {
        return lies.stream().mapToInt(a -> a.told).sum();
    }

    /** Records a request and returns the act to tell it, or null to answer honestly. */
    public synchronized Lie.Act receive(String provider, HttpCall call, Instant at) {
        if (log.size() == LOG_LIMIT) log.removeFirst();
        log.add(new Request(provider, call.method(), call.targetUri(), at));
        String body = lies.isEmpty() ? "" : new String(call.body(), StandardCharsets.UTF_8);
        for (Active a : lies) {
            if (!a.lie.matches(provider, call.method(), call.path(), body)) continue;
            a.told++;
            if (a.lie.times() > 0) a.lie = a.lie.times(a.lie.times() - 1);
            return a.lie.act();
        }
        return null;
    }

    /** The requests {@code provider} received, oldest first. */
    public synchronized List<Request> requests(String provider) {
        return new ArrayList<>(
                log.stream().filter(r -> r.provider().equals(provider)).toList());
    }
}

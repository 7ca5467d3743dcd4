package dev.opfunctions.local.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * bin/bench-load's options.
 *
 * @param checkouts checkouts of each kind per concurrency level (one-time, split, installment plans)
 * @param latencyMs latency the wallet sandbox adds to every wallet call
 * @param concurrency the levels: customers in flight at once, and as many execution environments per function
 * @param consentWaitSeconds the sandbox's GNAP {@code continue.wait}; customers approve after it
 * @param eventBus whether deliver-events also puts every event on an EventBridge bus (the template's
 *     {@code EventBusName}, empty by default; the local runner otherwise names {@code default})
 */
record BenchOptions(int checkouts, int latencyMs, List<Integer> concurrency, int consentWaitSeconds, boolean eventBus) {

    static BenchOptions defaults() {
        return new BenchOptions(6, 100, List.of(1, 4), 1, false);
    }

    static String usage() {
        return """
                Usage: bin/bench-load [--checkouts N] [--latency-ms MS] [--concurrency 1,4] [--consent-wait S] [--event-bus]
                  --checkouts N       checkouts of each kind per level: N one-time, N split, N installment plans (6)
                  --latency-ms MS     latency added to every wallet call by the sandbox (100)
                  --concurrency L,..  levels: customers in flight and environments per function (1,4)
                  --consent-wait S    the sandbox's continue.wait; customers approve after it (1)
                  --event-bus         events also go to an EventBridge bus, priced per event (off, as the
                                      template's EventBusName default; webhooks are always on)
                """;
    }

    static boolean helpRequested(String[] args) {
        return List.of(args).contains("--help") || List.of(args).contains("-h");
    }

    static BenchOptions parse(String[] args) {
        BenchOptions o = defaults();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--event-bus")) {
                o = new BenchOptions(o.checkouts, o.latencyMs, o.concurrency, o.consentWaitSeconds, true);
                continue;
            }
            if (i + 1 >= args.length) throw new IllegalArgumentException(name + " needs a value");
            String value = args[++i];
            o = switch (name) {
                case "--checkouts" ->
                    new BenchOptions(
                            bounded(name, value, 1, 500), o.latencyMs, o.concurrency, o.consentWaitSeconds, o.eventBus);
                case "--latency-ms" ->
                    new BenchOptions(
                            o.checkouts,
                            bounded(name, value, 0, 10_000),
                            o.concurrency,
                            o.consentWaitSeconds,
                            o.eventBus);
                case "--concurrency" ->
                    new BenchOptions(o.checkouts, o.latencyMs, levels(value), o.consentWaitSeconds, o.eventBus);
                case "--consent-wait" ->
                    new BenchOptions(o.checkouts, o.latencyMs, o.concurrency, bounded(name, value, 0, 30), o.eventBus);
                default -> throw new IllegalArgumentException("unknown option " + name);
            };
        }
        return o;
    }

    private static List<Integer> levels(String value) {
        List<Integer> levels = new ArrayList<>();
        for (String part : value.split(",")) levels.add(bounded("--concurrency", part.strip(), 1, 32));
        return List.copyOf(levels);
    }

    private static int bounded(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) throw new IllegalArgumentException(name + " must be " + min + ".." + max);
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a whole number, not " + value);
        }
    }
}

package dev.opfunctions.sandbox.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The fault rules in force for every provider's requests. Shares are applied deterministically
 * (a share of 0.25 fails exactly every fourth matching request), so tests do not flake.
 */
public final class Faults {

    /** What to do to one request. */
    public record Plan(Duration latency, Integer errorStatus, Duration timeout, boolean dropAfterCommit) {
        static final Plan NONE = new Plan(Duration.ZERO, null, null, false);

        public boolean isNone() {
            return this.equals(NONE);
        }
    }

    private static final class Active {
        FaultRule rule;
        long seen;
        int fired;

        Active(FaultRule rule) {
            this.rule = rule;
        }
    }

    private final List<Active> rules = new ArrayList<>();

    /** Adds a rule; rules apply together (latencies add up). */
    public synchronized Faults add(FaultRule rule) {
        rules.add(new Active(rule));
        return this;
    }

    public synchronized void clear() {
        rules.clear();
    }

    public synchronized List<FaultRule> rules() {
        return rules.stream().map(a -> a.rule).toList();
    }

    /** How many times rules have fired, summed, for tests that assert a fault happened. */
    public synchronized int firedCount() {
        return rules.stream().mapToInt(a -> a.fired).sum();
    }

    /** Decides what happens to one request, consuming rule budgets. */
    public synchronized Plan plan(String provider, String method, String path) {
        if (rules.isEmpty()) return Plan.NONE;
        Duration latency = Duration.ZERO;
        Integer error = null;
        Duration timeout = null;
        boolean drop = false;
        for (Active a : rules) {
            FaultRule r = a.rule;
            if (r.times() == 0 || !r.matches(provider, method, path)) continue;
            boolean fires = true;
            if (r.errorShare() > 0) {
                long n = a.seen++;
                fires = Math.floor((n + 1) * r.errorShare()) > Math.floor(n * r.errorShare());
                if (fires && error == null) error = r.errorStatus();
            }
            if (!fires) continue;
            latency = latency.plus(r.latency());
            if (r.timeout() != null && timeout == null) timeout = r.timeout();
            drop |= r.dropAfterCommit();
            a.fired++;
            if (r.times() > 0) a.rule = r.times(r.times() - 1);
        }
        return new Plan(latency, error, timeout, drop);
    }
}

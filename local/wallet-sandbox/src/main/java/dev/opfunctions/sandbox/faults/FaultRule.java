package dev.opfunctions.sandbox.faults;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One injected fault for requests whose method and path match. Build with {@link #on} and the
 * {@code with…}/verb methods, e.g.
 * {@code FaultRule.on("POST", "/op/outgoing-payments").dropResponseAfterCommit().times(1)}.
 *
 * @param provider        only this provider's requests, or null for all
 * @param method          the HTTP method, or null for any
 * @param pathRegex       a regular expression the whole request path must match
 * @param latency         added before the request is handled
 * @param errorShare      the share (0..1) of matching requests answered with {@code errorStatus} unprocessed
 * @param errorStatus     the 5xx status of injected errors
 * @param timeout         when set, the request is held this long and the connection closed without an answer (not processed)
 * @param dropAfterCommit the request is processed (the create happens) and the connection closed without an answer
 * @param times           how many more times the rule may fire; negative for unlimited
 */
public record FaultRule(
        String provider,
        String method,
        String pathRegex,
        Duration latency,
        double errorShare,
        int errorStatus,
        Duration timeout,
        boolean dropAfterCommit,
        int times) {

    public FaultRule {
        Pattern.compile(pathRegex);
        if (errorShare < 0 || errorShare > 1) throw new IllegalArgumentException("errorShare must be within 0..1");
        if (errorShare > 0 && (errorStatus < 500 || errorStatus > 599))
            throw new IllegalArgumentException("errorStatus must be 5xx");
    }

    /** A rule that does nothing yet, for {@code method} (null: any) and paths matching {@code pathRegex}. */
    public static FaultRule on(String method, String pathRegex) {
        return new FaultRule(null, method, pathRegex, Duration.ZERO, 0, 503, null, false, -1);
    }

    public FaultRule forProvider(String name) {
        return new FaultRule(
                name, method, pathRegex, latency, errorShare, errorStatus, timeout, dropAfterCommit, times);
    }

    public FaultRule withLatency(Duration d) {
        return new FaultRule(provider, method, pathRegex, d, errorShare, errorStatus, timeout, dropAfterCommit, times);
    }

    public FaultRule failing(double share, int status) {
        return new FaultRule(provider, method, pathRegex, latency, share, status, timeout, dropAfterCommit, times);
    }

    public FaultRule timingOutAfter(Duration hold) {
        return new FaultRule(
                provider, method, pathRegex, latency, errorShare, errorStatus, hold, dropAfterCommit, times);
    }

    public FaultRule dropResponseAfterCommit() {
        return new FaultRule(provider, method, pathRegex, latency, errorShare, errorStatus, timeout, true, times);
    }

    public FaultRule times(int n) {
        return new FaultRule(
                provider, method, pathRegex, latency, errorShare, errorStatus, timeout, dropAfterCommit, n);
    }

    boolean matches(String providerName, String requestMethod, String path) {
        return (provider == null || provider.equals(providerName))
                && (method == null || method.equalsIgnoreCase(requestMethod))
                && path.matches(pathRegex);
    }
}

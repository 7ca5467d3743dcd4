package dev.opfunctions.client.http;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How idempotent requests (GET, DELETE) are retried after a connection error, a timeout, 408, 429
 * or 5xx: at most {@code maxAttempts} sends in all, waiting a capped exponential backoff with
 * jitter in between. POSTs are never retried.
 *
 * @param maxAttempts    total sends including the first, at least 1
 * @param initialBackoff the base wait before the first retry
 * @param maxBackoff     the cap on any single wait (a server's {@code Retry-After} is capped too)
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
        if (initialBackoff.isNegative() || maxBackoff.isNegative())
            throw new IllegalArgumentException("backoff must not be negative");
        if (maxBackoff.compareTo(initialBackoff) < 0)
            throw new IllegalArgumentException("maxBackoff must be >= initialBackoff");
    }

    /** 3 attempts, 200 ms then 400 ms (each between half and all of it), never above 2 s: fits a Lambda's time budget. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(2));
    }

    /** Send once, never retry. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /**
     * The wait before retry number {@code retry} (1 for the first retry): the exponential base
     * {@code initialBackoff * 2^(retry-1)} capped at {@code maxBackoff}, then "equal jitter" (a
     * uniform pick between half the base and the base) so that clients failing together spread out.
     */
    public Duration backoff(int retry, RandomGenerator random) {
        long initial = initialBackoff.toMillis();
        long cap = maxBackoff.toMillis();
        long base = initial;
        for (int i = 1; i < retry && base < cap; i++) base = Math.min(cap, base * 2);
        base = Math.min(base, cap);
        long half = base / 2;
        return Duration.ofMillis(half + (base - half == 0 ? 0 : random.nextLong(base - half + 1)));
    }
}

package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.model.Checkout;
import java.time.Duration;
import java.util.List;

/**
 * Timing and limits of the checkout services, with the defaults used in AWS.
 *
 * @param publicBaseUrl     base of the public finish callback ({@code {base}/finish/{checkoutId}}); null in a
 *                          function that never asks for consent (consent-finish), which then builds no finish URI
 * @param consentTimeout    how long the customer has to consent (Rafiki's interactions last 10 minutes)
 * @param retention         how long finished checkouts are kept before the TTL removes them
 * @param createLease       the longest a create lease lasts (it is derived from the create step's own time,
 *                          see LegSteps#create) and how long a worker's claim on a grant continuation lasts
 * @param walletDocTtl      how long a wallet address document is cached
 * @param tokenSkew         a cached token this close to expiry counts as expired
 * @param maxAttempts       the queue's maxReceiveCount: on this delivery a wallet outage becomes a failure
 * @param maxFollowChecks   delayed re-checks of payments in flight before the checkout is failed
 * @param firstFollowDelay  delay of the first re-check; later ones double up to 15 minutes
 * @param settleLooks       when to look again at payments just created, counted from the create: within the
 *                          same invocation, before the first delayed re-check (whose queue delay is whole
 *                          seconds), because wallets usually settle in tens of milliseconds; ascending, each at
 *                          most {@link #MAX_SETTLE_LOOK}; empty for a single look right after the create
 * @param plans             installment plan timing and limits
 * @param sweepAfter        how long an unfinished checkout may go without a write before the sweep resumes it;
 *                          {@link Checkout#STALE_AFTER} in AWS, shorter only for local runs (SWEEP_AFTER_SECONDS)
 */
public record CheckoutSettings(
        String publicBaseUrl,
        Duration consentTimeout,
        Duration retention,
        Duration createLease,
        Duration walletDocTtl,
        Duration tokenSkew,
        int maxAttempts,
        int maxFollowChecks,
        Duration firstFollowDelay,
        List<Duration> settleLooks,
        PlanSettings plans,
        Duration sweepAfter) {

    public static final Duration MAX_QUEUE_DELAY = Duration.ofMinutes(15);

    /**
     * The latest look within the invocation: past a second, the first delayed re-check (as early as the
     * queue allows) does the same without holding the function.
     */
    public static final Duration MAX_SETTLE_LOOK = Duration.ofSeconds(1);

    /** The looks after a create by default: the wallet sandbox settles after about 50 ms, Rafiki's ILP payments take longer. */
    public static final List<Duration> DEFAULT_SETTLE_LOOKS =
            List.of(Duration.ofMillis(50), Duration.ofMillis(150), Duration.ofMillis(400));

    public CheckoutSettings {
        settleLooks = List.copyOf(settleLooks);
        Duration previous = Duration.ZERO;
        for (Duration at : settleLooks) {
            if (at.isNegative() || at.compareTo(previous) < 0 || at.compareTo(MAX_SETTLE_LOOK) > 0)
                throw new IllegalArgumentException("settleLooks must ascend from 0 to at most "
                        + MAX_SETTLE_LOOK.toMillis() + " ms, got " + settleLooks);
            previous = at;
        }
    }

    public static CheckoutSettings defaults(String publicBaseUrl) {
        return new CheckoutSettings(
                publicBaseUrl,
                Duration.ofMinutes(10),
                Duration.ofDays(90),
                Duration.ofMinutes(2),
                Duration.ofHours(1),
                Duration.ofSeconds(30),
                5,
                60,
                Duration.ofSeconds(2),
                DEFAULT_SETTLE_LOOKS,
                PlanSettings.defaults(),
                Checkout.STALE_AFTER);
    }

    public CheckoutSettings withRetention(Duration r) {
        return edit().retention(r).build();
    }

    public CheckoutSettings withMaxAttempts(int n) {
        return edit().maxAttempts(n).build();
    }

    public CheckoutSettings withCreateLease(Duration d) {
        return edit().createLease(d).build();
    }

    public CheckoutSettings withConsentTimeout(Duration d) {
        return edit().consentTimeout(d).build();
    }

    public CheckoutSettings withFollow(int maxChecks, Duration first) {
        return edit().follow(maxChecks, first).build();
    }

    /** The looks at a just-created payment within the invocation ({@link #settleLooks()}); none for a single look. */
    public CheckoutSettings withSettleLooks(List<Duration> looks) {
        return edit().settleLooks(looks).build();
    }

    public CheckoutSettings withPlans(PlanSettings p) {
        return edit().plans(p).build();
    }

    /**
     * A shorter sweep bound, for local runs that cannot wait 16 minutes (the chaos run). It must stay
     * positive and not exceed {@link Checkout#STALE_AFTER}: the index is keyed on that bound, and the
     * sweep finds shorter-bound checkouts by looking that much further ahead.
     */
    public CheckoutSettings withSweepAfter(Duration d) {
        if (d.isNegative() || d.isZero() || d.compareTo(Checkout.STALE_AFTER) > 0) {
            throw new IllegalArgumentException(
                    "sweepAfter must be positive and at most " + Checkout.STALE_AFTER + ", got " + d);
        }
        return edit().sweepAfter(d).build();
    }

    /** Delay before re-check number {@code check} (1-based): doubling from the first, capped at 15 minutes. */
    public Duration followDelay(int check) {
        Duration d = firstFollowDelay.multipliedBy(1L << Math.min(check - 1, 20));
        return d.compareTo(MAX_QUEUE_DELAY) > 0 ? MAX_QUEUE_DELAY : d;
    }

    public String finishUri(String checkoutId) {
        if (publicBaseUrl == null)
            throw new IllegalStateException("PUBLIC_BASE_URL is not configured: this function cannot ask for consent");
        String base =
                publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        return base + "/finish/" + checkoutId;
    }

    private Builder edit() {
        return new Builder(this);
    }

    /** A copy of these settings to change; {@link #build()} goes through the canonical constructor. */
    private static final class Builder {
        private final CheckoutSettings from;
        private Duration consentTimeout;
        private Duration retention;
        private Duration createLease;
        private int maxAttempts;
        private int maxFollowChecks;
        private Duration firstFollowDelay;
        private List<Duration> settleLooks;
        private PlanSettings plans;
        private Duration sweepAfter;

        private Builder(CheckoutSettings from) {
            this.from = from;
            consentTimeout = from.consentTimeout;
            retention = from.retention;
            createLease = from.createLease;
            maxAttempts = from.maxAttempts;
            maxFollowChecks = from.maxFollowChecks;
            firstFollowDelay = from.firstFollowDelay;
            settleLooks = from.settleLooks;
            plans = from.plans;
            sweepAfter = from.sweepAfter;
        }

        Builder consentTimeout(Duration d) {
            consentTimeout = d;
            return this;
        }

        Builder retention(Duration d) {
            retention = d;
            return this;
        }

        Builder createLease(Duration d) {
            createLease = d;
            return this;
        }

        Builder maxAttempts(int n) {
            maxAttempts = n;
            return this;
        }

        Builder follow(int maxChecks, Duration first) {
            maxFollowChecks = maxChecks;
            firstFollowDelay = first;
            return this;
        }

        Builder settleLooks(List<Duration> looks) {
            settleLooks = looks;
            return this;
        }

        Builder plans(PlanSettings p) {
            plans = p;
            return this;
        }

        Builder sweepAfter(Duration d) {
            sweepAfter = d;
            return this;
        }

        CheckoutSettings build() {
            return new CheckoutSettings(
                    from.publicBaseUrl,
                    consentTimeout,
                    retention,
                    createLease,
                    from.walletDocTtl,
                    from.tokenSkew,
                    maxAttempts,
                    maxFollowChecks,
                    firstFollowDelay,
                    settleLooks,
                    plans,
                    sweepAfter);
        }
    }
}

package dev.opfunctions.checkout.events;

import java.time.Duration;
import java.util.List;

/**
 * When webhook attempts are made, in one place: the Standard Webhooks schedule (at once, then 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h, 10 h after the previous attempt) followed by 14 h steps until the attempts span at
 * least {@link #MIN_SPAN} (three days): 12 attempts over about 83.6 hours. An endpoint down for a long weekend
 * still gets every event.
 */
public final class DeliverySchedule {

    /** The attempts together cover at least this long. */
    public static final Duration MIN_SPAN = Duration.ofDays(3);

    private static final List<Duration> STANDARD = List.of(
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10),
            Duration.ofHours(10));

    private static final Duration LATER = Duration.ofHours(14);

    /** The wait after attempt n (index n-1), for every attempt but the last. */
    private static final List<Duration> GAPS = gaps();

    private DeliverySchedule() {}

    private static List<Duration> gaps() {
        java.util.ArrayList<Duration> g = new java.util.ArrayList<>(STANDARD);
        Duration span = g.stream().reduce(Duration.ZERO, Duration::plus);
        while (span.compareTo(MIN_SPAN) < 0) {
            g.add(LATER);
            span = span.plus(LATER);
        }
        return List.copyOf(g);
    }

    /** How many attempts an event gets before it is given up (status {@code failed}, sent to the DLQ). */
    public static int maxAttempts() {
        return GAPS.size() + 1;
    }

    /** The wait after failed attempt {@code attempt} (1-based), or empty after the last one. */
    public static java.util.Optional<Duration> after(int attempt) {
        if (attempt < 1 || attempt > GAPS.size()) return java.util.Optional.empty();
        return java.util.Optional.of(GAPS.get(attempt - 1));
    }

    /** From the first attempt to the last. */
    public static Duration span() {
        return GAPS.stream().reduce(Duration.ZERO, Duration::plus);
    }
}

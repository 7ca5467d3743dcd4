package dev.opfunctions.sandbox.resource;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * An ISO 8601 repeating interval as the reference server (Rafiki) reads grant limits.
 *
 * <p>Forms: {@code Rn/start/duration} (forward), {@code Rn/duration/end} (backward),
 * {@code Rn/start/end} (forward, each repetition as long as the first), {@code R/…} and
 * {@code R-1/…} (unbounded). Intervals are half-open {@code [start, end)} in UTC.
 * <b>{@code Rn} yields n+1 intervals</b>: the first one plus n repetitions, as Rafiki counts
 * ({@code R2/2022-07-01T13:00:00Z/P1M} covers July, August and September).
 */
public final class RepeatingInterval {

    /** One half-open interval {@code [start, end)}. */
    public record Window(Instant start, Instant end) {
        public boolean contains(Instant t) {
            return !t.isBefore(start) && t.isBefore(end);
        }
    }

    /** The text has no three slash-separated parts: Rafiki throws (a 500 at payment time). */
    public static final class MalformedIntervalException extends RuntimeException {
        MalformedIntervalException(String text) {
            super("invalid repeating interval: " + text);
        }
    }

    private static final long MAX_STEPS = 1_000_000;

    private RepeatingInterval() {}

    /**
     * The interval of {@code text} that contains {@code target}, or empty when {@code target} is before
     * the first, after the last, or the text cannot be read (all of which refuse the payment).
     */
    public static Optional<Window> windowContaining(String text, Instant target) {
        String[] parts = text.split("/", -1);
        if (parts.length != 3) throw new MalformedIntervalException(text);
        long repetitions;
        if (parts[0].length() > 1 && parts[0].charAt(1) != '-') {
            if (parts[0].charAt(0) != 'R' || !parts[0].substring(1).matches("\\d+")) return Optional.empty();
            repetitions = Long.parseLong(parts[0].substring(1));
        } else if (parts[0].equals("R") || parts[0].equals("R-1")) {
            repetitions = Long.MAX_VALUE;
        } else {
            return Optional.empty();
        }
        boolean startIsDuration = parts[1].startsWith("P");
        boolean endIsDuration = parts[2].startsWith("P");
        Window first;
        IsoDuration step;
        boolean forward;
        try {
            if (startIsDuration && endIsDuration) return Optional.empty();
            if (startIsDuration) {
                step = IsoDuration.parse(parts[1]).orElse(null);
                if (step == null) return Optional.empty();
                Instant end = Instant.parse(parts[2]);
                first = new Window(step.subtractFrom(end), end);
                forward = false;
            } else if (endIsDuration) {
                step = IsoDuration.parse(parts[2]).orElse(null);
                if (step == null) return Optional.empty();
                Instant start = Instant.parse(parts[1]);
                first = new Window(start, step.addTo(start));
                forward = true;
            } else {
                Instant start = Instant.parse(parts[1]);
                Instant end = Instant.parse(parts[2]);
                if (end.isBefore(start)) return Optional.empty();
                first = new Window(start, end);
                step = IsoDuration.exactly(Duration.between(start, end));
                forward = true;
            }
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        if (first.contains(target)) return Optional.of(first);
        if (step.isZero()) return Optional.empty();
        if (forward && first.start().isAfter(target)) return Optional.empty();
        if (!forward && !first.end().isAfter(target)) return Optional.empty();

        Window current = first;
        for (long i = 1; i <= repetitions && i <= MAX_STEPS; i++) {
            current = forward
                    ? new Window(current.end(), step.addTo(current.end()))
                    : new Window(step.subtractFrom(current.start()), current.start());
            if (current.contains(target)) return Optional.of(current);
        }
        return Optional.empty();
    }
}

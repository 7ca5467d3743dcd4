package dev.opfunctions.checkout.model;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An installment period as an ISO 8601 duration ({@code P1M}, {@code P2W}, {@code P1DT12H}, {@code PT1M}),
 * applied the way the reference server applies grant intervals (luxon in UTC): calendar parts first,
 * with month-end clamping (Jan 31 + P1M = Feb 28), then the clock parts. Whole units only: a
 * fractional part would make due dates and the wallet's interval boundaries disagree.
 */
public record PlanPeriod(String text, Period calendar, Duration clock) {

    private static final Pattern FORMAT = Pattern.compile(
            "P(?:(\\d{1,4})Y)?(?:(\\d{1,4})M)?(?:(\\d{1,4})W)?(?:(\\d{1,5})D)?(?:T(?:(\\d{1,6})H)?(?:(\\d{1,7})M)?(?:(\\d{1,9})S)?)?");

    /** The period of {@code text}, or empty when it is not a whole-unit ISO 8601 duration longer than zero. */
    public static Optional<PlanPeriod> parse(String text) {
        if (text == null) return Optional.empty();
        Matcher m = FORMAT.matcher(text);
        if (!m.matches() || text.equals("P") || text.endsWith("T")) return Optional.empty();
        Period calendar = Period.of(num(m.group(1)), num(m.group(2)), num(m.group(3)) * 7 + num(m.group(4)));
        Duration clock =
                Duration.ofHours(num(m.group(5))).plusMinutes(num(m.group(6))).plusSeconds(num(m.group(7)));
        if (calendar.isZero() && clock.isZero()) return Optional.empty();
        return Optional.of(new PlanPeriod(text, calendar, clock));
    }

    /** {@code t} plus one period. */
    public Instant addTo(Instant t) {
        return t.atZone(ZoneOffset.UTC).plus(calendar).plus(clock).toInstant();
    }

    /** The shortest this period can be (a month counts as 28 days), for lower bounds such as "at least a minute". */
    public Duration shortest() {
        long days = calendar.getYears() * 365L + calendar.getMonths() * 28L + calendar.getDays();
        return Duration.ofDays(days).plus(clock);
    }

    @Override
    public String toString() {
        return text;
    }

    private static int num(String group) {
        return group == null ? 0 : Integer.parseInt(group);
    }
}

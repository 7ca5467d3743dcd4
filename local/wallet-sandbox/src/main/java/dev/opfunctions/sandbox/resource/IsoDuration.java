package dev.opfunctions.sandbox.resource;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO 8601 duration with calendar parts (years, months, weeks, days) and clock parts
 * (hours, minutes, seconds), applied in UTC the way luxon does: calendar parts first (with month-end
 * clamping), then the exact clock parts.
 */
record IsoDuration(Period period, Duration time) {

    private static final Pattern FORMAT = Pattern.compile(
            "P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:[.,]\\d+)?)S)?)?");

    static Optional<IsoDuration> parse(String text) {
        Matcher m = FORMAT.matcher(text);
        if (!m.matches() || text.equals("P") || text.endsWith("T")) return Optional.empty();
        Period period = Period.of(num(m.group(1)), num(m.group(2)), num(m.group(3)) * 7 + num(m.group(4)));
        Duration time = Duration.ofHours(num(m.group(5))).plusMinutes(num(m.group(6)));
        if (m.group(7) != null) {
            time = time.plusMillis(Math.round(Double.parseDouble(m.group(7).replace(',', '.')) * 1000));
        }
        IsoDuration d = new IsoDuration(period, time);
        return d.isZero() ? Optional.empty() : Optional.of(d);
    }

    static IsoDuration exactly(Duration time) {
        return new IsoDuration(Period.ZERO, time);
    }

    boolean isZero() {
        return period.isZero() && time.isZero();
    }

    Instant addTo(Instant t) {
        return t.atZone(ZoneOffset.UTC).plus(period).plus(time).toInstant();
    }

    Instant subtractFrom(Instant t) {
        return t.atZone(ZoneOffset.UTC).minus(period).minus(time).toInstant();
    }

    private static int num(String group) {
        return group == null ? 0 : Integer.parseInt(group);
    }
}

package dev.opfunctions.client.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** ECMAScript {@code Number::toString} (ECMA-262 §6.1.6.1.20), the text {@code JSON.stringify} writes for a number. */
final class JsNumbers {

    private static final double TWO_POW_53 = 9007199254740992d;

    private JsNumbers() {}

    /** The JS text of a finite double; {@code null} for NaN and ±Infinity (JSON.stringify writes null). */
    static String format(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return null;
        }
        if (d == 0) {
            return "0"; // also -0, which JS prints as 0
        }
        if (d == Math.rint(d) && Math.abs(d) < TWO_POW_53) {
            return Long.toString((long) d);
        }
        BigDecimal shortest = shortestDecimal(Math.abs(d));
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale(); // value = 0.digits × 10^n
        StringBuilder out = new StringBuilder(24);
        if (d < 0) {
            out.append('-');
        }
        if (k <= n && n <= 21) {
            out.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            int e = n - 1;
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(e >= 0 ? '+' : '-').append(Math.abs(e));
        }
        return out.toString();
    }

    /**
     * The shortest decimal that reads back as {@code v}, closest to {@code v} among the shortest (the JS rule).
     * Java's {@code Double.toString} (JDK 19+) agrees except that when one digit would do it may pick a closer
     * two-digit decimal (e.g. 4.9E-324 where JS writes 5e-324), so that case is redone here.
     */
    private static BigDecimal shortestDecimal(double v) {
        BigDecimal fromJava = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        if (fromJava.precision() != 2) {
            return fromJava;
        }
        BigDecimal exact = new BigDecimal(v);
        int scale = fromJava.scale() - 1; // one digit fewer
        BigDecimal down = fromJava.setScale(scale, RoundingMode.FLOOR);
        BigDecimal up = fromJava.setScale(scale, RoundingMode.CEILING);
        boolean downOk = down.signum() > 0 && down.doubleValue() == v;
        boolean upOk = up.doubleValue() == v;
        if (downOk && upOk) {
            int cmp = exact.subtract(down).compareTo(up.subtract(exact));
            if (cmp == 0) {
                return (down.unscaledValue().testBit(0) ? up : down).stripTrailingZeros();
            }
            return (cmp < 0 ? down : up).stripTrailingZeros();
        }
        if (downOk) {
            return down.stripTrailingZeros();
        }
        if (upOk) {
            return up.stripTrailingZeros();
        }
        return fromJava;
    }

    /**
     * The JS text of an exact integer or decimal, or {@code null} when a JS number cannot hold it without
     * changing what is written (integers beyond 2^53 that do not survive, too many decimals).
     */
    static String exact(BigDecimal value) {
        double d = value.doubleValue();
        String text = format(d);
        if (text == null || new BigDecimal(text).compareTo(value) != 0) {
            return null;
        }
        return text;
    }

    static String exact(BigInteger value) {
        if (value.bitLength() < 53) {
            return value.toString();
        }
        return exact(new BigDecimal(value));
    }
}

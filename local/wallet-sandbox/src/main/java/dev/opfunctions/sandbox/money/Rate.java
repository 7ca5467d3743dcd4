package dev.opfunctions.sandbox.money;

import java.math.BigInteger;

/**
 * An exchange rate as an exact fraction: one major unit of the source asset buys
 * {@code numerator/denominator} major units of the target asset. Kept as integers so that converting
 * amounts never touches floating point; rounding is explicit at each use.
 */
public record Rate(BigInteger numerator, BigInteger denominator) {

    public static final Rate ONE = new Rate(BigInteger.ONE, BigInteger.ONE);

    public Rate {
        if (numerator.signum() <= 0 || denominator.signum() <= 0) {
            throw new IllegalArgumentException("a rate must be positive, got " + numerator + "/" + denominator);
        }
    }

    /** Parses a plain decimal such as {@code "17.05"} or {@code "0.0585"} into an exact fraction. */
    public static Rate parse(String decimal) {
        String s = decimal.trim();
        if (!s.matches("\\d+(\\.\\d+)?"))
            throw new IllegalArgumentException("a rate is a plain positive decimal, got \"" + decimal + "\"");
        int dot = s.indexOf('.');
        if (dot < 0) return new Rate(new BigInteger(s), BigInteger.ONE);
        String digits = s.substring(0, dot) + s.substring(dot + 1);
        return new Rate(new BigInteger(digits), BigInteger.TEN.pow(s.length() - dot - 1));
    }

    /** The rate the other way round, exact. */
    public Rate inverse() {
        return new Rate(denominator, numerator);
    }

    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }
}

package dev.opfunctions.sandbox.money;

import dev.opfunctions.sandbox.ledger.Asset;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Configured exchange rates between asset codes, used by quotes. The same code is always at rate 1
 * (only the scale may differ). A pair configured one way is usable the other way at the exact inverse.
 */
public final class ExchangeRates {

    private final Map<String, Rate> rates;

    private ExchangeRates(Map<String, Rate> rates) {
        this.rates = Map.copyOf(rates);
    }

    public static ExchangeRates none() {
        return new ExchangeRates(Map.of());
    }

    /** Rates keyed {@code "USD:MXN"} with decimal values such as {@code "17.00"}. */
    public static ExchangeRates of(Map<String, String> decimalRates) {
        Map<String, Rate> parsed = new LinkedHashMap<>();
        decimalRates.forEach((pair, rate) -> {
            if (!pair.matches("[^:]+:[^:]+"))
                throw new IllegalArgumentException("rate key must be FROM:TO, got " + pair);
            parsed.put(pair, Rate.parse(rate));
        });
        return new ExchangeRates(parsed);
    }

    public ExchangeRates with(String from, String to, String rate) {
        Map<String, Rate> copy = new LinkedHashMap<>(rates);
        copy.put(from + ":" + to, Rate.parse(rate));
        return new ExchangeRates(copy);
    }

    public Map<String, Rate> asMap() {
        return rates;
    }

    /** The rate from one asset code to another, if known. */
    public Optional<Rate> rate(String fromCode, String toCode) {
        if (fromCode.equals(toCode)) return Optional.of(Rate.ONE);
        Rate direct = rates.get(fromCode + ":" + toCode);
        if (direct != null) return Optional.of(direct);
        Rate reverse = rates.get(toCode + ":" + fromCode);
        return Optional.ofNullable(reverse).map(Rate::inverse);
    }

    /** Converts minor units of {@code from} into minor units of {@code to}, rounding down. */
    public Optional<BigInteger> convertDown(BigInteger value, Asset from, Asset to) {
        return rate(from.code(), to.code())
                .map(r -> divide(
                        value.multiply(r.numerator()).multiply(BigInteger.TEN.pow(to.scale())),
                        r.denominator().multiply(BigInteger.TEN.pow(from.scale())),
                        RoundingMode.FLOOR));
    }

    /** The least minor units of {@code from} that convert to at least {@code value} of {@code to}. */
    public Optional<BigInteger> sourceNeededFor(BigInteger value, Asset from, Asset to) {
        return rate(from.code(), to.code())
                .map(r -> divide(
                        value.multiply(r.denominator()).multiply(BigInteger.TEN.pow(from.scale())),
                        r.numerator().multiply(BigInteger.TEN.pow(to.scale())),
                        RoundingMode.CEILING));
    }

    static BigInteger divide(BigInteger dividend, BigInteger divisor, RoundingMode mode) {
        BigInteger[] qr = dividend.divideAndRemainder(divisor);
        if (qr[1].signum() != 0 && mode == RoundingMode.CEILING) return qr[0].add(BigInteger.ONE);
        return qr[0];
    }
}

package dev.opfunctions.sandbox.money;

import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The sending provider's fee on a quote, in minor units of the sender's asset: a fixed part plus
 * basis points (1/100 of a percent) of the amount that is actually converted and delivered.
 * Both parts are added on top for fixed-receive quotes and taken out of the debit for fixed-send ones.
 */
public record FeePolicy(long fixedMinorUnits, int basisPoints) {

    public static final FeePolicy NONE = new FeePolicy(0, 0);

    public FeePolicy {
        if (fixedMinorUnits < 0) throw new IllegalArgumentException("fixed fee must not be negative");
        if (basisPoints < 0 || basisPoints >= 10_000) throw new IllegalArgumentException("basis points must be 0..9999");
    }

    /** The fee charged on top of a net (delivered) amount: fixed + ceil(net × bp / 10000). */
    public BigInteger onNet(BigInteger net) {
        return BigInteger.valueOf(fixedMinorUnits).add(ExchangeRates.divide(
                net.multiply(BigInteger.valueOf(basisPoints)), BigInteger.valueOf(10_000), RoundingMode.CEILING));
    }

    /**
     * The fee taken out of a gross debit so that net + onNet(net) never exceeds the debit:
     * the largest net with that property is found directly, and the fee is the rest.
     */
    public BigInteger outOfGross(BigInteger gross) {
        BigInteger afterFixed = gross.subtract(BigInteger.valueOf(fixedMinorUnits));
        if (afterFixed.signum() <= 0) return gross;
        BigInteger tenK = BigInteger.valueOf(10_000);
        // net * (10000 + bp) <= afterFixed * 10000, rounded down, then corrected for the ceiling in onNet.
        BigInteger net = afterFixed.multiply(tenK).divide(tenK.add(BigInteger.valueOf(basisPoints)));
        while (net.signum() > 0 && net.add(onNet(net)).compareTo(gross) > 0) net = net.subtract(BigInteger.ONE);
        return gross.subtract(net);
    }
}

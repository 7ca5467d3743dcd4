package dev.opfunctions.sandbox.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.sandbox.ledger.Asset;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PricingTest {

    private static final Asset USD = new Asset("USD", 2);
    private static final Asset MXN = new Asset("MXN", 2);
    private static final Asset USD9 = new Asset("USD", 9);

    @Test
    void convertsDownAndFindsTheSourceNeededUpwards() {
        ExchangeRates rates = ExchangeRates.of(Map.of("USD:MXN", "17.05"));

        assertEquals(BigInteger.valueOf(1705), rates.convertDown(BigInteger.valueOf(100), USD, MXN).orElseThrow());
        assertEquals(BigInteger.valueOf(5), rates.convertDown(BigInteger.valueOf(100), MXN, USD).orElseThrow());
        assertEquals(BigInteger.valueOf(8212), rates.sourceNeededFor(BigInteger.valueOf(140_000), USD, MXN).orElseThrow());
    }

    @Test
    void sameCodeDifferentScaleConvertsByScaleOnly() {
        assertEquals(BigInteger.valueOf(1_230_000_000L),
                ExchangeRates.none().convertDown(BigInteger.valueOf(123), USD, USD9).orElseThrow());
    }

    @Test
    void unknownPairHasNoRate() {
        assertTrue(ExchangeRates.none().rate("USD", "EUR").isEmpty());
    }

    @Test
    void refusesRatesThatAreNotPlainPositiveDecimals() {
        assertThrows(IllegalArgumentException.class, () -> Rate.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> Rate.parse("1e3"));
        assertThrows(IllegalArgumentException.class, () -> Rate.parse("0"));
    }

    @Test
    void feeOnTopAndFeeOutOfGrossAgree() {
        FeePolicy fee = new FeePolicy(30, 250);

        BigInteger onTop = fee.onNet(BigInteger.valueOf(10_000));
        BigInteger outOf = fee.outOfGross(BigInteger.valueOf(10_000).add(onTop));

        assertEquals(BigInteger.valueOf(280), onTop);
        assertEquals(onTop, outOf);
    }

    @Test
    void feeOutOfGrossNeverLeavesMoreThanTheGross() {
        FeePolicy fee = new FeePolicy(1, 333);
        for (int gross = 1; gross < 2000; gross += 7) {
            BigInteger g = BigInteger.valueOf(gross);
            BigInteger net = g.subtract(fee.outOfGross(g));
            assertTrue(net.signum() >= 0 && net.add(fee.onNet(net)).compareTo(g) <= 0 || net.signum() == 0, "gross " + gross);
        }
    }
}

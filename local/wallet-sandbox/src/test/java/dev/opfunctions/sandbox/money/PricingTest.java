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

        assertEquals(
                BigInteger.valueOf(1705),
                rates.convertDown(BigInteger.valueOf(100), USD, MXN).orElseThrow());
        assertEquals(
                BigInteger.valueOf(5),
                rates.convertDown(BigInteger.valueOf(100), MXN, USD).orElseThrow());
        assertEquals(
                BigInteger.valueOf(8212),
                rates.sourceNeededFor(BigInteger.valueOf(140_000), USD, MXN).orElseThrow());
    }

    @Test
    void sameCodeDifferentScaleConvertsByScaleOnly() {
        assertEquals(
                BigInteger.valueOf(1_230_000_000L),
                ExchangeRates.none()
                        .convertDown(BigInteger.valueOf(123), USD, USD9)
                        .orElseThrow());
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
    void rafikiLocalEnvironmentFeeIsOneUnitFixedPlusTwoPercentRoundedUp() {
        FeePolicy fee = FeePolicy.RAFIKI_LOCAL_ENVIRONMENT;

        // Figures from Rafiki's Fee.calculate: 100 + ceil(principal x 0.02).
        assertEquals(BigInteger.valueOf(110), fee.calculate(BigInteger.valueOf(500)));
        assertEquals(BigInteger.valueOf(111), fee.calculate(BigInteger.valueOf(506)));
        assertEquals(BigInteger.valueOf(119), fee.calculate(BigInteger.valueOf(950)));
        assertEquals(BigInteger.valueOf(101), fee.calculate(BigInteger.valueOf(50)));
        assertEquals(BigInteger.valueOf(101), fee.calculate(BigInteger.valueOf(1)));
    }

    @Test
    void noFeeChargesNothing() {
        assertEquals(BigInteger.ZERO, FeePolicy.NONE.calculate(BigInteger.valueOf(123_456)));
        assertTrue(!FeePolicy.NONE.charges() && FeePolicy.RAFIKI_LOCAL_ENVIRONMENT.charges());
    }

    @Test
    void refusesNegativeFixedFeesAndBasisPointsOfAHundredPercent() {
        assertThrows(IllegalArgumentException.class, () -> new FeePolicy(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new FeePolicy(0, 10_000));
    }
}

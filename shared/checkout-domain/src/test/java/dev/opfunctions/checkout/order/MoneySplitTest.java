package dev.opfunctions.checkout.order;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opfunctions.client.model.Amount;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MoneySplitTest {

    private static List<BigInteger> w(long... ws) {
        List<BigInteger> l = new ArrayList<>();
        for (long x : ws) l.add(BigInteger.valueOf(x));
        return l;
    }

    private static List<Long> values(List<Amount> parts) {
        return parts.stream().map(a -> a.value().longValueExact()).toList();
    }

    @Test
    void splitsSellerAndMarketplaceFeeExactly() {
        assertEquals(List.of(133000L, 7000L), values(MoneySplit.split(Amount.of(140000, "MXN", 2), w(95, 5))));
    }

    @Test
    void givesLeftoverUnitsToLargestRemaindersThenToEarlierPayees() {
        assertEquals(List.of(501L, 500L), values(MoneySplit.split(Amount.of(1001, "USD", 2), w(1, 1))));
        assertEquals(List.of(34L, 33L, 33L), values(MoneySplit.split(Amount.of(100, "USD", 2), w(1, 1, 1))));
        // 10 * 2/7 = 2.857, 10 * 5/7 = 7.142: the larger remainder (first payee) gets the unit.
        assertEquals(List.of(3L, 7L), values(MoneySplit.split(Amount.of(10, "USD", 2), w(2, 5))));
    }

    @Test
    void neverLosesOrInventsAUnitForAnySplit() {
        Random r = new Random(42);
        for (int i = 0; i < 2000; i++) {
            BigInteger total = new BigInteger(64, r).max(BigInteger.ONE).min(Amount.MAX_VALUE);
            int n = 1 + r.nextInt(10);
            List<BigInteger> ws = new ArrayList<>();
            for (int k = 0; k < n; k++) ws.add(BigInteger.valueOf(1 + r.nextInt(10_000)));
            List<Amount> parts = MoneySplit.split(Amount.of(total, "EUR", 2), ws);
            assertEquals(total, parts.stream().map(Amount::value).reduce(BigInteger.ZERO, BigInteger::add));
        }
    }

    @Test
    void keepsTheMaximumAmountWithoutOverflow() {
        List<Amount> parts = MoneySplit.split(Amount.of(Amount.MAX_VALUE, "EUR", 2), w(1, 2));
        assertEquals(Amount.MAX_VALUE, parts.get(0).value().add(parts.get(1).value()));
    }
}

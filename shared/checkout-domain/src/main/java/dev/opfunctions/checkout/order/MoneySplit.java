package dev.opfunctions.checkout.order;

import dev.opfunctions.client.model.Amount;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Splits an amount across payees by weight, in whole minor units, so that the parts always add up
 * to exactly the total: nothing lost, nothing invented.
 *
 * <p>Remainder rule (largest remainder): each payee first gets {@code floor(total * w / W)}; the
 * units left over (fewer than the number of payees) go one each to the payees whose exact share had
 * the largest fractional part, ties going to the payee listed first. Example: 1001 split 1:1 gives
 * 501 and 500; 100 split 1:1:1 gives 34, 33, 33.
 */
public final class MoneySplit {

    private MoneySplit() {}

    public static List<Amount> split(Amount total, List<BigInteger> weights) {
        if (weights.isEmpty()) throw new IllegalArgumentException("at least one weight is required");
        BigInteger sum = BigInteger.ZERO;
        for (BigInteger w : weights) {
            if (w.signum() <= 0) throw new IllegalArgumentException("weights must be positive, got " + w);
            sum = sum.add(w);
        }
        int n = weights.size();
        BigInteger[] parts = new BigInteger[n];
        BigInteger[] remainders = new BigInteger[n];
        BigInteger allocated = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            BigInteger[] qr = total.value().multiply(weights.get(i)).divideAndRemainder(sum);
            parts[i] = qr[0];
            remainders[i] = qr[1];
            allocated = allocated.add(qr[0]);
        }
        int leftover = total.value().subtract(allocated).intValueExact();
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        // Stable sort keeps the earlier payee first among equal remainders.
        Arrays.sort(order, Comparator.comparing((Integer i) -> remainders[i]).reversed());
        for (int k = 0; k < leftover; k++) {
            parts[order[k]] = parts[order[k]].add(BigInteger.ONE);
        }
        List<Amount> result = new ArrayList<>(n);
        for (BigInteger p : parts) result.add(total.withValue(p));
        return result;
    }
}

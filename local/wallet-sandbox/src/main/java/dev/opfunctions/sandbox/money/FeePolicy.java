package dev.opfunctions.sandbox.money;

import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The sending provider's fee on a quote, in minor units of the sender's asset, computed as Rafiki's
 * {@code Fee.calculate(principal)} does ({@code packages/backend/src/fee/model.ts}): the fixed part
 * plus the basis points (1/100 of a percent) of the principal, rounded up. Rafiki's principal is the
 * debit itself for a fixed-send quote (the fee comes out of it) and the source amount the delivery
 * needs for a fixed-receive quote (the fee goes on top); see {@code open_payments/quote/service.ts}.
 *
 * <p>Rafiki multiplies in floating point ({@code Math.ceil(Number(principal) * bp / 10000)}); this
 * class rounds the exact product up, which gives the same figures wherever the float product is exact
 * (every principal up to 2,000,000 units at 200 bp, checked with Node).
 */
public record FeePolicy(long fixedMinorUnits, int basisPoints) {

    public static final FeePolicy NONE = new FeePolicy(0, 0);

    /**
     * The sending fee of Rafiki's local environment ({@code localenv/cloud-nine-wallet/seed.yml},
     * {@code fees}: fixed 100, basisPoints 200 for USD, EUR and MXN at scale 2): 1.00 plus 2 %.
     */
    public static final FeePolicy RAFIKI_LOCAL_ENVIRONMENT = new FeePolicy(100, 200);

    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

    public FeePolicy {
        if (fixedMinorUnits < 0) throw new IllegalArgumentException("fixed fee must not be negative");
        if (basisPoints < 0 || basisPoints >= 10_000)
            throw new IllegalArgumentException("basis points must be 0..9999");
    }

    /** Rafiki's {@code calculate(principal)}: fixed + ceil(principal × bp / 10000). */
    public BigInteger calculate(BigInteger principal) {
        return BigInteger.valueOf(fixedMinorUnits)
                .add(ExchangeRates.divide(
                        principal.multiply(BigInteger.valueOf(basisPoints)), TEN_THOUSAND, RoundingMode.CEILING));
    }

    /** Whether this policy charges anything at all. */
    public boolean charges() {
        return fixedMinorUnits > 0 || basisPoints > 0;
    }
}

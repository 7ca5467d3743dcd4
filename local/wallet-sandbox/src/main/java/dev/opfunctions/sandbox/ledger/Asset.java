package dev.opfunctions.sandbox.ledger;

import dev.opfunctions.client.model.Amount;
import java.math.BigInteger;

/** An asset as Open Payments names it: a code and a scale (USD/2 and USD/9 are different assets). */
public record Asset(String code, int scale) {

    public Asset {
        if (code == null || code.isBlank()) throw new IllegalArgumentException("asset code is required");
        if (scale < 0 || scale > 255) throw new IllegalArgumentException("asset scale must be 0..255, got " + scale);
    }

    public static Asset of(Amount amount) {
        return new Asset(amount.assetCode(), amount.assetScale());
    }

    /** The key used in account names and rate tables, e.g. {@code MXN/2}. */
    public String key() {
        return code + "/" + scale;
    }

    public Amount amount(BigInteger value) {
        return Amount.of(value, code, scale);
    }

    public Amount amount(long value) {
        return Amount.of(value, code, scale);
    }

    public Amount zero() {
        return Amount.zero(code, scale);
    }

    @Override
    public String toString() {
        return key();
    }
}

package dev.opfunctions.client.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An Open Payments amount: an unsigned 64-bit integer count of minor units of an asset.
 *
 * <p>On the wire {@code value} is a string ({@code "140000"}), so it never passes through a
 * floating-point number. Arithmetic is only defined between amounts of the same asset (code and
 * scale); anything else is a programming error and throws.
 */
@JsonPropertyOrder({"value", "assetCode", "assetScale"})
// Only the three @JsonGetter properties go on the wire: isZero() must not become "zero":false.
@JsonAutoDetect(
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE,
        fieldVisibility = JsonAutoDetect.Visibility.NONE)
public final class Amount implements Comparable<Amount> {

    /** 2^64 - 1, the largest value the spec's uint64 allows. */
    public static final BigInteger MAX_VALUE = new BigInteger("18446744073709551615");

    private final BigInteger value;
    private final String assetCode;
    private final int assetScale;

    private Amount(BigInteger value, String assetCode, int assetScale) {
        this.value = value;
        this.assetCode = assetCode;
        this.assetScale = assetScale;
    }

    /** Builds a validated amount; throws {@link InvalidAmountException} naming the bad part. */
    public static Amount of(BigInteger value, String assetCode, int assetScale) {
        if (value == null) throw new InvalidAmountException("value", "is required");
        if (value.signum() < 0) throw new InvalidAmountException("value", "must not be negative, got " + value);
        if (value.compareTo(MAX_VALUE) > 0) throw new InvalidAmountException("value", "exceeds 2^64-1");
        if (assetCode == null || assetCode.isBlank()) throw new InvalidAmountException("assetCode", "is required");
        if (assetScale < 0 || assetScale > 255)
            throw new InvalidAmountException("assetScale", "must be 0..255, got " + assetScale);
        return new Amount(value, assetCode, assetScale);
    }

    public static Amount of(long value, String assetCode, int assetScale) {
        return of(BigInteger.valueOf(value), assetCode, assetScale);
    }

    /** Parses the wire form of {@code value}: ASCII digits only, no sign, no exponent, no fraction. */
    public static Amount parse(String value, String assetCode, int assetScale) {
        if (value == null || value.isEmpty()) throw new InvalidAmountException("value", "is required");
        if (value.length() > 20 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidAmountException(
                    "value", "must be an unsigned integer string of at most 20 digits, got \"" + value + "\"");
        }
        return of(new BigInteger(value), assetCode, assetScale);
    }

    @JsonCreator
    static Amount fromJson(
            @JsonProperty("value") Object value,
            @JsonProperty("assetCode") String assetCode,
            @JsonProperty("assetScale") Integer assetScale) {
        if (!(value instanceof String s)) {
            throw new InvalidAmountException(
                    "value", "must be a string of digits, got " + (value == null ? "nothing" : value));
        }
        if (assetScale == null) throw new InvalidAmountException("assetScale", "is required");
        return parse(s, assetCode, assetScale);
    }

    public static Amount zero(String assetCode, int assetScale) {
        return of(BigInteger.ZERO, assetCode, assetScale);
    }

    public BigInteger value() {
        return value;
    }

    @JsonGetter("value")
    String valueString() {
        return value.toString();
    }

    @JsonGetter("assetCode")
    public String assetCode() {
        return assetCode;
    }

    @JsonGetter("assetScale")
    public int assetScale() {
        return assetScale;
    }

    public boolean sameAsset(Amount other) {
        return assetCode.equals(other.assetCode) && assetScale == other.assetScale;
    }

    public Amount plus(Amount other) {
        requireSameAsset(other);
        return of(value.add(other.value), assetCode, assetScale);
    }

    /** Subtracts; throws {@link InvalidAmountException} if the result would be negative. */
    public Amount minus(Amount other) {
        requireSameAsset(other);
        return of(value.subtract(other.value), assetCode, assetScale);
    }

    public Amount withValue(BigInteger newValue) {
        return of(newValue, assetCode, assetScale);
    }

    public boolean isZero() {
        return value.signum() == 0;
    }

    public boolean isGreaterThan(Amount other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Amount other) {
        requireSameAsset(other);
        return value.compareTo(other.value);
    }

    private void requireSameAsset(Amount other) {
        if (!sameAsset(other)) {
            throw new AssetMismatchException(this, other);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Amount a
                && value.equals(a.value)
                && assetCode.equals(a.assetCode)
                && assetScale == a.assetScale;
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, assetCode, assetScale);
    }

    /** Human form, e.g. {@code MXN 1400.00}; for logs and messages, never for arithmetic. */
    @Override
    public String toString() {
        return assetCode + " " + new java.math.BigDecimal(value, assetScale).toPlainString();
    }

    /** An amount that breaks the spec's rules; {@link #field()} names the offending field. */
    public static final class InvalidAmountException extends IllegalArgumentException {
        private final String field;

        public InvalidAmountException(String field, String problem) {
            super("amount " + field + " " + problem);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** Arithmetic or comparison between two different assets. */
    public static final class AssetMismatchException extends IllegalArgumentException {
        public AssetMismatchException(Amount a, Amount b) {
            super("asset mismatch: " + a.assetCode + "/" + a.assetScale + " vs " + b.assetCode + "/" + b.assetScale);
        }
    }
}

package dev.opfunctions.checkout.model;

/**
 * The business key of a payment leg: which installment (0 for a one-time checkout) pays which payee
 * (index into the order's payee list). Idempotency of every leg step hangs off this key, never off a
 * queue message id, so installments can be added as more keys without reshaping stored records.
 */
public record LegKey(int installment, int payeeIndex) implements Comparable<LegKey> {

    public LegKey {
        if (installment < 0 || payeeIndex < 0) throw new IllegalArgumentException("leg key parts must be >= 0");
    }

    /** Parses {@link #toString()}'s form {@code i<installment>p<payee>}, e.g. {@code i0p1}. */
    public static LegKey parse(String text) {
        int p = text.indexOf('p');
        if (!text.startsWith("i") || p < 2) throw new IllegalArgumentException("not a leg key: " + text);
        return new LegKey(Integer.parseInt(text.substring(1, p)), Integer.parseInt(text.substring(p + 1)));
    }

    @Override
    public int compareTo(LegKey o) {
        int c = Integer.compare(installment, o.installment);
        return c != 0 ? c : Integer.compare(payeeIndex, o.payeeIndex);
    }

    @Override
    public String toString() {
        return "i" + installment + "p" + payeeIndex;
    }
}

package dev.opfunctions.openapi;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Format;
import java.math.BigInteger;

/** The specs' custom {@code format: uint64}: a decimal string of an unsigned 64-bit integer. */
final class Uint64Format implements Format {

    private static final BigInteger MAX = new BigInteger("18446744073709551615");

    @Override
    public String getName() {
        return "uint64";
    }

    @Override
    public String getErrorMessageDescription() {
        return "an unsigned 64-bit integer written as decimal digits";
    }

    @Override
    public boolean matches(ExecutionContext executionContext, String value) {
        if (value.isEmpty() || value.length() > 20) return false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return new BigInteger(value).compareTo(MAX) <= 0;
    }
}

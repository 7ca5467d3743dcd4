package dev.opfunctions.client.model;

import dev.opfunctions.client.OpenPaymentsException;
import dev.opfunctions.client.http.Urls;
import java.util.regex.Pattern;

/** Checks on request bodies built by callers: failures are {@code INVALID_REQUEST} exceptions naming the field. */
final class RequestChecks {

    /** The spec's {@code receiver} pattern. */
    static final Pattern RECEIVER = Pattern.compile("^(https|http)://(.+)/incoming-payments/(.+)$");

    private RequestChecks() {}

    static String url(String value, String field) {
        Urls.parse(value, field);
        return value;
    }

    static String receiver(String value, String field) {
        url(value, field);
        if (!RECEIVER.matcher(value).matches()) {
            throw OpenPaymentsException.invalidRequest(
                    field, "must be an incoming payment URL (…/incoming-payments/{id}), got " + value);
        }
        return value;
    }

    static void positive(Amount amount, String field) {
        if (amount != null && amount.isZero())
            throw OpenPaymentsException.invalidRequest(field + ".value", "must be positive");
    }
}

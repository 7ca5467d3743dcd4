package dev.opfunctions.client.grant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.opfunctions.client.OpenPaymentsException;
import dev.opfunctions.client.model.Amount;
import java.util.regex.Pattern;

/**
 * Spec {@code limits-outgoing}: the bounds of an outgoing-payment grant. At most one of
 * {@code debitAmount} and {@code receiveAmount} (the AS refuses both; so does this class). Amounts
 * are maxima per {@code interval} (an ISO 8601 repeating interval such as {@code R11/2025-01-01T00:00:00Z/P1M};
 * Rafiki counts {@code Rn} as n+1 intervals), or for the grant's life without one.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"receiver", "interval", "debitAmount", "receiveAmount"})
public record Limits(String receiver, String interval, Amount debitAmount, Amount receiveAmount) {

    private static final Pattern RECEIVER = Pattern.compile("^(https|http)://(.+)/incoming-payments/(.+)$");

    public Limits {
        if (debitAmount != null && receiveAmount != null) {
            throw OpenPaymentsException.invalidRequest(
                    "debitAmount", "and receiveAmount are mutually exclusive in limits: give at most one");
        }
        if (receiver != null && !RECEIVER.matcher(receiver).matches()) {
            throw OpenPaymentsException.invalidRequest("receiver", "must be an incoming payment URL, got " + receiver);
        }
        if (interval != null && !interval.startsWith("R")) {
            throw OpenPaymentsException.invalidRequest(
                    "interval", "must be an ISO 8601 repeating interval (R…/…/…), got " + interval);
        }
    }

    public static Limits debit(Amount debitAmount) {
        return new Limits(null, null, debitAmount, null);
    }

    public static Limits receive(Amount receiveAmount) {
        return new Limits(null, null, null, receiveAmount);
    }

    public Limits withReceiver(String r) {
        return new Limits(r, interval, debitAmount, receiveAmount);
    }

    public Limits withInterval(String i) {
        return new Limits(receiver, i, debitAmount, receiveAmount);
    }
}

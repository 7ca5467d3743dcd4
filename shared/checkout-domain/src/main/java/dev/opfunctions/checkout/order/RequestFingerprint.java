package dev.opfunctions.checkout.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a validated order in a canonical form, so that a retried POST with the same meaning
 * (whatever its whitespace or key order) is recognised and a different body under the same order id
 * is a conflict.
 */
public final class RequestFingerprint {

    private RequestFingerprint() {}

    public static String of(CreateCheckoutRequest r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.orderId())
                .append('\n')
                .append(r.customerWalletAddress())
                .append('\n')
                .append(r.amount().value())
                .append(' ')
                .append(r.amount().assetCode())
                .append(' ')
                .append(r.amount().assetScale())
                .append('\n');
        for (PayeeShare p : r.payees())
            sb.append(p.walletAddress()).append(' ').append(p.share()).append('\n');
        sb.append(r.description() == null ? "-" : "+" + r.description()).append('\n');
        sb.append(r.returnUrl() == null ? "-" : "+" + r.returnUrl());
        // Appended only for plans, so one-time orders keep the fingerprints they were stored with.
        if (r.plan() != null)
            sb.append("\nplan ")
                    .append(r.plan().count())
                    .append(' ')
                    .append(r.plan().period().text())
                    .append(' ')
                    .append(r.plan().firstAtConsent());
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

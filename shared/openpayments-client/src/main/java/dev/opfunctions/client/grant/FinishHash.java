package dev.opfunctions.client.grant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * The GNAP interaction finish hash (RFC 9635 §4.2.3) as Open Payments servers compute it (protocol notes
 * §2.4): SHA-256 over {@code clientNonce}, the server's {@code interact.finish} nonce, {@code interact_ref}
 * and the grant request URI, joined by {@code \n}. Rafiki sends padded standard base64; the RFC and the
 * docs use unpadded base64url; both are accepted.
 */
public final class FinishHash {

    private FinishHash() {}

    /**
     * The hash as Rafiki writes it: standard base64 with padding.
     *
     * @param grantRequestUri the exact URL the grant request was POSTed to ({@code walletAddress.authServer})
     */
    public static String compute(String clientNonce, String serverNonce, String interactRef, String grantRequestUri) {
        return Base64.getEncoder().encodeToString(digest(clientNonce, serverNonce, interactRef, grantRequestUri));
    }

    /**
     * Interprets the query parameters of the finish redirect.
     *
     * @param hashParam       the {@code hash} parameter, URL-decoded or not, or {@code null}
     * @param interactRef     the {@code interact_ref} parameter, or {@code null}
     * @param resultParam     the {@code result} parameter, or {@code null}
     * @param clientNonce     the {@code interact.finish.nonce} this client sent
     * @param serverNonce     the {@code interact.finish} value of the pending grant response
     * @param grantRequestUri the exact URL the grant request was POSTed to
     */
    public static FinishOutcome check(
            String hashParam,
            String interactRef,
            String resultParam,
            String clientNonce,
            String serverNonce,
            String grantRequestUri) {
        Objects.requireNonNull(clientNonce, "clientNonce");
        Objects.requireNonNull(serverNonce, "serverNonce");
        Objects.requireNonNull(grantRequestUri, "grantRequestUri");
        if (resultParam != null && !resultParam.isEmpty()) {
            return switch (resultParam) {
                case "grant_rejected" -> new FinishOutcome.Rejected();
                case "grant_invalid" ->
                    new FinishOutcome.Invalid(
                            "grant_invalid: the wallet says the interaction was not in a state that can finish");
                default -> new FinishOutcome.Invalid("unknown result " + printable(resultParam));
            };
        }
        if (interactRef == null || interactRef.isEmpty()) {
            return new FinishOutcome.Invalid("missing interact_ref");
        }
        if (hashParam == null || hashParam.isEmpty()) {
            return new FinishOutcome.Invalid("missing hash");
        }
        byte[] received = decode(hashParam);
        if (received == null) {
            return new FinishOutcome.Invalid("hash is not base64 or base64url of 32 bytes");
        }
        byte[] expected = digest(clientNonce, serverNonce, interactRef, grantRequestUri);
        if (!MessageDigest.isEqual(expected, received)) {
            return new FinishOutcome.Invalid(
                    "hash mismatch: the redirect was not made for this grant (nonces, interact_ref or grant URI differ)");
        }
        return new FinishOutcome.Approved(interactRef);
    }

    private static byte[] digest(String clientNonce, String serverNonce, String interactRef, String grantRequestUri) {
        String input = clientNonce + "\n" + serverNonce + "\n" + interactRef + "\n" + grantRequestUri;
        try {
            return MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * Both alphabets, padded or not, percent-encoded or not ({@code %2B %2F %3D} as Rafiki's
     * URLSearchParams writes them), and a {@code +} turned into a space by form decoding.
     */
    private static byte[] decode(String param) {
        String s = param.strip();
        if (s.indexOf('%') >= 0) {
            s = s.replace("%2B", "+")
                    .replace("%2b", "+")
                    .replace("%2F", "/")
                    .replace("%2f", "/")
                    .replace("%3D", "=")
                    .replace("%3d", "=");
        }
        s = s.replace(' ', '+').replace('-', '+').replace('_', '/');
        try {
            byte[] decoded = Base64.getDecoder().decode(s);
            return decoded.length == 32 ? decoded : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && i < 40; i++) {
            char c = s.charAt(i);
            out.append(c >= 0x20 && c <= 0x7e ? c : '?');
        }
        return out.toString();
    }
}

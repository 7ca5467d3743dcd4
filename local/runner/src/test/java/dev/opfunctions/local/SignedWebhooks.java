package dev.opfunctions.local;

import com.standardwebhooks.Webhook;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Checkout webhooks as the webhook function sends them, signed for the storefront's tests. */
final class SignedWebhooks {
    private SignedWebhooks() {}

    /** A fresh {@code whsec_} secret: 24 random bytes in base64. */
    static String newSecret() {
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /** The body of a checkout event, in the webhook function's shape. */
    static String body(String type, String checkoutId, long sequence, String status) {
        return "{\"type\":\"" + type + "\",\"timestamp\":\"2026-12-05T10:00:00Z\",\"data\":{\"id\":\""
                + id(checkoutId, sequence)
                + "\",\"checkoutId\":\"" + checkoutId + "\",\"orderId\":\"order-1\",\"sequence\":" + sequence
                + ",\"status\":\"" + status
                + "\",\"amount\":{\"value\":\"140000\",\"assetCode\":\"MXN\",\"assetScale\":2}}}";
    }

    static String id(String checkoutId, long sequence) {
        return "evt_" + checkoutId + "_" + sequence;
    }

    /** The signature header the library computes. */
    static String librarySignature(String secret, String id, Instant at, String body) throws Exception {
        return new Webhook(secret).sign(id, at.getEpochSecond(), body);
    }

    /**
     * The signature computed here from the Standard Webhooks text alone (HMAC-SHA256 with the base64-decoded
     * key over {@code id.timestamp.body}, base64), to cross-check the library.
     */
    static String ownSignature(String secret, String id, Instant at, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] digest = mac.doFinal((id + "." + at.getEpochSecond() + "." + body).getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(digest);
    }

    /** A {@code POST /webhooks} with these headers and body. */
    static HttpRequestData request(String id, Instant at, String signature, String body) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(List.of(
                Map.entry("Content-Type", "application/json"),
                Map.entry("Webhook-Id", id),
                Map.entry("Webhook-Timestamp", Long.toString(at.getEpochSecond())),
                Map.entry("Webhook-Signature", signature)));
        return new HttpRequestData(
                "POST",
                Storefront.WEBHOOKS_PATH,
                "",
                headers,
                body.getBytes(StandardCharsets.UTF_8),
                "127.0.0.1",
                "HTTP/1.1",
                Instant.now());
    }

    /** A delivery signed now by the library. */
    static HttpRequestData signed(String secret, String type, String checkoutId, long sequence, String status)
            throws Exception {
        String body = body(type, checkoutId, sequence, status);
        String id = id(checkoutId, sequence);
        Instant now = Instant.now();
        return request(id, now, librarySignature(secret, id, now, body), body);
    }
}

package dev.opfunctions.client.testing;

import dev.opfunctions.client.signature.RequestSigner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test-only signer with the Open Payments header layout whose "signature" is SHA-256 of the
 * RFC 9421 signature base, so a test can rebuild the base from what the server received and prove
 * the client sent exactly what it signed (method, URL, Authorization, body bytes, header values).
 */
public final class DigestSigner implements RequestSigner {

    private final List<String> signedUris = new ArrayList<>();

    @Override
    public synchronized Map<String, String> sign(String method, String targetUri, String authorization, byte[] body) {
        signedUris.add(targetUri);
        Map<String, String> h = new LinkedHashMap<>();
        if (body != null) {
            h.put("Content-Digest", "sha-512=:" + Base64.getEncoder().encodeToString(digest("SHA-512", body)) + ":");
            h.put("Content-Length", Integer.toString(body.length));
            h.put("Content-Type", "application/json");
        }
        List<String> components = new ArrayList<>(List.of("@method", "@target-uri"));
        if (authorization != null) components.add("authorization");
        if (body != null) components.addAll(List.of("content-digest", "content-length", "content-type"));
        String params = "(" + String.join(" ", components.stream().map(c -> "\"" + c + "\"").toList()) + ");keyid=\"test-key\";created=1700000000";
        Map<String, String> values = new LinkedHashMap<>();
        values.put("@method", method);
        values.put("@target-uri", targetUri);
        if (authorization != null) values.put("authorization", authorization);
        h.forEach((k, v) -> values.put(k.toLowerCase(), v));
        h.put("Signature-Input", "sig1=" + params);
        h.put("Signature", "sig1=:" + Base64.getEncoder().encodeToString(digest("SHA-256", base(components, values, params).getBytes(StandardCharsets.UTF_8))) + ":");
        return h;
    }

    public synchronized List<String> signedUris() {
        return List.copyOf(signedUris);
    }

    /** Rebuilds the base from the received request and compares; returns a problem or {@code null} when it matches. */
    public static String verify(FakeServer.Recorded r, String origin) {
        String input = r.header("Signature-Input");
        if (input == null || !input.startsWith("sig1=(")) return "no sig1 Signature-Input";
        String params = input.substring("sig1=".length());
        List<String> components = new ArrayList<>();
        for (String c : params.substring(1, params.indexOf(')')).split(" ")) components.add(c.replace("\"", ""));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("@method", r.method());
        values.put("@target-uri", origin + r.rawTarget());
        for (String c : components) {
            if (c.startsWith("@")) continue;
            String v = r.header(c);
            if (v == null) return "covered header " + c + " missing";
            values.put(c, v);
        }
        if (components.contains("content-digest")) {
            String expected = "sha-512=:" + Base64.getEncoder().encodeToString(digest("SHA-512", r.body())) + ":";
            if (!expected.equals(r.header("content-digest"))) return "content-digest does not match the body received";
            if (!Integer.toString(r.body().length).equals(r.header("content-length"))) return "content-length differs from the body received";
        }
        String sig = "sig1=:" + Base64.getEncoder().encodeToString(digest("SHA-256", base(components, values, params).getBytes(StandardCharsets.UTF_8))) + ":";
        return sig.equals(r.header("Signature")) ? null : "signature base differs from the request received";
    }

    private static String base(List<String> components, Map<String, String> values, String params) {
        StringBuilder sb = new StringBuilder();
        for (String c : components) sb.append('"').append(c).append("\": ").append(values.get(c)).append('\n');
        return sb.append("\"@signature-params\": ").append(params).toString();
    }

    private static byte[] digest(String alg, byte[] data) {
        try {
            return MessageDigest.getInstance(alg).digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

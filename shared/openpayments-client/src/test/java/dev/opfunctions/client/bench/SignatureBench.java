package dev.opfunctions.client.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.client.json.Json;
import dev.opfunctions.client.keys.Ed25519Keys;
import dev.opfunctions.client.keys.GeneratedKeyPair;
import dev.opfunctions.client.keys.Jwks;
import dev.opfunctions.client.signature.HttpSignatureSigner;
import dev.opfunctions.client.signature.KeyResolver;
import dev.opfunctions.client.signature.SignatureVerificationException;
import dev.opfunctions.client.signature.SignatureVerifier;
import dev.opfunctions.client.signature.VerifiableRequest;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signing and verification throughput of this library next to {@code @interledger/http-signature-utils}
 * on the same request, one thread each, in alternating rounds so that both see the same machine load. Run it
 * with {@code bin/bench-signatures}; it is a tool, not a test.
 */
public final class SignatureBench {

    static final String URL = "https://ilp.example.com/tenant1/incoming-payments";
    static final String GRANT_URL = "https://auth.ilp.example.com/tenant1";
    static final String TOKEN = "GNAP OS9M2PMHKUR64TB8N6BW7OZB8CDFONP219RP1LT0";
    static final String BODY =
            "{\"walletAddress\":\"https://ilp.example.com/alice\",\"incomingAmount\":{\"value\":\"2500\",\"assetCode\":\"USD\",\"assetScale\":2}}";

    // The grant request of the benchmark, as a client would model it.
    record Amount(String value, String assetCode, int assetScale) {}

    record Limits(Amount debitAmount, String receiver, String interval) {}

    record Access(String type, List<String> actions, String identifier, Limits limits) {}

    record AccessToken(List<Access> access) {}

    record Finish(String method, String uri, String nonce) {}

    record Interact(List<String> start, Finish finish) {}

    record GrantRequest(AccessToken access_token, String client, Interact interact) {}

    private SignatureBench() {}

    public static void main(String[] args) throws Exception {
        int warmupMs = intArg(args, 0, 5000);
        int roundMs = intArg(args, 1, 1000);
        int rounds = intArg(args, 2, 7);
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        GeneratedKeyPair keys = Ed25519Keys.generate("bench-key");
        HttpSignatureSigner signer = new HttpSignatureSigner(keys.signingKey());
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(signer.sign("POST", URL, TOKEN, body));
        headers.put("Authorization", TOKEN);
        VerifiableRequest received = new VerifiableRequest("POST", URL, headers, body);
        KeyResolver resolver = Jwks.of(keys.publicJwk())::find;
        long[] nonce = {0};
        Map<String, Runnable> java = new LinkedHashMap<>();
        java.put("sign", () -> signer.sign("POST", URL, TOKEN, body));
        java.put("verify", () -> verifyOrThrow(received, resolver));
        java.put("grant", () -> signer.sign("POST", GRANT_URL, null, Json.stringify(grantRequest(++nonce[0]))));

        Map<String, double[]> results = new LinkedHashMap<>(); // op -> {java median, node median}
        String nodeVersion;
        try (NodeBench node = new NodeBench(nodeConfig(keys))) {
            nodeVersion = node.version();
            for (Map.Entry<String, Runnable> op : java.entrySet()) {
                node.round(op.getKey(), warmupMs);
                warmUntilSteady(op.getValue(), warmupMs);
                double[] javaRates = new double[rounds];
                double[] nodeRates = new double[rounds];
                // Alternate, and alternate who goes first, so both sides see the same machine load.
                for (int r = 0; r < rounds; r++) {
                    if (r % 2 == 0) {
                        nodeRates[r] = node.round(op.getKey(), roundMs);
                        javaRates[r] = round(op.getValue(), roundMs);
                    } else {
                        javaRates[r] = round(op.getValue(), roundMs);
                        nodeRates[r] = node.round(op.getKey(), roundMs);
                    }
                }
                results.put(op.getKey(), new double[] {median(javaRates), median(nodeRates)});
            }
        }

        System.out.printf(
                "Open Payments request signatures, one thread each, %d cores, load average %.2f at start%n",
                Runtime.getRuntime().availableProcessors(), load);
        System.out.printf(
                "Java %s (this library, BouncyCastle Ed25519) vs Node %s (@interledger/http-signature-utils 2.0.3)%n",
                System.getProperty("java.version"), nodeVersion);
        System.out.printf(
                "request: POST %s, %d-byte JSON body, GNAP token; warm-up %d ms (Java: until steady), median of %d alternating %d ms rounds%n%n",
                URL, body.length, warmupMs, rounds, roundMs);
        System.out.printf("%-36s %14s %14s %9s%n", "", "Java", "Node", "Java/Node");
        row("sign (createHeaders), ops/s", results.get("sign")[0], results.get("sign")[1], false);
        row("verify (validateSignature), ops/s", results.get("verify")[0], results.get("verify")[1], false);
        row("build + sign grant request, µs/op", 1e6 / results.get("grant")[0], 1e6 / results.get("grant")[1], true);
    }

    private static void row(String name, double java, double node, boolean lowerIsBetter) {
        double ratio = lowerIsBetter ? node / java : java / node;
        System.out.printf("%-36s %14s %14s %7.2fx%n", name, format(java), format(node), ratio);
    }

    private static String format(double v) {
        return v >= 100 ? String.format("%,.0f", v) : String.format("%.1f", v);
    }

    static GrantRequest grantRequest(long nonce) {
        return new GrantRequest(
                new AccessToken(List.of(new Access(
                        "outgoing-payment",
                        List.of("create", "read"),
                        "https://ilp.example.com/alice",
                        new Limits(
                                new Amount("1999", "EUR", 2),
                                "https://ilp.example.com/tenant1/incoming-payments/9",
                                "R11/2025-01-01T00:00:00Z/P1M")))),
                "https://shop.example/pay",
                new Interact(
                        List.of("redirect"),
                        new Finish("redirect", "https://shop.example/finish?checkout=42", "nonce-" + nonce)));
    }

    private static void verifyOrThrow(VerifiableRequest request, KeyResolver resolver) {
        try {
            SignatureVerifier.verify(request, resolver);
        } catch (SignatureVerificationException e) {
            throw new IllegalStateException("benchmark request does not verify: " + e.getMessage(), e);
        }
    }

    private static JsonNode nodeConfig(GeneratedKeyPair keys) {
        ObjectNode config = Json.mapper()
                .createObjectNode()
                .put("privateKeyPem", keys.privateKeyPem())
                .put("keyId", keys.publicJwk().kid())
                .put("grantUrl", GRANT_URL);
        config.set("jwk", Json.mapper().valueToTree(keys.publicJwk()));
        config.putObject("request")
                .put("method", "POST")
                .put("url", URL)
                .put("authorization", TOKEN)
                .put("body", BODY);
        return config;
    }

    /** Ops per second of one timed round, in batches of 100 so that reading the clock costs nothing. */
    static double round(Runnable op, int ms) {
        long n = 0;
        long start = System.nanoTime();
        long end = start + ms * 1_000_000L;
        long now = start;
        while (now < end) {
            for (int i = 0; i < 100; i++) {
                op.run();
            }
            n += 100;
            now = System.nanoTime();
        }
        return n / ((now - start) / 1e9);
    }

    /**
     * Runs {@code op} for at least {@code minMs}, then until the rate stops improving (no new best for three
     * one-second rounds, at most 30 s): on a busy machine C2 takes several seconds to compile the field
     * arithmetic, and measuring before that would time the interpreter.
     */
    static void warmUntilSteady(Runnable op, int minMs) {
        round(op, minMs);
        double best = 0;
        int sinceBest = 0;
        for (int s = 0; s < 30 && sinceBest < 3; s++) {
            double rate = round(op, 1000);
            if (rate > best * 1.03) {
                best = rate;
                sinceBest = 0;
            } else {
                sinceBest++;
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static int intArg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}

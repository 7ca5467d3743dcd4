package dev.opfunctions.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads the client key secret once per container and keeps it: Lambda reuses the container, so the
 * secret is fetched on the first invocation only. The secret is JSON
 * {@code {"walletAddress":"…","keyId":"…","privateKey":"<PKCS#8 PEM, or that PEM base64-encoded>"}}.
 * Errors name the secret's ARN and the missing field, never its contents.
 */
public final class SecretsManagerKeySource implements Supplier<ClientKey> {

    private final SecretsManagerClient client;
    private final String secretArn;
    private volatile ClientKey cached;

    public SecretsManagerKeySource(SecretsManagerClient client, String secretArn) {
        this.client = client;
        this.secretArn = secretArn;
    }

    @Override
    public ClientKey get() {
        ClientKey k = cached;
        if (k == null) {
            synchronized (this) {
                if (cached == null)
                    cached = parse(
                            client.getSecretValue(b -> b.secretId(secretArn)).secretString(), secretArn);
                k = cached;
            }
        }
        return k;
    }

    static ClientKey parse(String secret, String arn) {
        JsonNode node;
        try {
            node = CheckoutJson.MAPPER.readTree(secret == null ? "" : secret);
        } catch (IOException e) {
            throw new IllegalStateException("secret " + arn + " is not JSON");
        }
        if (node == null || !node.isObject())
            throw new IllegalStateException("secret " + arn + " is not a JSON object");
        String wallet = field(node, "walletAddress", arn);
        String keyId = field(node, "keyId", arn);
        String key = field(node, "privateKey", arn);
        if (!key.contains("-----BEGIN")) {
            try {
                key = new String(Base64.getMimeDecoder().decode(key), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("secret " + arn + " privateKey is neither PEM nor base64 of a PEM");
            }
            if (!key.contains("-----BEGIN"))
                throw new IllegalStateException("secret " + arn + " privateKey is neither PEM nor base64 of a PEM");
        }
        return new ClientKey(wallet, keyId, key);
    }

    private static String field(JsonNode node, String name, String arn) {
        JsonNode v = node.get(name);
        if (v == null || !v.isTextual() || v.asText().isBlank())
            throw new IllegalStateException("secret " + arn + " has no " + name);
        return v.asText();
    }
}

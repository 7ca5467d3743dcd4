package dev.opfunctions.lambda.priming;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.aws.SecretsManagerKeySource;
import dev.opfunctions.client.keys.Ed25519Keys;
import dev.opfunctions.client.keys.GeneratedKeyPair;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads a made-up client-key secret through the real {@link SecretsManagerKeySource} on an
 * in-memory Secrets Manager, then signs with the key it yields. The real secret is never read
 * before a snapshot: a restored container fetches it on its first wallet call, so the key is
 * never part of a snapshot. Kept in its own class so functions without a secret never link the
 * Secrets Manager client (consent-finish's jar does not contain it).
 */
public final class SecretsWarmup implements Runnable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The priming step for functions that read the client key. */
    public static Priming.Step step() {
        return new Priming.Step("secrets-manager", new SecretsWarmup());
    }

    @Override
    public void run() {
        GeneratedKeyPair throwaway = Ed25519Keys.generate("priming");
        String arn = "arn:aws:secretsmanager:us-east-1:000000000000:secret:priming";
        try (SecretsManagerClient sm =
                SdkPriming.client(SecretsManagerClient.builder(), new CannedHttpClient((target, body) -> {
                    try {
                        String secret = JSON.writeValueAsString(Map.of(
                                "walletAddress",
                                PrimingSamples.WALLET + "/client",
                                "keyId",
                                "priming",
                                "privateKey",
                                throwaway.privateKeyPem()));
                        return JSON.writeValueAsString(
                                Map.of("ARN", arn, "Name", "priming", "VersionId", "priming", "SecretString", secret));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }))) {
            var key = new SecretsManagerKeySource(sm, arn).get();
            SigningWarmup.sign(Ed25519Keys.fromPem(key.keyId(), key.privateKeyPem()));
        }
    }
}

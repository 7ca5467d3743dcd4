package dev.opfunctions.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The webhook signing secrets from Secrets Manager: the SecretString is one {@code whsec_<base64>} secret, or
 * several separated by spaces or newlines while a secret is rotated (every one signs, so the receiver can
 * switch at its own pace). Cached per container for {@link #CACHE_FOR}, so a rotation reaches every container
 * within minutes without a read per event. Errors name the ARN, never the value.
 */
public final class SecretsManagerWebhookSecrets implements Supplier<List<String>> {

    public static final Duration CACHE_FOR = Duration.ofMinutes(5);

    private final SecretsManagerClient client;
    private final String secretArn;
    private final Clock clock;
    private volatile List<String> cached;
    private volatile Instant readAt = Instant.MIN;

    public SecretsManagerWebhookSecrets(SecretsManagerClient client, String secretArn, Clock clock) {
        this.client = client;
        this.secretArn = secretArn;
        this.clock = clock;
    }

    @Override
    public synchronized List<String> get() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(readAt.plus(CACHE_FOR))) {
            cached = parse(client.getSecretValue(b -> b.secretId(secretArn)).secretString(), secretArn);
            readAt = now;
        }
        return cached;
    }

    static List<String> parse(String value, String arn) {
        List<String> secrets = value == null
                ? List.of()
                : Arrays.stream(value.trim().split("\\s+"))
                        .filter(s -> !s.isEmpty())
                        .toList();
        if (secrets.isEmpty()) throw new IllegalStateException("webhook secret " + arn + " is empty");
        for (String s : secrets)
            if (!s.startsWith("whsec_"))
                throw new IllegalStateException(
                        "webhook secret " + arn + " must be whsec_<base64> (space-separated during a rotation)");
        return secrets;
    }
}

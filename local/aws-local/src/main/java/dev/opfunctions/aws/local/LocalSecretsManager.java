package dev.opfunctions.aws.local;

import java.net.URI;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Secrets Manager for tests and the local runner: moto's implementation in a {@link MotoServer} of
 * its own, reached through the real SDK client. Unlike the home-made fake it replaces, it keeps
 * version ids and stages, and answers the SDK's typed errors the way moto models AWS.
 */
public final class LocalSecretsManager implements AutoCloseable {
    private static final String GET_SECRET_VALUE = "secretsmanager.GetSecretValue";

    private final MotoServer server;
    private final SecretsManagerClient client;

    private LocalSecretsManager(MotoServer server) {
        this.server = server;
        this.client = LocalAws.build(SecretsManagerClient.builder(), server.endpoint());
    }

    /** Starts a server with no secrets on a free loopback port. */
    public static LocalSecretsManager start() {
        return new LocalSecretsManager(MotoServer.start());
    }

    /** The HTTP endpoint (what AWS_ENDPOINT_URL_SECRETS_MANAGER takes). */
    public URI endpoint() {
        return server.endpoint();
    }

    /** A real SDK client bound to this server (shared; closed with the server). */
    public SecretsManagerClient client() {
        return client;
    }

    /** Creates a secret through the SDK and returns its ARN. */
    public String createSecret(String name, String secretString) {
        return client.createSecret(b -> b.name(name).secretString(secretString)).arn();
    }

    /** How many GetSecretValue requests the server answered (lets tests check client-side caching). */
    public int getSecretValueCalls() {
        return server.requestCount(GET_SECRET_VALUE);
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}

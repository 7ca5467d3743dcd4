package dev.opfunctions.aws.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Settings every local server and client shares: one region, one account id and one pair of dummy
 * credentials.
 *
 * <p>They must match everywhere: moto keeps tables and secrets per region (and per account, which
 * {@link MotoServer} pins to {@link #ACCOUNT_ID}), and ElasticMQ builds queue ARNs from the region
 * and account id.
 */
public final class LocalAws {
    /** The region every local client and server uses. */
    public static final Region REGION = Region.US_EAST_1;
    /** The account id that appears in local queue URLs and ARNs. */
    public static final String ACCOUNT_ID = "000000000000";
    /** Dummy access key id; the local servers accept any value but sign-checking clients need one. */
    public static final String ACCESS_KEY_ID = "local";
    /** Dummy secret key; not a secret (the local servers never check signatures). */
    public static final String SECRET_ACCESS_KEY = "local";

    private LocalAws() {}

    /** Static dummy credentials, so no client ever walks the default chain (env, profile, IMDS). */
    public static AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    }

    /**
     * Points a client builder at a local endpoint with the shared region, dummy credentials and the
     * url-connection HTTP client (the only HTTP client on the functions' classpath).
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, URI endpoint) {
        return builder.endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** A free TCP port on the loopback interface (racy by nature; servers bind it right away). */
    public static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}

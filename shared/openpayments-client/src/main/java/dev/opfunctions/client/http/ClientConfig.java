package dev.opfunctions.client.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Transport settings of the Open Payments client.
 *
 * <p>TLS uses the JDK's default {@code SSLContext}, so a custom CA (a local wallet with its own
 * certificate) is trusted the standard JDK way: {@code -Djavax.net.ssl.trustStore=/path/ca.p12}
 * (plus {@code -Djavax.net.ssl.trustStorePassword} when the store has one). No certificate check
 * is ever switched off.
 *
 * @param connectTimeout   limit for opening a connection
 * @param requestTimeout   limit for each whole request/response exchange
 * @param retryPolicy      retries of idempotent requests
 * @param localDevelopment the JS client's {@code useHttp}: plain {@code http://} URLs are allowed and
 *                         {@code https://} URLs are sent as {@code http://} (and signed as sent), for
 *                         a wallet running on localhost. Without it any non-https URL is refused
 *                         before anything is sent.
 */
public record ClientConfig(
        Duration connectTimeout, Duration requestTimeout, RetryPolicy retryPolicy, boolean localDevelopment) {

    public ClientConfig {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        if (connectTimeout.isZero() || connectTimeout.isNegative())
            throw new IllegalArgumentException("connectTimeout must be positive");
        if (requestTimeout.isZero() || requestTimeout.isNegative())
            throw new IllegalArgumentException("requestTimeout must be positive");
    }

    /** 5 s to connect, 15 s per request, {@link RetryPolicy#defaults()}, https only. */
    public static ClientConfig defaults() {
        return new ClientConfig(Duration.ofSeconds(5), Duration.ofSeconds(15), RetryPolicy.defaults(), false);
    }

    public ClientConfig withTimeouts(Duration connect, Duration request) {
        return new ClientConfig(connect, request, retryPolicy, localDevelopment);
    }

    public ClientConfig withRetryPolicy(RetryPolicy policy) {
        return new ClientConfig(connectTimeout, requestTimeout, policy, localDevelopment);
    }

    public ClientConfig withLocalDevelopment(boolean enabled) {
        return new ClientConfig(connectTimeout, requestTimeout, retryPolicy, enabled);
    }
}

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
 * @param requestTimeout   limit for each whole exchange: connect, send, and the answer's last byte
 * @param retryPolicy      retries of idempotent requests
 * @param localDevelopment the JS client's {@code useHttp}: plain {@code http://} URLs are allowed and
 *                         {@code https://} URLs are sent as {@code http://} (and signed as sent), for
 *                         a wallet running on localhost. Without it any non-https URL is refused
 *                         before anything is sent.
 * @param maxResponseBytes the largest answer body read; past it reading stops, the connection is closed
 *                         and the request fails as {@code RESPONSE_TOO_LARGE}
 * @param addressResolver  the only way host names become the addresses connected to (see {@link AddressResolver})
 */
public record ClientConfig(
        Duration connectTimeout,
        Duration requestTimeout,
        RetryPolicy retryPolicy,
        boolean localDevelopment,
        int maxResponseBytes,
        AddressResolver addressResolver) {

    /**
     * 1 MiB. The largest answers Open Payments gives are list pages (at most 100 items): an outgoing
     * payment with Rafiki-length URLs, five amounts and a 200-character description is about 1.1 KB of
     * JSON, so a full page is about 110 KB; wallet documents, grants and quotes are under 2 KB. Ten times
     * the largest honest answer leaves room for longer metadata, while a wallet (chosen by a shopper, so
     * possibly hostile) can no longer fill a function's heap: an 800 MB document used to end it in
     * OutOfMemoryError.
     */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 1 << 20;

    public ClientConfig {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(addressResolver, "addressResolver");
        if (connectTimeout.isZero() || connectTimeout.isNegative())
            throw new IllegalArgumentException("connectTimeout must be positive");
        if (requestTimeout.isZero() || requestTimeout.isNegative())
            throw new IllegalArgumentException("requestTimeout must be positive");
        if (maxResponseBytes < 1) throw new IllegalArgumentException("maxResponseBytes must be positive");
    }

    /** The given timeouts and retries with the default body limit and the unchecked system resolver. */
    public ClientConfig(
            Duration connectTimeout, Duration requestTimeout, RetryPolicy retryPolicy, boolean localDevelopment) {
        this(
                connectTimeout,
                requestTimeout,
                retryPolicy,
                localDevelopment,
                DEFAULT_MAX_RESPONSE_BYTES,
                AddressResolver.SYSTEM);
    }

    /** 5 s to connect, 15 s per request, {@link RetryPolicy#defaults()}, https only, 1 MiB answers, system resolver. */
    public static ClientConfig defaults() {
        return new ClientConfig(Duration.ofSeconds(5), Duration.ofSeconds(15), RetryPolicy.defaults(), false);
    }

    public ClientConfig withTimeouts(Duration connect, Duration request) {
        return new ClientConfig(connect, request, retryPolicy, localDevelopment, maxResponseBytes, addressResolver);
    }

    public ClientConfig withRetryPolicy(RetryPolicy policy) {
        return new ClientConfig(
                connectTimeout, requestTimeout, policy, localDevelopment, maxResponseBytes, addressResolver);
    }

    public ClientConfig withLocalDevelopment(boolean enabled) {
        return new ClientConfig(
                connectTimeout, requestTimeout, retryPolicy, enabled, maxResponseBytes, addressResolver);
    }

    public ClientConfig withMaxResponseBytes(int max) {
        return new ClientConfig(connectTimeout, requestTimeout, retryPolicy, localDevelopment, max, addressResolver);
    }

    public ClientConfig withAddressResolver(AddressResolver resolver) {
        return new ClientConfig(
                connectTimeout, requestTimeout, retryPolicy, localDevelopment, maxResponseBytes, resolver);
    }
}

package dev.opfunctions.client.http;

import dev.opfunctions.client.Deadline;
import dev.opfunctions.client.OpenPaymentsException;
import dev.opfunctions.client.OpenPaymentsException.Kind;
import dev.opfunctions.client.json.Json;
import dev.opfunctions.client.signature.RequestSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The single place where the Open Payments client talks HTTP (house rule 3): URL checks, body
 * serialisation, the GNAP {@code Authorization} header, HTTP message signatures, timeouts,
 * retries and error mapping. Resource classes only describe requests ({@link ApiRequest}).
 *
 * <ul>
 *   <li>The body is serialised once with {@code Json.stringify}; those exact bytes are signed and
 *       sent, and {@code Content-Length} is their length. The URL is first rewritten into its wire form
 *       ({@link WireUrl}: non-ASCII percent-encoded after NFC, default port dropped, empty path as
 *       {@code /}); that string is signed and sent unchanged (request-target and {@code Host}), so the
 *       signed {@code @target-uri} is what the server sees. No charset is added to {@code Content-Type}.</li>
 *   <li>Every POST and every request with a token is signed (as the JS client does); GETs of
 *       wallet addresses, keys and public incoming payments without a token are not.</li>
 *   <li>Only idempotent requests (GET, DELETE) are retried, on connection errors, timeouts, 408,
 *       429 and 5xx, per {@link RetryPolicy}; POSTs are sent exactly once. Redirects are never
 *       followed: a 3xx fails as {@code HTTP} like any other non-2xx.</li>
 *   <li>Every wallet may be hostile ({@link HttpTransport}): a connection goes only to an address the
 *       configured {@link AddressResolver} returned, an answer is read up to
 *       {@link ClientConfig#maxResponseBytes()} ({@link OpenPaymentsException.Kind#RESPONSE_TOO_LARGE}
 *       past it), and each attempt's time limit covers the whole exchange, up to the body's last byte.</li>
 *   <li>Under a caller's {@link Deadline} each attempt's timeout is at most what is left of it, no
 *       retry starts that would leave less than {@link #MIN_ATTEMPT_TIME} after its wait, and with
 *       less than that left nothing is sent ({@link OpenPaymentsException.Kind#DEADLINE}).</li>
 *   <li>TLS uses the JDK default {@code SSLContext} and checks the certificate against the URL's host:
 *       add a private CA with {@code -Djavax.net.ssl.trustStore}. See {@link ClientConfig#localDevelopment()}
 *       for plain http.</li>
 * </ul>
 */
public final class OpenPaymentsHttp implements AutoCloseable {

    /** Under a {@link Deadline}, the least time left for which a request is still sent (or a retry started after its wait). */
    public static final Duration MIN_ATTEMPT_TIME = Duration.ofMillis(500);

    private final ClientConfig config;
    private final RequestSigner signer;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final HttpTransport transport;

    /**
     * @param signer  signs requests that need it; {@code null} for a client that only makes unsigned reads
     * @param sleeper waits between retries
     * @param random  jitter source
     */
    public OpenPaymentsHttp(ClientConfig config, RequestSigner signer, Sleeper sleeper, RandomGenerator random) {
        this.config = Objects.requireNonNull(config, "config");
        this.signer = signer;
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.transport = new HttpTransport(config);
    }

    public OpenPaymentsHttp(ClientConfig config, RequestSigner signer) {
        this(config, signer, Sleeper.SYSTEM, RandomGenerator.getDefault());
    }

    public ClientConfig config() {
        return config;
    }

    /** Whether a signer is configured (without one only unsigned reads work). */
    public boolean canSign() {
        return signer != null;
    }

    /**
     * Sends the request (retrying idempotent ones per policy) and returns a 2xx answer.
     *
     * @throws OpenPaymentsException INVALID_REQUEST before sending (a refused address too), HTTP for a non-2xx
     *     answer, RESPONSE_TOO_LARGE for an answer over the limit, TIMEOUT/CONNECTION/INTERRUPTED for transport
     *     failures, DEADLINE when the caller's {@link Deadline} ran out
     */
    public ApiResponse send(ApiRequest request) {
        String method = request.method();
        // The wire form is computed once and is both what is signed and what is sent (see WireUrl).
        String wireUrl = Urls.require(WireUrl.of(request.url(), "url"), "url", config.localDevelopment());
        if (config.localDevelopment()) wireUrl = WireUrl.of(Urls.toHttp(wireUrl), "url");
        URI uri = URI.create(wireUrl);
        byte[] body = request.body() == null ? null : Json.stringify(request.body());
        String authorization = request.accessToken() == null ? null : "GNAP " + request.accessToken();
        boolean sign = method.equals("POST") || authorization != null;
        if (sign && signer == null) {
            throw OpenPaymentsException.invalidRequest(
                    "signer", "is required for " + method + " " + wireUrl + " but the client has no signing key");
        }
        int maxAttempts = isIdempotent(method) ? config.retryPolicy().maxAttempts() : 1;
        Deadline deadline = Deadline.current().orElse(null);
        for (int attempt = 1; ; attempt++) {
            Duration timeout = attemptTimeout(deadline, method, wireUrl);
            boolean cutByDeadline = timeout.compareTo(config.requestTimeout()) < 0;
            Duration wait;
            try {
                HttpTransport.Response response = transport.exchange(
                        method, uri, headers(method, wireUrl, authorization, body, sign), body, timeout);
                int status = response.status();
                if (status >= 200 && status < 300) {
                    return new ApiResponse(method, wireUrl, status, response.headers(), response.body());
                }
                OpenPaymentsException error = ErrorBodies.toException(method, wireUrl, status, response.body());
                wait = retryWait(error, attempt, maxAttempts, deadline, retryAfter(response.headers()));
            } catch (HttpTransport.TooLarge e) {
                throw OpenPaymentsException.transport(
                        Kind.RESPONSE_TOO_LARGE,
                        method,
                        wireUrl,
                        e.getMessage() + ", more than this client reads; the rest was not read",
                        e);
            } catch (HttpTransport.TimedOut e) {
                wait = retryWait(timedOut(e, cutByDeadline, timeout, method, wireUrl), attempt, maxAttempts, deadline);
            } catch (RefusedAddressException e) {
                throw OpenPaymentsException.transport(Kind.INVALID_REQUEST, method, wireUrl, e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw OpenPaymentsException.transport(Kind.INVALID_REQUEST, method, wireUrl, e.getMessage(), e);
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw OpenPaymentsException.transport(Kind.INTERRUPTED, method, wireUrl, "interrupted", e);
                }
                String problem = e.getClass().getSimpleName() + ": " + e.getMessage();
                wait = retryWait(
                        OpenPaymentsException.transport(Kind.CONNECTION, method, wireUrl, problem, e),
                        attempt,
                        maxAttempts,
                        deadline);
            }
            sleep(wait, method, wireUrl);
        }
    }

    /**
     * The configured request timeout, or what is left of the caller's deadline when that is less.
     * With less than {@link #MIN_ATTEMPT_TIME} left nothing is sent: a request that can hardly be
     * answered in time would only add a wallet-side effect whose outcome we could not learn.
     */
    private Duration attemptTimeout(Deadline deadline, String method, String wireUrl) {
        if (deadline == null) return config.requestTimeout();
        Duration left = deadline.remaining();
        if (left.compareTo(MIN_ATTEMPT_TIME) < 0) {
            throw OpenPaymentsException.transport(
                    Kind.DEADLINE,
                    method,
                    wireUrl,
                    "not sent: only " + left.toMillis() + " ms were left of the caller's deadline",
                    null);
        }
        return left.compareTo(config.requestTimeout()) < 0 ? left : config.requestTimeout();
    }

    /**
     * The wait before the next attempt, or {@code error} thrown when there is none: the failure is
     * not retryable, the attempts are used up, or the wait plus a useful attempt no longer fits
     * before the deadline (then the caller learns what the server really did, not that time ran out).
     */
    private Duration retryWait(
            OpenPaymentsException error,
            int attempt,
            int maxAttempts,
            Deadline deadline,
            Optional<Duration> retryAfter) {
        if (!error.retryable() || attempt >= maxAttempts) throw error;
        Duration wait = retryAfter.orElseGet(() -> config.retryPolicy().backoff(attempt, random));
        if (deadline != null && !deadline.allows(wait.plus(MIN_ATTEMPT_TIME))) throw error;
        return wait;
    }

    private Duration retryWait(OpenPaymentsException error, int attempt, int maxAttempts, Deadline deadline) {
        return retryWait(error, attempt, maxAttempts, deadline, Optional.empty());
    }

    private OpenPaymentsException timedOut(
            HttpTransport.TimedOut e, boolean cutByDeadline, Duration timeout, String method, String wireUrl) {
        if (e.connectTimeout) {
            return OpenPaymentsException.transport(
                    Kind.TIMEOUT, method, wireUrl, "connect timed out after " + config.connectTimeout(), e);
        }
        return cutByDeadline
                ? OpenPaymentsException.transport(
                        Kind.DEADLINE,
                        method,
                        wireUrl,
                        "no complete response within the " + timeout.toMillis() + " ms left of the caller's deadline",
                        e)
                : OpenPaymentsException.transport(
                        Kind.TIMEOUT, method, wireUrl, "no complete response within " + config.requestTimeout(), e);
    }

    private Optional<Duration> retryAfter(HttpHeaders headers) {
        return headers.firstValue("Retry-After")
                .filter(v -> v.matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v)))
                .map(d -> d.compareTo(config.retryPolicy().maxBackoff()) > 0
                        ? config.retryPolicy().maxBackoff()
                        : d);
    }

    /** The request's headers after {@code Host}, in order; {@code Content-Length} is the transport's, from the same bytes. */
    private List<Map.Entry<String, String>> headers(
            String method, String wireUrl, String authorization, byte[] body, boolean sign) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(8);
        headers.add(Map.entry("Accept", "application/json"));
        if (authorization != null) headers.add(Map.entry("Authorization", authorization));
        boolean contentTypeSet = false;
        if (sign) {
            // Re-signed per attempt so that each retry carries a fresh `created`.
            for (Map.Entry<String, String> h :
                    signer.sign(method, wireUrl, authorization, body).entrySet()) {
                String name = h.getKey();
                if (name.equalsIgnoreCase("Content-Length")) {
                    // Signed, so it must be what the transport will send: the length of these same bytes.
                    if (body == null || !h.getValue().equals(Integer.toString(body.length))) {
                        throw new IllegalStateException(
                                "signer's Content-Length " + h.getValue() + " does not match the body");
                    }
                    continue;
                }
                if (name.equalsIgnoreCase("Content-Type")) contentTypeSet = true;
                headers.add(Map.entry(name, h.getValue()));
            }
        }
        if (body != null && !contentTypeSet) headers.add(Map.entry("Content-Type", "application/json"));
        return headers;
    }

    private void sleep(Duration wait, String method, String url) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OpenPaymentsException.transport(
                    Kind.INTERRUPTED, method, url, "interrupted while waiting to retry", e);
        }
    }

    private static boolean isIdempotent(String method) {
        return method.equals("GET") || method.equals("DELETE") || method.equals("HEAD");
    }

    /** Nothing to release: every exchange closes its own connection. Kept so callers can scope a client. */
    @Override
    public void close() {}
}

package dev.opfunctions.client.http;

import dev.opfunctions.client.Deadline;
import dev.opfunctions.client.OpenPaymentsException;
import dev.opfunctions.client.OpenPaymentsException.Kind;
import dev.opfunctions.client.json.Json;
import dev.opfunctions.client.signature.RequestSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
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
 *       sent. The URL is first rewritten into the form the JDK client puts on the wire ({@link WireUrl}:
 *       non-ASCII percent-encoded after NFC, default port dropped, empty path as {@code /}); that string
 *       is signed and sent unchanged, so the signed {@code @target-uri} is what the server sees. The
 *       JDK client adds no charset to {@code Content-Type} and computes {@code Content-Length}
 *       from the same bytes the signer measured.</li>
 *   <li>Every POST and every request with a token is signed (as the JS client does); GETs of
 *       wallet addresses, keys and public incoming payments without a token are not.</li>
 *   <li>Only idempotent requests (GET, DELETE) are retried, on connection errors, timeouts, 408,
 *       429 and 5xx, per {@link RetryPolicy}; POSTs are sent exactly once.</li>
 *   <li>Under a caller's {@link Deadline} each attempt's timeout is at most what is left of it, no
 *       retry starts that would leave less than {@link #MIN_ATTEMPT_TIME} after its wait, and with
 *       less than that left nothing is sent ({@link OpenPaymentsException.Kind#DEADLINE}).</li>
 *   <li>TLS uses the JDK default {@code SSLContext}: add a private CA with
 *       {@code -Djavax.net.ssl.trustStore}. See {@link ClientConfig#localDevelopment()} for plain http.</li>
 * </ul>
 */
public final class OpenPaymentsHttp implements AutoCloseable {

    /** Under a {@link Deadline}, the least time left for which a request is still sent (or a retry started after its wait). */
    public static final Duration MIN_ATTEMPT_TIME = Duration.ofMillis(500);

    private final ClientConfig config;
    private final RequestSigner signer;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final HttpClient client;

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
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // HTTP/1.1 like the JS client; avoids h2c upgrade headers on plain-http local wallets.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
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
     * @throws OpenPaymentsException INVALID_REQUEST before sending, HTTP for a non-2xx answer,
     *     TIMEOUT/CONNECTION/INTERRUPTED for transport failures, DEADLINE when the caller's {@link Deadline} ran out
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
                HttpResponse<byte[]> response = client.send(
                        build(method, uri, wireUrl, authorization, body, sign, timeout),
                        HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return new ApiResponse(method, wireUrl, status, response.headers(), response.body());
                }
                OpenPaymentsException error = ErrorBodies.toException(method, wireUrl, status, response.body());
                wait = retryWait(error, attempt, maxAttempts, deadline, retryAfter(response));
            } catch (HttpConnectTimeoutException e) {
                wait = retryWait(
                        OpenPaymentsException.transport(
                                Kind.TIMEOUT, method, wireUrl, "connect timed out after " + config.connectTimeout(), e),
                        attempt,
                        maxAttempts,
                        deadline,
                        Optional.empty());
            } catch (HttpTimeoutException e) {
                OpenPaymentsException error = cutByDeadline
                        ? OpenPaymentsException.transport(
                                Kind.DEADLINE,
                                method,
                                wireUrl,
                                "no response within the " + timeout.toMillis() + " ms left of the caller's deadline",
                                e)
                        : OpenPaymentsException.transport(
                                Kind.TIMEOUT, method, wireUrl, "no response within " + config.requestTimeout(), e);
                wait = retryWait(error, attempt, maxAttempts, deadline, Optional.empty());
            } catch (IOException e) {
                wait = retryWait(
                        OpenPaymentsException.transport(
                                Kind.CONNECTION,
                                method,
                                wireUrl,
                                e.getClass().getSimpleName() + ": " + e.getMessage(),
                                e),
                        attempt,
                        maxAttempts,
                        deadline,
                        Optional.empty());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw OpenPaymentsException.transport(Kind.INTERRUPTED, method, wireUrl, "interrupted", e);
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

    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Retry-After")
                .filter(v -> v.matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v)))
                .map(d -> d.compareTo(config.retryPolicy().maxBackoff()) > 0
                        ? config.retryPolicy().maxBackoff()
                        : d);
    }

    private HttpRequest build(
            String method, URI uri, String wireUrl, String authorization, byte[] body, boolean sign, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) b.header("Authorization", authorization);
        boolean contentTypeSet = false;
        if (sign) {
            // Re-signed per attempt so that each retry carries a fresh `created`.
            Map<String, String> headers = signer.sign(method, wireUrl, authorization, body);
            for (Map.Entry<String, String> h : headers.entrySet()) {
                String name = h.getKey();
                if (name.equalsIgnoreCase("Content-Length")) {
                    // Restricted in java.net.http: the client derives it from the same bytes the signer measured.
                    if (body == null || !h.getValue().equals(Integer.toString(body.length))) {
                        throw new IllegalStateException(
                                "signer's Content-Length " + h.getValue() + " does not match the body");
                    }
                    continue;
                }
                if (name.equalsIgnoreCase("Content-Type")) contentTypeSet = true;
                b.header(name, h.getValue());
            }
        }
        if (body != null && !contentTypeSet) b.header("Content-Type", "application/json");
        return b.build();
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

    @Override
    public void close() {
        client.close();
    }
}

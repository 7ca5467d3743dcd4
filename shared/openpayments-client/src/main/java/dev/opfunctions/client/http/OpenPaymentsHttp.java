package dev.opfunctions.client.http;

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
 *   <li>TLS uses the JDK default {@code SSLContext}: add a private CA with
 *       {@code -Djavax.net.ssl.trustStore}. See {@link ClientConfig#localDevelopment()} for plain http.</li>
 * </ul>
 */
public final class OpenPaymentsHttp implements AutoCloseable {

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
     *     TIMEOUT/CONNECTION/INTERRUPTED for transport failures
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
            throw OpenPaymentsException.invalidRequest("signer", "is required for " + method + " " + wireUrl + " but the client has no signing key");
        }
        int maxAttempts = isIdempotent(method) ? config.retryPolicy().maxAttempts() : 1;
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            try {
                HttpResponse<byte[]> response = client.send(build(method, uri, wireUrl, authorization, body, sign), HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return new ApiResponse(method, wireUrl, status, response.headers(), response.body());
                }
                OpenPaymentsException error = ErrorBodies.toException(method, wireUrl, status, response.body());
                if (!error.retryable() || attempt >= maxAttempts) throw error;
                wait = retryAfter(response).orElse(config.retryPolicy().backoff(attempt, random));
            } catch (HttpConnectTimeoutException e) {
                wait = retryOrThrow(OpenPaymentsException.transport(Kind.TIMEOUT, method, wireUrl, "connect timed out after " + config.connectTimeout(), e), attempt, maxAttempts);
            } catch (HttpTimeoutException e) {
                wait = retryOrThrow(OpenPaymentsException.transport(Kind.TIMEOUT, method, wireUrl, "no response within " + config.requestTimeout(), e), attempt, maxAttempts);
            } catch (IOException e) {
                wait = retryOrThrow(OpenPaymentsException.transport(Kind.CONNECTION, method, wireUrl, e.getClass().getSimpleName() + ": " + e.getMessage(), e), attempt, maxAttempts);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw OpenPaymentsException.transport(Kind.INTERRUPTED, method, wireUrl, "interrupted", e);
            }
            sleep(wait, method, wireUrl);
        }
    }

    private HttpRequest build(String method, URI uri, String wireUrl, String authorization, byte[] body, boolean sign) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
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
                        throw new IllegalStateException("signer's Content-Length " + h.getValue() + " does not match the body");
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

    private Duration retryOrThrow(OpenPaymentsException error, int attempt, int maxAttempts) {
        if (!error.retryable() || attempt >= maxAttempts) throw error;
        return config.retryPolicy().backoff(attempt, random);
    }

    private java.util.Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After")
                .filter(v -> v.matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v)))
                .map(d -> d.compareTo(config.retryPolicy().maxBackoff()) > 0 ? config.retryPolicy().maxBackoff() : d);
    }

    private void sleep(Duration wait, String method, String url) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OpenPaymentsException.transport(Kind.INTERRUPTED, method, url, "interrupted while waiting to retry", e);
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

package dev.opfunctions.aws;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import dev.opfunctions.checkout.events.WebhookEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The storefront's webhook URL, signed the Standard Webhooks way with its reference library: headers {@code
 * webhook-id} (the event id, so retries carry the same), {@code webhook-timestamp} (unix seconds of this
 * attempt) and {@code webhook-signature} ({@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}, one per
 * secret, space-separated, during a rotation). Redirects are not followed; connect and answer time out after
 * {@link #TIMEOUT}; at most {@link #MAX_READ} bytes of the answer are read, then dropped.
 */
public final class HttpWebhookEndpoint implements WebhookEndpoint {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_READ = 4096;

    private final URI url;
    private final Supplier<List<String>> secrets;
    private final HttpClient http;

    public HttpWebhookEndpoint(URI url, Supplier<List<String>> secrets) {
        this.url = url;
        this.secrets = secrets;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(TIMEOUT)
                .build();
    }

    @Override
    public String describe() {
        // Scheme, host and path: a query string could carry a storefront's own token.
        return url.getScheme() + "://" + url.getAuthority() + (url.getPath() == null ? "" : url.getPath());
    }

    /** The {@code webhook-signature} header's value for these secrets. */
    static String signature(List<String> secrets, String id, long timestamp, String body) {
        StringBuilder out = new StringBuilder();
        for (String secret : secrets) {
            try {
                if (!out.isEmpty()) out.append(' ');
                out.append(new Webhook(secret).sign(id, timestamp, body));
            } catch (WebhookSigningException | IllegalArgumentException e) {
                throw new IllegalStateException(
                        "a webhook secret is unusable (" + e.getClass().getSimpleName() + ")");
            }
        }
        return out.toString();
    }

    @Override
    public Answer post(String eventId, Instant attemptAt, String body) {
        long timestamp = attemptAt.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("content-type", "application/json")
                .header("webhook-id", eventId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature(secrets.get(), eventId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                in.readNBytes(MAX_READ);
            }
            return new Answer.Status(response.statusCode());
        } catch (IOException e) {
            return new Answer.Unreachable(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer.Unreachable("InterruptedException");
        }
    }
}

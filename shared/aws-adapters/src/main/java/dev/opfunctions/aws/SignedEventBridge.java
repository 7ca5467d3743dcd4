package dev.opfunctions.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.checkout.events.EventBus;
import dev.opfunctions.checkout.events.StorefrontEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * {@link EventBus} on EventBridge's PutEvents, made with the SDK's own SigV4 signer, credentials chain and
 * region chain over the JDK's HTTP client. Why not {@code EventBridgeClient}: the {@code eventbridge} module
 * is missing at this project's SDK version from the Maven mirror these builds reach (the modules of one SDK
 * release must share its version); when the SDK is bumped, this class becomes a thin wrapper of that client.
 * The endpoint follows the SDK's rules: {@code AWS_ENDPOINT_URL_EVENTBRIDGE}, then {@code AWS_ENDPOINT_URL},
 * then {@code https://events.{region}.amazonaws.com} (how the local runner points it at a local server).
 */
public final class SignedEventBridge implements EventBus {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Set<String> NOT_COPIED = Set.of("host", "content-length");

    private final URI endpoint;
    private final String region;
    private final String busName;
    private final AwsCredentialsProvider credentials;

    public SignedEventBridge(URI endpoint, String region, String busName, AwsCredentialsProvider credentials) {
        this.endpoint = endpoint;
        this.region = region;
        this.busName = busName;
        this.credentials = credentials;
    }

    /** From the environment, as the SDK's clients are ({@code busName} "default" is the account's default bus). */
    public static SignedEventBridge fromEnvironment(Map<String, String> env, String busName) {
        String region = new DefaultAwsRegionProviderChain().getRegion().id();
        String url = env.getOrDefault("AWS_ENDPOINT_URL_EVENTBRIDGE", env.get("AWS_ENDPOINT_URL"));
        URI endpoint =
                URI.create(url == null || url.isBlank() ? "https://events." + region + ".amazonaws.com" : url.trim());
        return new SignedEventBridge(
                endpoint, region, busName, DefaultCredentialsProvider.builder().build());
    }

    @Override
    public void publish(List<StorefrontEvent> events) {
        if (events.isEmpty()) return;
        if (events.size() > MAX_BATCH) throw new IllegalArgumentException("PutEvents takes at most " + MAX_BATCH);
        ObjectNode request = CheckoutJson.MAPPER.createObjectNode();
        ArrayNode entries = request.putArray("Entries");
        for (StorefrontEvent e : events) {
            ObjectNode entry = entries.addObject()
                    .put("Source", SOURCE)
                    .put("DetailType", e.type().wireName())
                    .put("Detail", e.detail())
                    .put("Time", e.at().getEpochSecond());
            if (!"default".equals(busName)) entry.put("EventBusName", busName);
        }
        JsonNode answer = call("PutEvents", request);
        int failed = answer.path("FailedEntryCount").asInt();
        if (failed > 0) {
            JsonNode first = java.util.stream.StreamSupport.stream(
                            answer.path("Entries").spliterator(), false)
                    .filter(n -> n.has("ErrorCode"))
                    .findFirst()
                    .orElse(CheckoutJson.MAPPER.createObjectNode());
            throw new IllegalStateException(failed + " of " + events.size() + " events not put on " + busName + ": "
                    + first.path("ErrorCode").asText() + " "
                    + first.path("ErrorMessage").asText());
        }
    }

    /** One signed AWSEvents call (JSON 1.1); a non-2xx answer throws with the service's error type. */
    JsonNode call(String action, ObjectNode body) {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint.resolve("/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AWSEvents." + action)
                .build();
        var signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(credentials.resolveCredentials())
                        .request(unsigned)
                        .payload(ContentStreamProvider.fromByteArrayUnsafe(bytes))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "events")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpRequest.Builder http = HttpRequest.newBuilder(signed.request().getUri())
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        signed.request().headers().forEach((name, values) -> {
            if (!NOT_COPIED.contains(name.toLowerCase(Locale.ROOT))) values.forEach(v -> http.header(name, v));
        });
        try {
            HttpResponse<String> response = HTTP.send(http.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = response.body() == null || response.body().isBlank()
                    ? CheckoutJson.MAPPER.createObjectNode()
                    : CheckoutJson.MAPPER.readTree(response.body());
            if (response.statusCode() / 100 != 2)
                throw new IllegalStateException("EventBridge " + action + " answered " + response.statusCode() + " "
                        + answer.path("__type").asText() + " "
                        + answer.path("message").asText());
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "EventBridge " + action + " failed: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling EventBridge", e);
        }
    }
}

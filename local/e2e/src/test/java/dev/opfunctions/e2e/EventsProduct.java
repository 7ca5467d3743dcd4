package dev.opfunctions.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.local.LocalFunction;
import dev.opfunctions.local.LocalProduct;
import dev.opfunctions.local.ReceivedWebhook;
import dev.opfunctions.local.RicFunction;
import dev.opfunctions.local.RunnerSettings;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;

/**
 * The whole runner for the storefront-events tests, driven as a storefront and a customer would: orders
 * through the HTTP API (with the API key), consent approved or denied on the sandbox's admin surface and the
 * finish redirect followed; and the judges: what the demo storefront's receiver verified and recorded, what
 * the EventBridge stand-in got, and the delivery rows {@code GET /checkouts/{id}/events} shows ({@link EventsTold}). Function
 * output goes to {@code target/storefront-events-e2e.log}, so a failure can be read there.
 */
final class EventsProduct implements AutoCloseable {

    private static final Path REPO =
            Path.of(System.getProperty("repo.root")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Set<String> TERMINAL = Set.of("completed", "failed", "rejected", "expired", "cancelled");

    /** How the receiver treats one checkout's deliveries: a status to answer instead of recording, or 0 to record. */
    @FunctionalInterface
    interface Refusal {
        int statusFor(String webhookId, String type);
    }

    final LocalProduct product;
    private final PrintStream log;
    private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();
    private final Map<String, String> consentUrls = new ConcurrentHashMap<>();

    private final KillableFunction deliverEvents;

    private final BusTripwire tripwire;

    private EventsProduct(LocalProduct product, PrintStream log, KillableFunction deliverEvents, BusTripwire tripwire) {
        this.product = product;
        this.log = log;
        this.deliverEvents = deliverEvents;
        this.tripwire = tripwire;
        product.storefront().refuseWebhooks((webhookId, type) -> {
            Refusal r = checkoutOf(webhookId).map(refusals::get).orElse(null);
            int status = r == null ? 0 : r.statusFor(webhookId, type);
            return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
        });
    }

    /**
     * Starts the runner: schedule every 2 s (the plan's and the expiry's ticks), the sandbox's grants at once,
     * deliver-events in an environment the test can kill ({@link #deliverEvents()}), its PutEvents through
     * {@link #tripwire()}.
     */
    static EventsProduct start() throws Exception {
        Path file = Files.createDirectories(REPO.resolve("local/e2e/target")).resolve("storefront-events-e2e.log");
        PrintStream log = new PrintStream(Files.newOutputStream(file), true, java.nio.charset.StandardCharsets.UTF_8);
        RunnerSettings settings = RunnerSettings.defaults(REPO)
                .withPort(0)
                .withSandbox(0, 0)
                .withSchedulePeriod(Optional.of(Duration.ofSeconds(2)))
                .withOutput(
                        line -> log.println("[runner] " + line), name -> line -> log.println("[" + name + "] " + line));
        List<KillableFunction> killable = new java.util.concurrent.CopyOnWriteArrayList<>();
        UnaryOperator<LocalFunction> around = f -> {
            if (!f.definition().logicalId().equals("DeliverEventsFunction") || !(f instanceof RicFunction ric))
                return f;
            KillableFunction k = new KillableFunction(ric);
            killable.add(k);
            return k;
        };
        BusTripwire tripwire = BusTripwire.start();
        LocalProduct product;
        try {
            product = LocalProduct.start(
                    settings,
                    Map.of("AWS_ENDPOINT_URL_EVENTBRIDGE", tripwire.endpoint().toString()),
                    around);
        } catch (Exception | Error e) {
            tripwire.close();
            throw e;
        }
        tripwire.passTo(product.eventBus().endpoint());
        assertEquals(1, killable.size(), "deliver-events runs in one killable environment");
        for (String needed : List.of(
                "StartCheckoutFunction",
                "ConsentFinishFunction",
                "CreateOutgoingFunction",
                "ScheduledInstallmentFunction",
                "DeliverEventsFunction")) {
            assertTrue(
                    product.functions().containsKey(needed),
                    needed + " must run (mvn package builds its jar): " + product.notRunning());
        }
        product.sandbox().admin().fund(product.sandbox().walletAddressUrl("customer"), 100_000_000L);
        return new EventsProduct(product, log, killable.get(0), tripwire);
    }

    /** Between the functions and the EventBridge stand-in: acts once a given PutEvents reached the bus. */
    BusTripwire tripwire() {
        return tripwire;
    }

    /** deliver-events' execution environment, to kill. */
    KillableFunction deliverEvents() {
        return deliverEvents;
    }

    /** From now on the receiver treats the checkout's deliveries as {@code refusal} says. */
    void refuse(String checkoutId, Refusal refusal) {
        refusals.put(checkoutId, refusal);
    }

    /** {@code evt_{checkoutId}_{sequence}}: checkout ids have no underscore. */
    private static Optional<String> checkoutOf(String webhookId) {
        if (webhookId == null || !webhookId.startsWith("evt_") || webhookId.lastIndexOf('_') < 4)
            return Optional.empty();
        return Optional.of(webhookId.substring(4, webhookId.lastIndexOf('_')));
    }

    String order(String orderId, String payees) {
        return "{\"orderId\":\"" + orderId + "\",\"customerWalletAddress\":\"" + customer()
                + "\",\"amount\":{\"value\":\"5000\",\"assetCode\":\"MXN\",\"assetScale\":2}"
                + (payees == null ? "" : ",\"payees\":" + payees)
                + ",\"returnUrl\":\"" + product.baseUrl() + "/orders/" + orderId + "\"}";
    }

    String planOrder(String orderId, int count, String period) {
        return "{\"orderId\":\"" + orderId + "\",\"customerWalletAddress\":\"" + customer()
                + "\",\"amount\":{\"value\":\"30000\",\"assetCode\":\"MXN\",\"assetScale\":2}"
                + ",\"installments\":{\"count\":" + count + ",\"period\":\"" + period + "\",\"firstAtConsent\":true}"
                + ",\"returnUrl\":\"" + product.baseUrl() + "/orders/" + orderId + "\"}";
    }

    /** The shop's wallet and the marketplace's, 95 % and 5 %. */
    String splitPayees() {
        return "[{\"walletAddress\":\"" + product.sandbox().walletAddressUrl("retailer") + "\",\"share\":95},"
                + "{\"walletAddress\":\"" + product.sandbox().walletAddressUrl(LocalProduct.MARKETPLACE_FEES_WALLET)
                + "\",\"share\":5}]";
    }

    private String customer() {
        return product.sandbox().walletAddressUrl("customer");
    }

    /** POSTs the order; returns the new checkout's id. */
    String create(String order) throws Exception {
        HttpResponse<String> created = send("POST", "/checkouts", order);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode checkout = JSON.readTree(created.body());
        consentUrls.put(checkout.get("id").asText(), checkout.get("redirectUrl").asText());
        return checkout.get("id").asText();
    }

    void approve(String id) throws Exception {
        decide(id, true);
    }

    void deny(String id) throws Exception {
        decide(id, false);
    }

    /** The customer decides at the wallet, and their browser follows the redirect to the finish route. */
    private void decide(String id, boolean approve) throws Exception {
        String consent = consentUrls.get(id);
        String finish = (approve
                        ? product.sandbox().admin().approve(consent)
                        : product.sandbox().admin().deny(consent))
                .orElseThrow();
        HttpResponse<String> back =
                HTTP.send(HttpRequest.newBuilder(URI.create(finish)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, back.statusCode(), back.body());
    }

    JsonNode view(String id) throws Exception {
        HttpResponse<String> r = send("GET", "/checkouts/" + id, null);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    JsonNode awaitTerminal(String id, Duration timeout) {
        return Awaitility.await("checkout " + id + " reaches a terminal status")
                .atMost(timeout)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> view(id), v -> TERMINAL.contains(v.get("status").asText()));
    }

    /** {@code GET /checkouts/{id}/events}, or only the undelivered ones; the {@code events} array. */
    JsonNode events(String id, boolean undelivered) throws Exception {
        HttpResponse<String> r =
                send("GET", "/checkouts/" + id + "/events" + (undelivered ? "?undelivered=true" : ""), null);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("events");
    }

    /** The checkout's event of {@code type} once its delivery is {@code status}. */
    JsonNode awaitEvent(String id, String type, String status, Duration timeout) {
        return Awaitility.await("checkout " + id + ": " + type + " " + status)
                .atMost(timeout)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> {
                            for (JsonNode e : events(id, false))
                                if (e.get("type").asText().equals(type)) return e;
                            return JSON.nullNode();
                        },
                        e -> status.equals(e.at("/delivery/status").asText()));
    }

    /** What the receiver verified and recorded for the checkout, once it has at least {@code count}. */
    List<ReceivedWebhook> awaitReceived(String id, int count, Duration timeout) {
        return Awaitility.await("the storefront received " + count + " event(s) of " + id)
                .atMost(timeout)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> product.storefront().received(id), r -> r.size() >= count);
    }

    /** A call to the API as the storefront makes it, with the API key. */
    HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(product.baseUrl() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) b.header("content-type", "application/json");
        product.apiKey().ifPresent(key -> b.header("x-api-key", key));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        product.close();
        tripwire.close();
        log.close();
    }
}

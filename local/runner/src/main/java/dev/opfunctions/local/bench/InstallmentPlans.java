package dev.opfunctions.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.sandbox.SandboxAdmin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * The seeding of {@link InstallmentThroughput}: two-installment plans created through the storefront's
 * API, consented at the sandbox and followed through the finish route, as a customer would, so that the
 * plans the benchmark measures are in the table exactly as the product puts them there.
 */
final class InstallmentPlans {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InstallmentPlans() {}

    /** Creates {@code count} plans and gives every consent, 16 at a time; returns the checkout ids. */
    static List<String> seed(
            Shop shop, SandboxAdmin admin, String customer, String baseUrl, int count, int periodMinutes)
            throws Exception {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<JsonNode> created = Collections.synchronizedList(new ArrayList<>());
        Semaphore slots = new Semaphore(16);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> posts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ObjectNode o = JSON.createObjectNode();
                o.put("orderId", "bench-" + run + "-" + i);
                o.put("customerWalletAddress", customer);
                o.putObject("amount")
                        .put("value", "1000")
                        .put("assetCode", "MXN")
                        .put("assetScale", 2);
                o.put("description", "installment benchmark");
                o.put("returnUrl", baseUrl + "/order.html");
                o.putObject("installments")
                        .put("count", 2)
                        .put("period", "PT" + periodMinutes + "M")
                        .put("firstAtConsent", true);
                slots.acquire();
                posts.add(pool.submit(() -> {
                    try {
                        JsonNode checkout = shop.send("POST", shop.api + "/checkouts", o.toString());
                        if (checkout != null && checkout.hasNonNull("redirectUrl")) created.add(checkout);
                    } finally {
                        slots.release();
                    }
                    return null;
                }));
            }
            for (Future<?> f : posts) f.get();
            List<Future<?>> consents = new ArrayList<>();
            for (JsonNode checkout : created) {
                slots.acquire();
                consents.add(pool.submit(() -> {
                    try {
                        String finish = admin.approve(
                                        checkout.get("redirectUrl").asText())
                                .orElseThrow();
                        shop.send("GET", finish, null);
                        ids.add(checkout.get("id").asText());
                    } finally {
                        slots.release();
                    }
                    return null;
                }));
            }
            for (Future<?> f : consents) f.get();
        }
        return ids;
    }

    /** The plans whose first installment is paid (waiting for the others up to {@code timeout}). */
    static List<String> awaitFirstInstallmentsPaid(CheckoutStore store, List<String> ids, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        List<String> paid = new ArrayList<>();
        List<String> waiting = new ArrayList<>(ids);
        while (!waiting.isEmpty() && Instant.now().isBefore(deadline)) {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                String id = it.next();
                Checkout c = store.find(id).orElse(null);
                if (c != null && c.status().isTerminal()) {
                    it.remove();
                } else if (c != null && c.hasPlan() && c.plan().installment(0).paid()) {
                    paid.add(id);
                    it.remove();
                }
            }
            if (!waiting.isEmpty()) Thread.sleep(2000);
        }
        return paid;
    }

    /** The storefront's side: the API through the storefront backend (which adds the API key), and the browser. */
    static final class Shop {
        private final HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        private final String api;

        Shop(String baseUrl) {
            this.api = baseUrl + "/shop/api";
        }

        /** The answer's JSON body (null when there is none); fails on a status of 400 or more. */
        JsonNode send(String method, String url, String body) throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(120))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) b.header("content-type", "application/json");
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 400) {
                throw new IOException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body().isBlank() || r.statusCode() == 302 ? null : JSON.readTree(r.body());
        }
    }
}

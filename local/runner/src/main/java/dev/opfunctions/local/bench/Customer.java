package dev.opfunctions.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.sandbox.SandboxAdmin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One shop customer going through a checkout as a person would: the shop POSTs the order (through the
 * storefront backend, which adds the API key), the customer waits the grant's {@code continue.wait},
 * approves at the wallet and their browser follows the finish redirect. The state is watched in the
 * table directly (not through the API), so watching adds nothing to the metered figures.
 */
final class Customer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WATCH_EVERY = Duration.ofMillis(100);

    /** The kinds of checkout the benchmark drives. */
    enum Kind {
        ONE_TIME,
        SPLIT,
        INSTALLMENTS
    }

    /** The wallets a run pays from and to. */
    record Wallets(String customer, String merchant, String marketplace, String returnUrl) {}

    /**
     * How one checkout went: {@code created} when the POST was answered, {@code postTime} how long it took;
     * {@code doneAt} completion (for a plan: its first installment paid) and {@code consentToDone} the time
     * from the approval to it, both null when not done; {@code checkoutId} null when not created.
     */
    record Outcome(
            String checkoutId,
            Instant created,
            Duration postTime,
            Instant doneAt,
            Duration consentToDone,
            String status) {
        boolean done() {
            return doneAt != null;
        }

        static Outcome failed(String checkoutId, Instant created, Duration postTime, String status) {
            return new Outcome(checkoutId, created, postTime, null, null, status);
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String apiBase;
    private final SandboxAdmin admin;
    private final CheckoutStore store;
    private final Wallets wallets;

    Customer(String baseUrl, SandboxAdmin admin, CheckoutStore store, Wallets wallets) {
        this.apiBase = baseUrl + "/shop/api";
        this.admin = admin;
        this.store = store;
        this.wallets = wallets;
    }

    /** Drives one checkout until it is done (or ended otherwise) or {@code deadline} passes. */
    Outcome checkout(String orderId, Kind kind, Instant deadline) throws IOException, InterruptedException {
        Instant posted = Instant.now();
        HttpResponse<String> created = send("POST", apiBase + "/checkouts", order(orderId, kind));
        Instant answered = Instant.now();
        Duration postTime = Duration.between(posted, answered);
        if (created.statusCode() != 201) {
            return Outcome.failed(null, answered, postTime, "POST answered " + created.statusCode());
        }
        JsonNode body = JSON.readTree(created.body());
        String id = body.path("id").asText();
        Checkout c = store.find(id).orElseThrow(() -> new IllegalStateException("checkout " + id + " not stored"));
        // A person reads the consent page before approving; the grant cannot be continued before continue.wait.
        Duration wait = Duration.between(Instant.now(), c.consent().continueAfter());
        if (!wait.isNegative()) Thread.sleep(wait);
        Instant approved = Instant.now();
        Optional<String> finish = admin.approve(body.path("redirectUrl").asText());
        if (finish.isPresent()) {
            HttpResponse<String> back = send("GET", finish.get(), null);
            if (back.statusCode() != 302)
                return Outcome.failed(id, answered, postTime, "finish answered " + back.statusCode());
        }
        while (Instant.now().isBefore(deadline)) {
            c = store.find(id).orElseThrow();
            Optional<Instant> doneAt = doneAt(c, kind);
            if (doneAt.isPresent()) {
                Duration toDone = Duration.between(approved, doneAt.get());
                return new Outcome(id, answered, postTime, doneAt.get(), toDone, status(c));
            }
            if (c.status().isTerminal()) return Outcome.failed(id, answered, postTime, status(c));
            Thread.sleep(WATCH_EVERY);
        }
        return Outcome.failed(id, answered, postTime, status(c) + " at the deadline");
    }

    /** The shop cancels the checkout (a plan: no more installments). */
    void cancel(String checkoutId) throws InterruptedException {
        try {
            send("POST", apiBase + "/checkouts/" + checkoutId + "/cancel", "{}");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** When the checkout was done: completed, or for a plan, its first installment paid. */
    static Optional<Instant> doneAt(Checkout c, Kind kind) {
        if (kind == Kind.INSTALLMENTS) {
            return c.plan() == null
                    ? Optional.empty()
                    : Optional.ofNullable(c.plan().installment(0).paidAt());
        }
        return c.status() == CheckoutStatus.COMPLETED ? Optional.ofNullable(c.finishedAt()) : Optional.empty();
    }

    private static String status(Checkout c) {
        return c.status().wireName();
    }

    /** The order: small amounts in minor units, so hundreds of checkouts fit the funded balance. */
    private String order(String orderId, Kind kind) {
        ObjectNode o = JSON.createObjectNode();
        o.put("orderId", orderId);
        o.put("customerWalletAddress", wallets.customer());
        o.putObject("amount").put("value", "1200").put("assetCode", "MXN").put("assetScale", 2);
        o.put("description", "bench " + kind.name().toLowerCase(java.util.Locale.ROOT));
        o.put("returnUrl", wallets.returnUrl());
        if (kind == Kind.SPLIT) {
            var payees = o.putArray("payees");
            payees.addObject().put("walletAddress", wallets.merchant()).put("share", 90);
            payees.addObject().put("walletAddress", wallets.marketplace()).put("share", 10);
        }
        if (kind == Kind.INSTALLMENTS) {
            // The shortest period the functions accept; the later installment is due a minute after consent.
            o.putObject("installments").put("count", 2).put("period", "PT1M").put("firstAtConsent", true);
        }
        return o.toString();
    }

    private HttpResponse<String> send(String method, String url, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(120))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) b.header("content-type", "application/json");
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}

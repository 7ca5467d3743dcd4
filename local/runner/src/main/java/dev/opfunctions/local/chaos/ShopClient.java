package dev.opfunctions.local.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The storefront's side of a chaos run: the API through the storefront backend (which adds the API
 * key, as the demo shop does), and the wallet's finish redirect as the customer's browser follows it.
 * Calls that fail for reasons chaos causes (a 5xx, a connection closed by a killed function) are
 * retried a bounded number of times with the same body, as a shop would.
 */
final class ShopClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 12;

    /** An answer: status and parsed body (null when it is not JSON). */
    record Reply(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 400;
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String apiBase;
    private final ChaosCounters counters;

    ShopClient(String baseUrl, ChaosCounters counters) {
        this.apiBase = baseUrl + "/shop/api";
        this.counters = counters;
    }

    Reply createCheckout(String orderJson) throws InterruptedException {
        return retried("POST", apiBase + "/checkouts", orderJson);
    }

    /**
     * A POST whose refusal is the expected answer (a hostile shopper's): 502 is final; other 5xx and
     * unanswered calls are retried like any, since chaos may stand in the way.
     */
    Reply createCheckoutExpectingRefusal(String orderJson) throws InterruptedException {
        return retried("POST", apiBase + "/checkouts", orderJson, true);
    }

    Reply cancel(String checkoutId) throws InterruptedException {
        return retried("POST", apiBase + "/checkouts/" + checkoutId + "/cancel", "{}");
    }

    /** The checkout's storefront events not delivered yet (GET /checkouts/{id}/events?undelivered=true). */
    Reply undeliveredEvents(String checkoutId) throws InterruptedException {
        return retried("GET", apiBase + "/checkouts/" + checkoutId + "/events?undelivered=true", null);
    }

    /** Asks for one event's webhook again (202), as a storefront does once its endpoint is fixed. */
    Reply redeliver(String checkoutId, long sequence) throws InterruptedException {
        return retried("POST", apiBase + "/checkouts/" + checkoutId + "/events/" + sequence + "/redeliver", "{}");
    }

    /** Follows the wallet's finish redirect (a public route): 302 back to the shop when accepted. */
    Reply finish(String finishUrl) throws InterruptedException {
        return retried("GET", finishUrl, null);
    }

    private Reply retried(String method, String url, String body) throws InterruptedException {
        return retried(method, url, body, false);
    }

    private Reply retried(String method, String url, String body, boolean badGatewayIsFinal)
            throws InterruptedException {
        Reply last = new Reply(0, null);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            last = once(method, url, body);
            if (last.status() != 0 && (last.status() < 500 || badGatewayIsFinal && last.status() == 502)) {
                return last;
            }
            counters.retriedCalls.incrementAndGet();
            Thread.sleep(Math.min(4000, 250L * attempt));
        }
        return last;
    }

    private Reply once(String method, String url, String body) throws InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(120))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("content-type", "application/json");
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = r.body().isEmpty() ? null : JSON.readTree(r.body());
            } catch (IOException notJson) {
                json = null;
            }
            return new Reply(r.statusCode(), json);
        } catch (IOException e) {
            return new Reply(0, null);
        }
    }
}

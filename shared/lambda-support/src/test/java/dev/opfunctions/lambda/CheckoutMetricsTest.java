package dev.opfunctions.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.checkout.fakes.InMemoryCheckoutStore;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.Failure;
import dev.opfunctions.lambda.priming.PrimingSamples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckoutMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Duration KEEP = Duration.ofDays(90);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CheckoutMetrics metrics = new CheckoutMetrics(
            "OpenPaymentsFunctions",
            "create-outgoing",
            new PrintStream(out, true, StandardCharsets.UTF_8),
            Clock.fixed(T0, ZoneOffset.UTC));
    private final InMemoryCheckoutStore memory = new InMemoryCheckoutStore();
    private final ObservedCheckoutStore store = new ObservedCheckoutStore(memory, metrics);

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n"))
            if (!line.isBlank()) lines.add(JSON.readTree(line));
        return lines;
    }

    private Checkout stored(String id) {
        return memory.find(id).orElseThrow();
    }

    @Test
    void writesAnEmbeddedMetricFormatLineInTheConfiguredNamespaceWithTheServiceDimension() throws Exception {
        metrics.started("c-1");

        JsonNode line = lines().get(0);
        JsonNode directive = line.at("/_aws/CloudWatchMetrics/0");
        assertEquals(T0.toEpochMilli(), line.at("/_aws/Timestamp").asLong());
        assertEquals("OpenPaymentsFunctions", directive.path("Namespace").asText());
        assertEquals("[[\"service\"]]", directive.path("Dimensions").toString());
        assertEquals("CheckoutsStarted", directive.at("/Metrics/0/Name").asText());
        assertEquals("Count", directive.at("/Metrics/0/Unit").asText());
        assertEquals(1, line.path("CheckoutsStarted").asInt());
        assertEquals("create-outgoing", line.path("service").asText());
        assertEquals("c-1", line.path("checkout_id").asText());
    }

    @Test
    void takesNamespaceAndServiceFromThePowertoolsVariables() {
        CheckoutMetrics fromEnv = CheckoutMetrics.from(
                Map.of("POWERTOOLS_METRICS_NAMESPACE", "Shop", "POWERTOOLS_SERVICE_NAME", "start-checkout"),
                System.out);
        assertEquals("Shop", fromEnv.namespace());
        assertEquals(
                CheckoutMetrics.DEFAULT_NAMESPACE,
                CheckoutMetrics.from(Map.of(), System.out).namespace());
    }

    @Test
    void countsAStartedCheckoutAndItsCompletionOnceWithTheTimeToComplete() throws Exception {
        Checkout c = PrimingSamples.checkout(T0);
        store.create(c, List.of());
        store.update(stored(c.id())
                .edit(T0.plusSeconds(20))
                .moveTo(CheckoutStatus.CONSENT_GRANTED, KEEP)
                .change("consent", ""));
        store.update(stored(c.id())
                .edit(T0.plusSeconds(25))
                .moveTo(CheckoutStatus.PAYING, KEEP)
                .change("paying", ""));
        store.update(stored(c.id()).edit(T0.plusSeconds(30)).followChecks(1).change("check", ""));
        store.update(stored(c.id())
                .edit(T0.plusSeconds(42))
                .moveTo(CheckoutStatus.COMPLETED, KEEP)
                .change("completed", ""));
        store.update(stored(c.id()).edit(T0.plusSeconds(50)).followChecks(2).change("late check", ""));

        List<JsonNode> lines = lines();
        assertEquals(2, lines.size(), lines.toString());
        assertEquals(1, lines.get(0).path("CheckoutsStarted").asInt());
        assertEquals(1, lines.get(1).path("CheckoutsCompleted").asInt());
        assertEquals(42_000, lines.get(1).path("CheckoutTimeToCompletion").asLong());
        assertEquals(
                "Milliseconds",
                lines.get(1).at("/_aws/CloudWatchMetrics/0/Metrics/1/Unit").asText());
    }

    @Test
    void countsFailuresWithTheirCodeAndAbandonmentsWithTheirStatus() throws Exception {
        Checkout failing = PrimingSamples.checkout(T0);
        store.create(failing, List.of());
        store.update(stored(failing.id())
                .edit(T0.plusSeconds(5))
                .fail(new Failure("WALLET_UNAVAILABLE", "down"), KEEP)
                .change("failed", ""));

        List<JsonNode> lines = lines();
        assertEquals(1, lines.get(1).path("CheckoutsFailed").asInt());
        assertEquals("WALLET_UNAVAILABLE", lines.get(1).path("reason").asText());
        assertFalse(lines.get(1).has("CheckoutTimeToCompletion"));
    }

    @Test
    void aRefusedWriteCountsNothing() throws Exception {
        Checkout c = PrimingSamples.checkout(T0);
        store.create(c, List.of());
        var stale = stored(c.id())
                .edit(T0.plusSeconds(1))
                .moveTo(CheckoutStatus.CANCELLED, KEEP)
                .change("cancel", "");
        store.update(stored(c.id()).edit(T0.plusSeconds(1)).followChecks(1).change("bump", ""));

        try {
            store.update(stale);
        } catch (RuntimeException expected) {
            // the conditional write lost: someone else changed the checkout first
        }

        assertEquals(1, lines().size(), "only the start was counted");
        assertTrue(lines().get(0).has("CheckoutsStarted"));
    }

    @Test
    void countsACheckoutHandedToAPersonOnceWithItsReasonCode() throws Exception {
        Checkout c = PrimingSamples.checkout(T0);
        store.create(c, List.of());
        store.update(stored(c.id())
                .edit(T0.plusSeconds(20))
                .moveTo(CheckoutStatus.CONSENT_GRANTED, KEEP)
                .change("consent", ""));
        store.update(stored(c.id())
                .edit(T0.plusSeconds(25))
                .moveTo(CheckoutStatus.PAYING, KEEP)
                .change("paying", ""));
        store.update(stored(c.id())
                .edit(T0.plusSeconds(30))
                .reason(new Failure("PAYMENT_NOT_FOUND", "the wallet forgot it"))
                .moveTo(CheckoutStatus.NEEDS_REVIEW, KEEP)
                .change(Checkout.NEEDS_REVIEW_EVENT, ""));
        store.update(stored(c.id()).edit(T0.plusSeconds(40)).change("note", "a later write is not counted again"));

        List<JsonNode> lines = lines();
        assertEquals(2, lines.size(), lines.toString());
        assertEquals(1, lines.get(1).path(CheckoutMetrics.NEEDS_REVIEW).asInt());
        assertEquals("PAYMENT_NOT_FOUND", lines.get(1).path("reason").asText());
        assertEquals(
                "CheckoutsNeedingReview",
                lines.get(1).at("/_aws/CloudWatchMetrics/0/Metrics/0/Name").asText());
    }
}

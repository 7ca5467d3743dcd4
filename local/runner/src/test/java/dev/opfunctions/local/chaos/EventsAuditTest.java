package dev.opfunctions.local.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.model.CheckoutEvent;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.local.LocalEventBus;
import dev.opfunctions.local.ReceivedWebhook;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The events audit: what a history implies, and what counts as missing, unexpected, retried or doubled. */
class EventsAuditTest {
    private static final Instant AT = Instant.parse("2026-12-06T00:00:00Z");

    @Test
    void aPlansHistoryImpliesEachTransitionOnceWithThePlanTypes() {
        List<CheckoutEvent> history = List.of(
                event(1, "checkout-created", CheckoutStatus.AWAITING_CONSENT),
                event(2, "consent-granted", CheckoutStatus.CONSENT_GRANTED),
                event(3, "leg-paid", CheckoutStatus.ACTIVE),
                event(4, "installment-paid", CheckoutStatus.ACTIVE),
                event(5, "installment-past-due", CheckoutStatus.PAST_DUE),
                event(6, "installment-past-due", CheckoutStatus.PAST_DUE),
                event(7, "checkout-completed", CheckoutStatus.COMPLETED));

        Map<String, String> expected = EventsAudit.expected("c1", history, true);

        assertEquals(
                List.of(
                        "evt_c1_2 checkout.consent_granted",
                        "evt_c1_4 installment.paid",
                        "evt_c1_5 installment.past_due",
                        "evt_c1_7 plan.completed"),
                expected.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .toList());
    }

    @Test
    void anEventNotReceivedIsMissingAndOneOfAnotherTypeOrNoHistoryIsUnexpected() {
        Map<String, Map<String, String>> expected =
                Map.of("c1", ordered("evt_c1_2", "checkout.consent_granted", "evt_c1_5", "checkout.completed"));
        Map<String, List<ReceivedWebhook>> received = Map.of(
                "c1", List.of(webhook("c1", 2, "checkout.consent_granted"), webhook("c1", 5, "checkout.failed")));
        List<LocalEventBus.BusEvent> bus = List.of(
                onBus("evt_c1_2", "checkout.consent_granted"),
                onBus("evt_c1_5", "checkout.completed"),
                onBus("evt_c9_3", "checkout.completed"));

        EventsAudit.Result r = EventsAudit.audit(expected, received, bus, new WebhookRefusals(1, 0), Set.of());

        assertEquals(List.of("c1 evt_c1_5 checkout.completed"), r.missing());
        assertEquals(List.of("c1 evt_c1_5 checkout.failed"), r.unexpected());
        assertEquals(List.of("evt_c9_3 checkout.completed"), r.busUnexpected());
        assertEquals(List.of(), r.busMissing());
        assertEquals(1, r.delivered());
        assertFalse(r.passed());
    }

    @Test
    void refusedEventsAreCountedAsRetriedOrRedeliveredAndTheBusMayRepeatAnEvent() {
        Map<String, Map<String, String>> expected =
                Map.of("c1", ordered("evt_c1_2", "checkout.consent_granted", "evt_c1_5", "checkout.completed"));
        WebhookRefusals refusals = new WebhookRefusals(1, 100);
        assertTrue(refusals.statusFor("evt_c1_2", "t").isPresent(), "all refused while on");
        assertTrue(refusals.statusFor("evt_c1_5", "t").isPresent());
        refusals.stop();
        assertTrue(refusals.statusFor("evt_c1_2", "t").isEmpty(), "once stopped, nothing is refused");
        refusals.statusFor("evt_c1_5", "t");
        refusals.statusFor("evt_c1_5", "t");
        Map<String, List<ReceivedWebhook>> received = Map.of(
                "c1", List.of(webhook("c1", 2, "checkout.consent_granted"), webhook("c1", 5, "checkout.completed")));
        List<LocalEventBus.BusEvent> bus = List.of(
                onBus("evt_c1_2", "checkout.consent_granted"),
                onBus("evt_c1_5", "checkout.completed"),
                onBus("evt_c1_5", "checkout.completed"));

        EventsAudit.Result r = EventsAudit.audit(expected, received, bus, refusals, Set.of("evt_c1_5"));

        assertTrue(r.passed(), r.toString());
        assertEquals(2, r.expected());
        assertEquals(2, r.delivered());
        assertEquals(2, r.refused());
        assertEquals(1, r.refusedThenRetried());
        assertEquals(1, r.redelivered());
        assertEquals(1, r.deliveredAgain());
        assertEquals(1, r.busDuplicates());
    }

    private static CheckoutEvent event(long version, String type, CheckoutStatus status) {
        return new CheckoutEvent("c1", version, AT.plusSeconds(version), type, status, null);
    }

    private static Map<String, String> ordered(String... idsAndTypes) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < idsAndTypes.length; i += 2) m.put(idsAndTypes[i], idsAndTypes[i + 1]);
        return m;
    }

    private static ReceivedWebhook webhook(String checkout, long sequence, String type) {
        return new ReceivedWebhook("evt_" + checkout + "_" + sequence, type, checkout, sequence, "{}", AT);
    }

    private static LocalEventBus.BusEvent onBus(String id, String type) {
        return new LocalEventBus.BusEvent(
                "bus-" + id, AT, "default", "opfunctions.checkout", type, "{\"id\":\"" + id + "\"}", List.of());
    }
}

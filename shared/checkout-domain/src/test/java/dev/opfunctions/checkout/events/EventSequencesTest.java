package dev.opfunctions.checkout.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.EventFakes;
import dev.opfunctions.checkout.model.Checkout;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each kind of checkout, driven through the real services on the in-memory fakes, yields exactly the
 * storefront events its stored transitions call for, read from the store's stream of writes.
 */
class EventSequencesTest {

    private final CheckoutFixture f = new CheckoutFixture();
    private static final ObjectMapper JSON = new ObjectMapper();

    private List<StorefrontEvent> events() {
        return EventFakes.stream(f.store).stream()
                .flatMap(t -> t.storefrontEvents().stream())
                .toList();
    }

    private List<String> types() {
        return events().stream().map(e -> e.type().wireName()).toList();
    }

    private Checkout paid(String order) {
        Checkout c = f.started(order);
        f.consent(c).orElseThrow();
        f.drain(f.worker(), 10);
        return f.reload(c);
    }

    @Test
    void aOneTimePurchaseTellsConsentThenCompletion() {
        Checkout c = paid(CheckoutFixture.b2c("o-1"));

        assertEquals(List.of("checkout.consent_granted", "checkout.completed"), types());
        StorefrontEvent done = events().get(1);
        assertEquals("evt_" + c.id() + "_" + done.sequence(), done.id());
        assertEquals("completed", done.data().get("status").asText());
        assertEquals("140000", done.data().at("/receivedAmount/value").asText());
        assertEquals("o-1", done.data().get("orderId").asText());
    }

    @Test
    void aSplitPurchaseTellsTheSameTwoEventsOnce() {
        paid(CheckoutFixture.split("o-2", "100000"));

        assertEquals(List.of("checkout.consent_granted", "checkout.completed"), types());
    }

    @Test
    void aRefusedConsentTellsRejectedOnly() {
        Checkout c = f.started(CheckoutFixture.b2c("o-3"));

        f.finish()
                .finish(c.id(), Map.of("result", "grant_rejected", "s", f.finishSecret(c)))
                .orElseThrow();

        assertEquals(List.of("checkout.rejected"), types());
        assertEquals("rejected", events().get(0).data().get("status").asText());
    }

    @Test
    void anUnansweredConsentTellsExpiredOnly() {
        Checkout c = f.started(CheckoutFixture.b2c("o-4"));
        f.clock.advance(Duration.ofMinutes(11));

        f.worker().handle(new Command.ExpireConsent(c.id()), 1);

        assertEquals(List.of("checkout.expired"), types());
    }

    @Test
    void aThreeInstallmentPlanTellsEachInstallmentAndTheEnd() throws Exception {
        Checkout c = paid(CheckoutFixture.plan("plan-1", 3, "P1W"));
        for (int n = 2; n <= 3; n++) {
            Instant wake = f.reload(c).wakeAt().orElseThrow();
            f.clock.advance(Duration.between(f.clock.instant(), wake.plusSeconds(3)));
            f.scheduledRun(10);
            f.drain(f.worker(), 10);
        }

        assertEquals(
                List.of("checkout.consent_granted", "installment.paid", "installment.paid", "plan.completed"), types());
        List<JsonNode> installments =
                events().stream().skip(1).map(e -> e.data().get("installment")).toList();
        assertEquals(
                List.of(1, 2, 3),
                installments.stream().map(i -> i.get("number").asInt()).toList());
        assertTrue(installments.stream()
                .allMatch(i -> i.get("of").asInt() == 3
                        && "paid".equals(i.get("status").asText())));
        assertEquals("completed", events().get(3).data().get("status").asText());
    }

    /** Creates the plan, consents and lets create-outgoing charge installment 1. */
    private Checkout activePlan() {
        f.settings = f.settings.withPlans(f.settings.plans().withRotationWait(Duration.ofMillis(200)));
        return paid(CheckoutFixture.plan("plan-2", 3, "P1W"));
    }

    private void tick(Checkout c) {
        Instant wake = f.reload(c).wakeAt().orElseThrow();
        Duration gap = Duration.between(f.clock.instant(), wake.plusSeconds(3));
        if (!gap.isNegative()) f.clock.advance(gap);
        f.scheduledRun(10);
        f.drain(f.worker(), 10);
    }

    @Test
    void anInstallmentFailingItsRetriesIsPastDueOnceThenThePlanFails() {
        Checkout c = activePlan();
        f.wallets.autoSettle(false);
        for (int attempt = 1; attempt <= 3; attempt++) {
            tick(c);
            String op = f.reload(c)
                    .leg(new dev.opfunctions.checkout.model.LegKey(1, 0))
                    .orElseThrow()
                    .outgoingPaymentId();
            f.wallets.failPayment(op);
            f.worker().handle(new Command.FollowPayments(c.id(), 1), 1);
        }
        Checkout pastDue = f.reload(c);
        f.clock.advance(Duration.between(
                f.clock.instant(), pastDue.plan().installment(1).windowEnd()));
        f.scheduledRun(10);

        assertEquals(
                List.of("checkout.consent_granted", "installment.paid", "installment.past_due", "plan.failed"),
                types());
        JsonNode late = events().get(2).data();
        assertEquals(2, late.at("/installment/number").asInt());
        assertEquals("past_due", late.at("/installment/status").asText());
        assertEquals("INSTALLMENT_PAST_DUE", late.at("/reason/code").asText());
        assertEquals(
                "INSTALLMENT_UNCOLLECTED",
                events().get(3).data().at("/failure/code").asText());
    }

    @Test
    void aPlanCancelledBetweenInstallmentsTellsPlanCancelled() {
        Checkout c = activePlan();

        f.queries().cancel(c.id()).orElseThrow();

        assertEquals(List.of("checkout.consent_granted", "installment.paid", "plan.cancelled"), types());
    }

    @Test
    void aOneTimeCheckoutCancelledBeforeConsentTellsCheckoutCancelled() {
        Checkout c = f.started(CheckoutFixture.b2c("o-6"));

        f.queries().cancel(c.id()).orElseThrow();

        assertEquals(List.of("checkout.cancelled"), types());
    }

    @Test
    void aPlanWhoseGrantIsRevokedTellsPlanFailed() {
        Checkout c = activePlan();
        f.wallets.cancelGrant(c.consent().continueUri(), c.consent().continueToken());

        tick(c);

        assertEquals(List.of("checkout.consent_granted", "installment.paid", "plan.failed"), types());
        assertEquals("GRANT_REVOKED", events().get(2).data().at("/failure/code").asText());
    }

    @Test
    void sequencesIncreaseAndTheBodyIsCompactJsonWithTypeTimestampAndData() throws Exception {
        paid(CheckoutFixture.b2c("o-5"));
        List<StorefrontEvent> es = events();

        assertTrue(es.get(0).sequence() < es.get(1).sequence());
        JsonNode body = JSON.readTree(es.get(1).body());
        assertEquals("checkout.completed", body.get("type").asText());
        assertEquals(es.get(1).at().toString(), body.get("timestamp").asText());
        assertEquals(es.get(1).id(), body.at("/data/id").asText());
        assertFalse(es.get(1).body().contains(" "), "compact");
        assertFalse(es.get(1).body().contains("token"), "no tokens");
    }
}

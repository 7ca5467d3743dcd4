package dev.opfunctions.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.Consent;
import dev.opfunctions.checkout.model.Failure;
import dev.opfunctions.checkout.model.Installment;
import dev.opfunctions.checkout.model.Leg;
import dev.opfunctions.checkout.model.LegStatus;
import dev.opfunctions.client.model.Amount;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden stored checkout still reads with today's mapper, and what matters survives: ids, states,
 * amounts, leases, payment ids, failures, consent and plan progress. Each value is compared with the
 * document's own text, by the name it was stored under, so a component renamed without reading the old
 * name (or dropped) fails here, as it would fail on every stored checkout at the next deploy.
 */
class StoredCheckoutGoldenTest {

    static Stream<Path> goldenFiles() {
        return GoldenCheckouts.files().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void readsEveryGoldenFileAndKeepsItsKeyFields(Path file) throws Exception {
        String json = GoldenCheckouts.read(file);
        JsonNode doc = CheckoutJson.MAPPER.readTree(json);

        Checkout c = StoredCheckoutForm.read(doc.get("id").asText(), json);

        assertEquals(doc.get("orderId").asText(), c.orderId());
        assertEquals(doc.get("status").asText(), c.status().name());
        assertEquals(doc.get("version").asLong(), c.version());
        assertEquals(instant(doc.get("updatedAt")), c.updatedAt());
        assertEquals(instant(doc.get("finishedAt")), c.finishedAt());
        assertEquals(amount(doc.get("amount")), c.amount());
        assertEquals(doc.at("/customer/id").asText(), c.customer().id());
        assertEquals(
                text(doc.at("/paymentToken/manageUrl")),
                c.paymentToken() == null ? null : c.paymentToken().manageUrl());
        assertFailure(doc.get("failure"), c.failure());
        assertFailure(doc.get("reason"), c.reason());
        assertEquals(doc.get("followChecks").asInt(), c.followChecks());
        assertEquals(doc.get("legs").size(), c.legs().size());
        for (int i = 0; i < c.legs().size(); i++)
            assertLeg(doc.get("legs").get(i), c.legs().get(i));
        assertConsent(doc.get("consent"), doc.get("plan"), c.consent());
        assertPlan(doc.get("plan"), c);
    }

    @Test
    void theGoldenFilesCoverEveryCheckoutStateAndLegStatus() {
        Set<CheckoutStatus> states = EnumSet.noneOf(CheckoutStatus.class);
        Set<LegStatus> legs = EnumSet.noneOf(LegStatus.class);
        for (Checkout c : goldenCheckouts()) {
            states.add(c.status());
            c.legs().forEach(l -> legs.add(l.status()));
        }

        assertEquals(
                EnumSet.allOf(CheckoutStatus.class), states, "add a sample to StoredCheckoutSamples for a new state");
        assertEquals(
                EnumSet.allOf(LegStatus.class), legs, "add a sample to StoredCheckoutSamples for a new leg status");
    }

    @Test
    void theGoldenFilesCoverLeasesConsentsAndInstallmentsInEachOfTheirStates() {
        List<Checkout> all = goldenCheckouts();

        assertTrue(all.stream().flatMap(c -> c.legs().stream()).anyMatch(l -> l.leaseOwner() != null), "a leased leg");
        assertTrue(
                all.stream().flatMap(c -> c.legs().stream()).anyMatch(l -> l.incomingClosedAt() != null),
                "a closed incoming payment");
        assertTrue(all.stream().anyMatch(c -> c.consent().interactRef() == null), "a consent not yet given");
        assertTrue(all.stream().anyMatch(c -> c.consent().continuingUntil() != null), "a consent being continued");
        assertTrue(all.stream().anyMatch(c -> c.consent().grantClosedAt() != null), "a one-time grant closed");
        List<Installment> installments = all.stream()
                .filter(Checkout::hasPlan)
                .flatMap(c -> c.plan().installments().stream())
                .toList();
        assertTrue(installments.stream().anyMatch(Installment::paid), "a paid installment");
        assertTrue(installments.stream().anyMatch(i -> i.lastFailure() != null && !i.paid()), "a failed installment");
        assertTrue(
                all.stream().anyMatch(c -> c.hasPlan() && c.consent().grantClosedAt() != null),
                "a cancelled plan's grant");
        assertFalse(all.stream().anyMatch(c -> c.legs().size() < 1), "every checkout has legs");
    }

    private static List<Checkout> goldenCheckouts() {
        return GoldenCheckouts.files().stream()
                .map(GoldenCheckouts::read)
                .map(json -> StoredCheckoutForm.read(idOf(json), json))
                .toList();
    }

    private static String idOf(String json) {
        try {
            return CheckoutJson.MAPPER.readTree(json).get("id").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertLeg(JsonNode stored, Leg leg) {
        String at = "leg " + leg.key();
        assertEquals(stored.at("/key/installment").asInt(), leg.key().installment(), at);
        assertEquals(stored.at("/key/payeeIndex").asInt(), leg.key().payeeIndex(), at);
        assertEquals(stored.get("status").asText(), leg.status().name(), at);
        assertEquals(stored.at("/payee/id").asText(), leg.payee().id(), at);
        assertEquals(amount(stored.get("receiveAmount")), leg.receiveAmount(), at);
        assertEquals(text(stored.get("incomingPaymentId")), leg.incomingPaymentId(), at);
        assertEquals(text(stored.get("quoteId")), leg.quoteId(), at);
        assertEquals(amount(stored.get("debitAmount")), leg.debitAmount(), at);
        assertEquals(text(stored.get("leaseOwner")), leg.leaseOwner(), at);
        assertEquals(instant(stored.get("leaseUntil")), leg.leaseUntil(), at);
        assertEquals(stored.get("createAttempts").asInt(), leg.createAttempts(), at);
        assertEquals(text(stored.get("outgoingPaymentId")), leg.outgoingPaymentId(), at);
        assertEquals(amount(stored.get("sentAmount")), leg.sentAmount(), at);
        assertEquals(amount(stored.get("receivedAmount")), leg.receivedAmount(), at);
        assertEquals(instant(stored.get("incomingClosedAt")), leg.incomingClosedAt(), at);
        assertFailure(stored.get("failure"), leg.failure());
    }

    private static void assertConsent(JsonNode stored, JsonNode plan, Consent consent) {
        assertEquals(text(stored.get("interactRef")), consent.interactRef());
        assertEquals(text(stored.get("continueUri")), consent.continueUri());
        assertEquals(text(stored.get("grantRequestUri")), consent.grantRequestUri());
        assertEquals(text(stored.get("finishSecretHash")), consent.finishSecretHash());
        assertEquals(instant(stored.get("deadline")), consent.deadline());
        assertEquals(instant(stored.get("continuingUntil")), consent.continuingUntil());
        // Stored before one field held it, a plan's closed grant was on the plan: it reads onto the consent.
        Instant closed = instant(stored.get("grantClosedAt"));
        if (closed == null && plan != null && !plan.isNull()) closed = instant(plan.get("grantCancelledAt"));
        assertEquals(closed, consent.grantClosedAt());
        assertEquals(stored.get("round").asInt(), consent.round());
    }

    private static void assertPlan(JsonNode stored, Checkout c) {
        assertEquals(stored == null || stored.isNull(), !c.hasPlan());
        if (!c.hasPlan()) return;
        assertEquals(stored.get("count").asInt(), c.plan().count());
        assertEquals(stored.get("period").asText(), c.plan().period());
        assertEquals(amount(stored.get("debitLimit")), c.plan().debitLimit());
        assertEquals(instant(stored.get("wakeAt")), c.plan().wakeAt());
        assertEquals(stored.get("tokenRotatedFor").asInt(), c.plan().tokenRotatedFor());
        assertNull(c.plan().grantCancelledAt(), "folded into the consent when read");
        JsonNode installments = stored.get("installments");
        assertEquals(installments.size(), c.plan().installments().size());
        for (int i = 0; i < installments.size(); i++) {
            JsonNode s = installments.get(i);
            Installment got = c.plan().installment(i);
            assertEquals(s.get("index").asInt(), got.index());
            assertEquals(instant(s.get("dueAt")), got.dueAt());
            assertEquals(amount(s.get("amount")), got.amount());
            assertEquals(s.get("attempts").asInt(), got.attempts());
            assertEquals(instant(s.get("retryAt")), got.retryAt());
            assertEquals(instant(s.get("paidAt")), got.paidAt());
            assertFailure(s.get("lastFailure"), got.lastFailure());
        }
    }

    private static void assertFailure(JsonNode stored, Failure failure) {
        if (stored == null || stored.isNull()) {
            assertEquals(null, failure);
            return;
        }
        assertEquals(
                stored.get("code").asText(),
                Objects.requireNonNull(failure, "failure lost").code());
        assertEquals(stored.get("message").asText(), failure.message());
    }

    private static Amount amount(JsonNode n) {
        if (n == null || n.isNull()) return null;
        return Amount.parse(
                n.get("value").asText(),
                n.get("assetCode").asText(),
                n.get("assetScale").asInt());
    }

    private static Instant instant(JsonNode n) {
        return n == null || n.isNull() ? null : Instant.parse(n.asText());
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asText();
    }
}

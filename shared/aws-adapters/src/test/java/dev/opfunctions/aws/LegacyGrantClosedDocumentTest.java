package dev.opfunctions.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A plan stored when its closed grant was {@code plan.grantCancelledAt} (before one field on the consent held
 * it for every checkout) still reads through the store's mapper, also when unknown properties are refused,
 * and the fact lands on the consent.
 */
class LegacyGrantClosedDocumentTest {

    private static final Instant CLOSED = Instant.parse("2026-03-13T01:02:03Z");

    private final CheckoutFixture f = new CheckoutFixture();

    private String id;

    /** A cancelled plan as a document of the old shape: the closed grant on the plan, none of the consent's new fields. */
    private String legacyDocument() throws Exception {
        Checkout c = f.started(CheckoutFixture.plan("legacy-1", 3, "P1W"));
        Checkout cancelled = c.edit(f.clock.instant())
                .moveTo(CheckoutStatus.CANCELLED, Duration.ofDays(90))
                .build();
        id = cancelled.id();
        ObjectNode doc = (ObjectNode) CheckoutJson.MAPPER.readTree(StoredCheckoutForm.write(cancelled));
        ObjectNode consent = (ObjectNode) doc.get("consent");
        consent.remove("grantClosedAt");
        consent.remove("grantCancelRefusals");
        consent.remove("grantCancelRefusal");
        ((ObjectNode) doc.get("plan")).put("grantCancelledAt", CLOSED.toString());
        return CheckoutJson.MAPPER.writeValueAsString(doc);
    }

    @Test
    void aPlanStoredWithItsClosedGrantOnThePlanReadsWithTheFactOnTheConsent() throws Exception {
        String legacy = legacyDocument();
        Checkout read = StoredCheckoutForm.read(id, legacy);

        assertEquals(CLOSED, read.consent().grantClosedAt());
        assertNull(read.plan().grantCancelledAt(), "folded into the consent, not kept twice");
        assertFalse(read.owesGrantCancel(), "a grant closed before the change is not cancelled again");
        assertFalse(
                StoredCheckoutForm.write(read).contains("\"grantCancelledAt\""), "written back in the new shape only");
    }

    @Test
    void theOldFieldStillReadsWhenUnknownPropertiesAreRefused() throws Exception {
        // The store's reading refuses unknown properties (StoredCheckoutForm): the old field is a known one.
        String legacy = legacyDocument();
        Checkout read = StoredCheckoutForm.read(id, legacy);

        assertEquals(CLOSED, read.consent().grantClosedAt());
    }
}

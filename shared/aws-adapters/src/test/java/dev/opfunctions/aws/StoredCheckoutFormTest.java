package dev.opfunctions.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.port.CheckoutStore.UnreadableCheckoutException;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A stored checkout is mapped completely or refused loudly, naming the checkout; older documents still read. */
class StoredCheckoutFormTest {

    private static final String ID = "golden-plan";

    /** The plan past due (legs in several states, a failed installment), as a tree to change. */
    private static ObjectNode golden() throws Exception {
        return (ObjectNode) CheckoutJson.MAPPER.readTree(
                GoldenCheckouts.read(GoldenCheckouts.folder().resolve("plan-past-due.json")));
    }

    private static String changed(Consumer<ObjectNode> change) throws Exception {
        ObjectNode doc = golden();
        change.accept(doc);
        return doc.toString();
    }

    private static UnreadableCheckoutException refused(String json) {
        UnreadableCheckoutException e =
                assertThrows(UnreadableCheckoutException.class, () -> StoredCheckoutForm.read(ID, json));
        assertEquals(ID, e.checkoutId());
        assertTrue(e.getMessage().contains("stored checkout " + ID + " "), e.getMessage());
        return e;
    }

    @Test
    void writesTheCurrentVersionFirstAndReadsItsOwnDocumentBack() throws Exception {
        Checkout c = StoredCheckoutForm.read(ID, golden().toString());

        String written = StoredCheckoutForm.write(c);

        assertTrue(written.startsWith("{\"schemaVersion\":" + StoredCheckoutForm.CURRENT + ","), written);
        assertEquals(c, StoredCheckoutForm.read(ID, written));
    }

    @Test
    void readsADocumentWrittenBeforeVersionsAsVersionOne() throws Exception {
        String unversioned = changed(d -> d.remove(StoredCheckoutForm.VERSION_FIELD));

        assertEquals(StoredCheckoutForm.read(ID, golden().toString()), StoredCheckoutForm.read(ID, unversioned));
    }

    @Test
    void refusesAPropertyNoComponentTakesSuchAsARenamedOne() throws Exception {
        String renamed = changed(d -> {
            ObjectNode leg = (ObjectNode) d.get("legs").get(0);
            leg.set("leaseHolder", leg.remove("leaseOwner"));
        });

        assertTrue(refused(renamed).getMessage().contains("leaseHolder"));
    }

    @Test
    void refusesAnUnknownPropertyInsideAnAmount() throws Exception {
        refused(changed(d -> ((ObjectNode) d.get("amount")).put("currency", "MXN")));
    }

    @Test
    void refusesAStoredFormNewerThanThisCode() throws Exception {
        String newer = changed(d -> d.put(StoredCheckoutForm.VERSION_FIELD, StoredCheckoutForm.CURRENT + 1));

        assertTrue(refused(newer).getMessage().contains("newer version"));
    }

    @Test
    void refusesAMissingRequiredPartAndNamesIt() throws Exception {
        String noKey = changed(d -> ((ObjectNode) d.get("legs").get(1)).remove("key"));
        String noScale = changed(d -> ((ObjectNode) d.get("customer")).remove("assetScale"));
        String noLegs = changed(d -> d.remove("legs"));

        assertTrue(refused(noKey).getMessage().contains("legs[1].key"));
        assertTrue(refused(noScale).getMessage().contains("customer.assetScale"));
        assertTrue(refused(noLegs).getMessage().contains("legs"));
    }

    @Test
    void refusesAnUnknownStateANullRequiredNumberAndAnotherCheckoutsDocument() throws Exception {
        refused(changed(d -> ((ObjectNode) d.get("legs").get(0)).put("status", "REFUNDED")));
        refused(changed(d -> d.putNull("version")));
        refused(changed(d -> d.put("id", "someone-else")));
        refused("{\"schemaVersion\":1,");
        refused("[]");
    }

    @Test
    void readsAnOptionalComponentAnOlderDocumentLacksAsNull() throws Exception {
        String older = changed(d -> {
            ((ObjectNode) d.get("legs").get(0)).remove("incomingClosedAt");
            ((ObjectNode) d.get("consent")).remove("grantClosedAt");
            ((ObjectNode) d.get("consent")).remove("round");
            ((ObjectNode) d.get("legs").get(0)).remove("createAttempts");
        });

        Checkout c = StoredCheckoutForm.read(ID, older);

        assertNull(c.legs().get(0).incomingClosedAt());
        assertNull(c.consent().grantClosedAt());
        assertEquals(1, c.consent().roundNumber());
        assertEquals(0, c.legs().get(0).createAttempts());
    }

    /** Stands for a record that gains a list component (a leg's attempts) after documents were written without it. */
    record Grown(String id, List<String> attempts) {}

    @Test
    void readsAListComponentAnOlderDocumentLacksAsEmpty() throws Exception {
        Grown read = CheckoutJson.STRICT.readValue("{\"id\":\"a\"}", Grown.class);

        assertEquals(List.of(), read.attempts());
    }
}

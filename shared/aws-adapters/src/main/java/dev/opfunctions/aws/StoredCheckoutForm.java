package dev.opfunctions.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.port.CheckoutStore.UnreadableCheckoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A checkout's stored document: the checkout's JSON with {@value #VERSION_FIELD} first. Reading maps a
 * document completely or refuses it with {@link UnreadableCheckoutException}, naming the checkout: a
 * version newer than {@link #CURRENT}, a property no component takes (a component renamed without an
 * alias, or removed), or a missing required part ({@link RequiredParts}). Quietly ignoring what it cannot
 * map would lose state at the next write (a create lease, an outgoing payment id). Documents written
 * before the version existed carry none and are version 1.
 *
 * <p>A change to the domain records that older documents cannot follow (a renamed component) keeps
 * reading them with {@code @JsonAlias}, or bumps {@link #CURRENT} and converts here; the golden files in
 * {@code src/test/resources/stored-checkouts} are today's documents and must keep reading.
 */
final class StoredCheckoutForm {

    /** The stored form this code writes, and the newest it reads. */
    static final int CURRENT = 1;

    static final String VERSION_FIELD = "schemaVersion";

    private StoredCheckoutForm() {}

    static String write(Checkout checkout) {
        return tree(checkout).toString();
    }

    /** The stored document as a tree, for the store to split and compress. */
    static ObjectNode tree(Checkout checkout) {
        ObjectNode doc = CheckoutJson.MAPPER.createObjectNode().put(VERSION_FIELD, CURRENT);
        doc.setAll((ObjectNode) CheckoutJson.MAPPER.valueToTree(checkout));
        return doc;
    }

    /**
     * The checkout stored under {@code checkoutId}, mapped completely.
     *
     * @throws UnreadableCheckoutException when the document cannot be mapped completely
     */
    static Checkout read(String checkoutId, String json) {
        JsonNode tree;
        try {
            tree = CheckoutJson.STRICT.readTree(json);
        } catch (JsonProcessingException e) {
            throw unreadable(checkoutId, "the document is not JSON (" + e.getOriginalMessage() + ")", e);
        }
        return read(checkoutId, tree);
    }

    /**
     * {@link #read(String, String)} of a document already parsed (the store reassembles it from its items).
     *
     * @throws UnreadableCheckoutException when the document cannot be mapped completely
     */
    static Checkout read(String checkoutId, JsonNode tree) {
        if (tree == null || !tree.isObject()) throw unreadable(checkoutId, "the document is not a JSON object", null);
        ObjectNode doc = ((ObjectNode) tree).deepCopy();
        int version = version(checkoutId, doc.remove(VERSION_FIELD));
        List<String> missing = RequiredParts.missing(doc);
        if (!missing.isEmpty())
            throw unreadable(
                    checkoutId, "stored form " + version + " lacks required " + String.join(", ", missing), null);
        Checkout checkout;
        try {
            checkout = CheckoutJson.STRICT.treeToValue(doc, Checkout.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw unreadable(checkoutId, "stored form " + version + " does not map: " + describe(e), e);
        }
        if (!checkoutId.equals(checkout.id()))
            throw unreadable(checkoutId, "the document is checkout " + checkout.id() + "'s", null);
        return checkout;
    }

    private static int version(String checkoutId, JsonNode v) {
        if (v == null) return 1;
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1)
            throw unreadable(checkoutId, VERSION_FIELD + " " + v + " is not a stored-form version", null);
        if (v.intValue() > CURRENT)
            throw unreadable(
                    checkoutId,
                    "it was written in stored form " + v.intValue() + " by a newer version; this one reads up to "
                            + CURRENT,
                    null);
        return v.intValue();
    }

    /** Jackson's own sentence, which names the property and its path, without the location noise. */
    private static String describe(Exception e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
            String path = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce("", String::concat);
            return m.getOriginalMessage().lines().findFirst().orElse("")
                    + (path.isEmpty() ? "" : " at " + path.substring(1));
        }
        return e.getMessage();
    }

    private static UnreadableCheckoutException unreadable(String checkoutId, String why, Throwable cause) {
        return new UnreadableCheckoutException(checkoutId, why, cause);
    }

    /** What no stored checkout can lack, even one written long ago: identities, keys, states and the amounts' scales. */
    static final class RequiredParts {

        private RequiredParts() {}

        static List<String> missing(JsonNode doc) {
            List<String> out = new ArrayList<>();
            need(
                    doc,
                    "",
                    out,
                    "id",
                    "orderId",
                    "status",
                    "version",
                    "createdAt",
                    "updatedAt",
                    "customer",
                    "amount",
                    "legs");
            wallet(doc.get("customer"), "customer", out);
            JsonNode legs = doc.get("legs");
            for (int i = 0; legs != null && i < legs.size(); i++) {
                JsonNode leg = legs.get(i);
                String at = "legs[" + i + "]";
                need(leg, at + ".", out, "key", "payee", "receiveAmount", "status");
                need(leg.get("key"), at + ".key.", out, "installment", "payeeIndex");
                wallet(leg.get("payee"), at + ".payee", out);
            }
            JsonNode consent = doc.get("consent");
            if (present(consent)) need(consent, "consent.", out, "grantRequestUri", "deadline");
            JsonNode plan = doc.get("plan");
            if (present(plan)) {
                need(plan, "plan.", out, "count", "period", "interval", "debitLimit", "installments");
                JsonNode installments = plan.get("installments");
                for (int i = 0; installments != null && i < installments.size(); i++)
                    need(
                            installments.get(i),
                            "plan.installments[" + i + "].",
                            out,
                            "index",
                            "dueAt",
                            "windowEnd",
                            "amount");
            }
            return out;
        }

        private static void wallet(JsonNode wallet, String at, List<String> out) {
            if (present(wallet))
                need(wallet, at + ".", out, "id", "assetCode", "assetScale", "authServer", "resourceServer");
        }

        private static void need(JsonNode node, String prefix, List<String> out, String... fields) {
            if (!present(node) || !node.isObject()) return; // the parent's own check names it
            for (String f : fields) if (!present(node.get(f))) out.add(prefix + f);
        }

        private static boolean present(JsonNode n) {
            return n != null && !n.isNull();
        }
    }
}

package dev.opfunctions.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Splits a plan's stored document into what changes now and what does not, on the JSON tree (so the domain
 * does not know): an installment group is the installment ({@code plan.installments[n]}) with its legs
 * ({@code legs[*]} whose {@code key.installment} is n). A group that is finished (every leg {@code COMPLETED}
 * or {@code CANCELLED}) or untouched (every leg {@code SCHEDULED}) is stored apart, in its own item; the
 * others (the installment being collected) stay in the state document. Which groups go apart only decides
 * what a write costs, never what reads back: {@link #join} puts any split back exactly.
 */
final class PlanParts {

    private static final Set<String> SETTLED = Set.of("COMPLETED", "CANCELLED");

    private PlanParts() {}

    /** The state document without the groups stored apart, and those groups by installment index. */
    record Split(ObjectNode state, Map<Integer, ObjectNode> apart) {}

    static Split split(ObjectNode doc) {
        JsonNode installments = doc.path("plan").path("installments");
        if (!installments.isArray() || installments.isEmpty()) return new Split(doc, Map.of());
        Map<Integer, List<JsonNode>> legsOf = new TreeMap<>();
        for (JsonNode leg : doc.path("legs"))
            legsOf.computeIfAbsent(leg.path("key").path("installment").asInt(), k -> new ArrayList<>())
                    .add(leg);
        Map<Integer, ObjectNode> apart = new TreeMap<>();
        for (JsonNode inst : installments) {
            int n = inst.path("index").asInt();
            List<JsonNode> legs = legsOf.getOrDefault(n, List.of());
            if (!legs.isEmpty() && (all(legs, SETTLED) || all(legs, Set.of("SCHEDULED")))) {
                ObjectNode group = CheckoutJson.MAPPER.createObjectNode();
                group.set("i", inst);
                group.set("l", CheckoutJson.MAPPER.createArrayNode().addAll(legs));
                apart.put(n, group);
            }
        }
        if (apart.isEmpty()) return new Split(doc, Map.of());
        ObjectNode state = doc.deepCopy();
        ArrayNode keptInstallments = CheckoutJson.MAPPER.createArrayNode();
        for (JsonNode inst : installments)
            if (!apart.containsKey(inst.path("index").asInt())) keptInstallments.add(inst);
        ((ObjectNode) state.get("plan")).set("installments", keptInstallments);
        ArrayNode keptLegs = CheckoutJson.MAPPER.createArrayNode();
        for (JsonNode leg : doc.path("legs"))
            if (!apart.containsKey(leg.path("key").path("installment").asInt())) keptLegs.add(leg);
        state.set("legs", keptLegs);
        return new Split(state, apart);
    }

    /** The whole document again: each group's installment and legs back in place, in index and key order. */
    static ObjectNode join(ObjectNode state, Iterable<JsonNode> groups) {
        List<JsonNode> installments = new ArrayList<>();
        List<JsonNode> legs = new ArrayList<>();
        state.path("plan").path("installments").forEach(installments::add);
        state.path("legs").forEach(legs::add);
        Set<Integer> seen = new HashSet<>();
        boolean any = false;
        for (JsonNode g : groups) {
            any = true;
            if (!seen.add(g.path("i").path("index").asInt()))
                throw new IllegalArgumentException("installment " + g.path("i").path("index") + " is stored twice");
            installments.add(g.get("i"));
            g.path("l").forEach(legs::add);
        }
        if (!any) return state;
        ObjectNode doc = state.deepCopy();
        installments.sort(Comparator.comparingInt(i -> i.path("index").asInt()));
        legs.sort(Comparator.<JsonNode>comparingInt(
                        l -> l.path("key").path("installment").asInt())
                .thenComparingInt(l -> l.path("key").path("payeeIndex").asInt()));
        ((ObjectNode) doc.get("plan"))
                .set("installments", CheckoutJson.MAPPER.createArrayNode().addAll(installments));
        doc.set("legs", CheckoutJson.MAPPER.createArrayNode().addAll(legs));
        return doc;
    }

    /** A fingerprint of a group's content: a group is written again only when it changed. */
    static String hash(JsonNode group) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(DocCodec.withoutNulls(group).toString().getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean all(List<JsonNode> legs, Set<String> statuses) {
        return legs.stream().allMatch(l -> statuses.contains(l.path("status").asText()));
    }
}

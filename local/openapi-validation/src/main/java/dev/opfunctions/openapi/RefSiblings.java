package dev.opfunctions.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Rewrites {@code additionalProperties} that sits beside a {@code $ref} into {@code unevaluatedProperties}.
 *
 * <p>The Open Payments specs write {@code {$ref: incoming-payment, additionalProperties: false}}
 * meaning "an incoming payment and nothing more". Under strict 2020-12 rules the sibling
 * {@code additionalProperties:false} sees no {@code properties} of its own and forbids every field.
 * The reference stack (the JS client and Rafiki, through {@code @interledger/openapi}) dereferences
 * by merging the sibling into the target, so the intended meaning wins; {@code unevaluatedProperties}
 * expresses exactly that in 2020-12 because it sees the properties the {@code $ref} evaluated.
 */
final class RefSiblings {

    private RefSiblings() {}

    static JsonNode asUnevaluated(JsonNode document) {
        JsonNode copy = document.deepCopy();
        rewrite(copy);
        return copy;
    }

    private static void rewrite(JsonNode node) {
        if (node instanceof ObjectNode object
                && object.has("$ref")
                && object.has("additionalProperties")
                && !object.has("properties")
                && !object.has("patternProperties")) {
            object.set("unevaluatedProperties", object.remove("additionalProperties"));
        }
        node.forEach(RefSiblings::rewrite);
    }
}

package dev.opfunctions.lambda.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.FailureCode;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.LegStatus;
import dev.opfunctions.checkout.service.ReceivedPayment;
import dev.opfunctions.lambda.HttpErrors;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code openapi.yaml} against the code, as {@code ReadmeErrorCodesTest} holds the README: every
 * {@link ErrorCode} is documented, and only under the status {@link HttpErrors#status} gives it; the
 * enums storefronts branch on ({@link CheckoutStatus} wire names, {@link FailureCode}, {@link LegStatus},
 * {@link ReceivedPayment.State}) are the document's; every {@code $ref} names something.
 */
class OpenApiDocumentTest {

    @Test
    void everyErrorCodeIsDocumentedUnderTheStatusTheApiAnswersItWith() {
        Map<Integer, Map<String, TreeSet<String>>> documented = StorefrontOpenApi.documentedErrorCodes();
        TreeMap<String, TreeSet<Integer>> statusesInDocument = new TreeMap<>();
        documented.forEach((status, codes) -> codes.keySet()
                .forEach(code -> statusesInDocument
                        .computeIfAbsent(code, c -> new TreeSet<>())
                        .add(status)));
        TreeMap<String, TreeSet<Integer>> statusesOfTheApi = new TreeMap<>();
        for (ErrorCode code : ErrorCode.values())
            statusesOfTheApi.put(code.name(), new TreeSet<>(List.of(HttpErrors.status(code))));

        assertEquals(
                statusesOfTheApi,
                statusesInDocument,
                "error code -> the statuses openapi.yaml lists it under (HttpErrors.status decides)");
    }

    @Test
    void theErrorCodeSchemaIsTheErrorCodeEnum() {
        assertEquals(names(ErrorCode.values()), StorefrontOpenApi.enumOf("ErrorCode"));
    }

    @Test
    void theCheckoutStatusSchemaIsTheWireNamesOfCheckoutStatus() {
        List<String> wireNames = Arrays.stream(CheckoutStatus.values())
                .map(CheckoutStatus::wireName)
                .toList();

        assertEquals(wireNames, StorefrontOpenApi.enumOf("CheckoutStatus"));
    }

    @Test
    void theFailureCodeSchemaIsTheFailureCodeEnum() {
        assertEquals(names(FailureCode.values()), StorefrontOpenApi.enumOf("FailureCode"));
    }

    @Test
    void theLegStatusSchemaIsTheLegStatusEnumInLowerCase() {
        List<String> lower = Arrays.stream(LegStatus.values())
                .map(s -> s.name().toLowerCase(Locale.ROOT))
                .toList();

        assertEquals(lower, StorefrontOpenApi.enumOf("LegStatus"));
    }

    @Test
    void theReceivedPaymentStatesAreTheWireNamesOfReceivedPaymentState() {
        List<String> wireNames = Arrays.stream(ReceivedPayment.State.values())
                .map(ReceivedPayment.State::wireName)
                .toList();
        List<String> documented = texts(
                StorefrontOpenApi.spec().document().at("/components/schemas/ReceivedPayment/properties/state/enum"));

        assertEquals(wireNames, documented);
    }

    @Test
    void theStorefrontEventTypesAreTheEnumAndEachHasItsWebhook() {
        List<String> wireNames = Arrays.stream(dev.opfunctions.checkout.events.StorefrontEventType.values())
                .map(dev.opfunctions.checkout.events.StorefrontEventType::wireName)
                .toList();
        List<String> webhooks = new java.util.ArrayList<>();
        StorefrontOpenApi.spec().document().path("webhooks").fieldNames().forEachRemaining(webhooks::add);

        assertEquals(wireNames, StorefrontOpenApi.enumOf("StorefrontEventType"));
        assertEquals(wireNames, webhooks);
    }

    @Test
    void everyRefNamesAPartOfTheDocument() {
        TreeSet<String> dangling = new TreeSet<>();
        collectDangling(StorefrontOpenApi.spec().document(), dangling);

        assertEquals(new TreeSet<String>(), dangling, "$refs in openapi.yaml that name nothing");
    }

    private static void collectDangling(JsonNode node, TreeSet<String> dangling) {
        JsonNode ref = node.get("$ref");
        if (ref != null && ref.isTextual()) {
            String target = ref.asText();
            if (!target.startsWith("#/")
                    || StorefrontOpenApi.spec()
                            .document()
                            .at(target.substring(1))
                            .isMissingNode()) dangling.add(target);
        }
        node.forEach(child -> collectDangling(child, dangling));
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}

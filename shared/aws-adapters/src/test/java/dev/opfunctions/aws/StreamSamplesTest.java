package dev.opfunctions.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.checkout.events.StateTransition;
import dev.opfunctions.checkout.events.StorefrontEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The sample stream event (events/deliver-events-stream.json) reads back as the purchase's transitions and
 * yields its two storefront events. {@code -Dsamples.update=true} writes the samples again (review the diff).
 */
class StreamSamplesTest {

    private static Path events(String name) {
        return Path.of(System.getProperty("repo.root"), "events", name);
    }

    @Test
    void theSampleStreamDecodesToThePurchasesEventsAndIgnoresOtherItems() throws IOException {
        if (Boolean.getBoolean("samples.update")) write();
        JsonNode event = CheckoutJson.MAPPER.readTree(Files.readString(events("deliver-events-stream.json")));
        StateImages images = new StateImages(null, "unused: a one-time checkout has no installment items");

        List<StreamRecords.Record> records = StreamRecords.of(event);
        List<Optional<StateTransition>> transitions =
                records.stream().map(images::transition).toList();
        List<StorefrontEvent> out = transitions.stream()
                .flatMap(Optional::stream)
                .flatMap(t -> t.storefrontEvents().stream())
                .toList();

        assertTrue(transitions.get(0).isEmpty(), "the order claim is no transition");
        assertEquals(
                List.of("checkout.consent_granted", "checkout.completed"),
                out.stream().map(e -> e.type().wireName()).toList());
        assertEquals(
                "evt_" + StreamSamples.CHECKOUT_ID + "_" + out.get(1).sequence(),
                out.get(1).id());
        JsonNode delivery = CheckoutJson.MAPPER.readTree(Files.readString(events("deliver-events-delivery.json")));
        assertTrue(
                delivery.at("/Records/0/body")
                        .asText()
                        .contains("\"sequence\":" + out.get(1).sequence()),
                "the sample delivery asks for the completed event");
    }

    private static void write() throws IOException {
        var stream = StreamSamples.purchaseStream();
        Files.writeString(
                events("deliver-events-stream.json"),
                CheckoutJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(stream) + "\n");
        StateImages images = new StateImages(null, "unused");
        long completed = StreamRecords.of(stream).stream()
                .map(images::transition)
                .flatMap(Optional::stream)
                .flatMap(t -> t.storefrontEvents().stream())
                .filter(e -> e.type().wireName().equals("checkout.completed"))
                .findFirst()
                .orElseThrow()
                .sequence();
        Files.writeString(
                events("deliver-events-delivery.json"),
                CheckoutJson.MAPPER
                                .writerWithDefaultPrettyPrinter()
                                .writeValueAsString(StreamSamples.deliveryMessage(completed))
                        + "\n");
    }
}

package dev.opfunctions.functions.createoutgoing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.command.CommandCodec;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.wallet.OpenPaymentsFinishHash;
import dev.opfunctions.lambda.FunctionConfig;
import dev.opfunctions.lambda.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler fed the repository's sample SQS batch (events/create-outgoing-batch.json). */
class SampleEventsTest {

    private final CheckoutFixture f = new CheckoutFixture();
    private final CreateOutgoingHandler handler = new CreateOutgoingHandler(
            FunctionConfig.from(Map.of(
                    "TABLE_NAME",
                    "payments",
                    "COMMANDS_QUEUE_URL",
                    "https://sqs.local/q",
                    "PUBLIC_BASE_URL",
                    "https://api.shop.example")),
            new Ports(f.store, f.queue, f.wallets, f.cache, new OpenPaymentsFinishHash(), f.resolver, f.clock));

    private static boolean readable(String body) {
        try {
            CommandCodec.decode(body);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Test
    void handlesTheSampleBatchWithoutFailures() {
        SQSEvent batch = EventLoader.loadSQSEvent(
                Path.of(System.getProperty("repo.root"), "events", "create-outgoing-batch.json")
                        .toString());
        Command first = CommandCodec.decode(batch.getRecords().get(0).getBody());
        Checkout c = f.startWithId(first.checkoutId())
                .start(f.order(CheckoutFixture.b2c("order-1")))
                .orElseThrow()
                .checkout();
        f.consent(c).orElseThrow();
        f.clock.advance(Duration.ofSeconds(6));

        SQSBatchResponse r = handler.handleRequest(batch, null);

        assertTrue(batch.getRecords().stream().allMatch(m -> readable(m.getBody())), "every sample message decodes");
        assertEquals(
                List.of(),
                r.getBatchItemFailures().stream()
                        .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                        .toList());
        assertEquals(CheckoutStatus.COMPLETED, f.reload(c).status());
    }
}

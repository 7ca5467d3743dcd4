package dev.opfunctions.functions.createoutgoing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.FakeWallets.Fault;
import dev.opfunctions.checkout.fakes.Sha256FinishHash;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.lambda.FunctionConfig;
import dev.opfunctions.lambda.Ports;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CreateOutgoingHandlerTest {

    private final CheckoutFixture f = new CheckoutFixture();
    private final CreateOutgoingHandler handler = new CreateOutgoingHandler(
            FunctionConfig.from(Map.of(
                    "TABLE_NAME",
                    "payments",
                    "COMMANDS_QUEUE_URL",
                    "https://sqs.local/q",
                    "PUBLIC_BASE_URL",
                    "https://api.shop.example")),
            new Ports(f.store, f.queue, f.wallets, f.cache, new Sha256FinishHash(), f.resolver, f.clock));

    private Checkout consented() {
        Checkout c = f.started(CheckoutFixture.b2c("order-1"));
        f.consent(c).orElseThrow();
        f.clock.advance(Duration.ofSeconds(6));
        return c;
    }

    private SQSEvent batch(Checkout c) {
        SQSEvent e = EventLoader.loadSQSEvent("events/sqs-commands.json");
        e.getRecords().forEach(m -> m.setBody(m.getBody().replace("CHECKOUT_ID", c.id())));
        return e;
    }

    @Test
    void completesTheCheckoutAndReportsOnlyTheUnreadableMessageAsFailed() {
        Checkout c = consented();

        SQSBatchResponse r = handler.handleRequest(batch(c), null);

        assertEquals(
                List.of("22222222-2222-4222-8222-222222222222"),
                r.getBatchItemFailures().stream()
                        .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                        .toList());
        assertEquals(CheckoutStatus.COMPLETED, f.reload(c).status());
    }

    @Test
    void reportsAMessageForRedeliveryWhenTheWalletIsDown() {
        Checkout c = consented();
        f.wallets.fault("continueGrant", Fault.UNAVAILABLE_BEFORE);

        SQSBatchResponse r = handler.handleRequest(batch(c), null);

        assertEquals(2, r.getBatchItemFailures().size());
        assertEquals(CheckoutStatus.CONSENT_GRANTED, f.reload(c).status());
    }

    @Test
    void refusesToStartWithoutTheBaseOfTheFinishUriItAsksConsentAgainWith() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> new CreateOutgoingHandler(
                        FunctionConfig.from(
                                Map.of("TABLE_NAME", "payments", "COMMANDS_QUEUE_URL", "https://sqs.local/q")),
                        new Ports(f.store, f.queue, f.wallets, f.cache, new Sha256FinishHash(), f.resolver, f.clock)));
        assertTrue(e.getMessage().contains("PUBLIC_BASE_URL"), e.getMessage());
    }
}

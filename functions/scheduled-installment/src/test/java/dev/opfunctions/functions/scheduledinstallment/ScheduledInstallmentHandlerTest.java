package dev.opfunctions.functions.scheduledinstallment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.LegKey;
import dev.opfunctions.checkout.model.LegStatus;
import dev.opfunctions.checkout.wallet.OpenPaymentsFinishHash;
import dev.opfunctions.lambda.FunctionConfig;
import dev.opfunctions.lambda.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler fed the repository's sample EventBridge event (events/scheduled-installment.json). */
class ScheduledInstallmentHandlerTest {

    private final CheckoutFixture f = new CheckoutFixture();
    private final ScheduledInstallmentHandler handler = new ScheduledInstallmentHandler(
            FunctionConfig.from(Map.of(
                    "TABLE_NAME",
                    "payments",
                    "COMMANDS_QUEUE_URL",
                    "https://sqs.local/q",
                    "PUBLIC_BASE_URL",
                    "https://api.shop.example")),
            new Ports(f.store, f.queue, f.wallets, f.cache, new OpenPaymentsFinishHash(), f.resolver, f.clock));

    private static ScheduledEvent sample() {
        return EventLoader.loadScheduledEvent(
                Path.of(System.getProperty("repo.root"), "events", "scheduled-installment.json")
                        .toString());
    }

    @SuppressWarnings("unchecked")
    @Test
    void aTickClaimsTheDueInstallmentAndHandsItToCreateOutgoingToPrepare() {
        Checkout c = f.started(CheckoutFixture.plan("plan-1", 3, "P1W"));
        f.consent(c).orElseThrow();
        f.drain(f.worker(), 10);
        f.clock.advance(Duration.ofDays(7).plusSeconds(5));
        f.queue.drain();
        f.wallets.clearCalls();

        Map<String, Object> summary = handler.handleRequest(sample(), null);

        assertEquals(1, summary.get("due"));
        assertEquals(1, summary.get("handedOver"));
        assertTrue(((Map<String, String>) summary.get("outcomes")).get(c.id()).contains("claimed"), summary.toString());
        assertEquals(List.of(), f.wallets.calls(), "preparing is create-outgoing's");
        Command handedOver = f.queue.sent().get(0).command();
        assertEquals(new Command.PrepareInstallment(c.id(), 1, f.reload(c).version()), handedOver);
        assertEquals(
                LegStatus.SCHEDULED,
                f.reload(c).leg(new LegKey(1, 0)).orElseThrow().status());

        f.drain(f.worker(), 1);
        assertEquals(
                LegStatus.PENDING,
                f.reload(c).leg(new LegKey(1, 0)).orElseThrow().status());
    }

    @Test
    void aTickWithNothingDueDoesNothing() {
        Checkout c = f.started(CheckoutFixture.plan("plan-1", 3, "P1W"));
        f.consent(c).orElseThrow();
        f.drain(f.worker(), 10);
        f.queue.drain();

        Map<String, Object> summary = handler.handleRequest(sample(), null);

        assertEquals(0, summary.get("due"));
        assertEquals(0, f.queue.sent().size());
    }

    @Test
    void refusesToStartWithoutTheQueueItHandsInstallmentsTo() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> new ScheduledInstallmentHandler(
                        FunctionConfig.from(
                                Map.of("TABLE_NAME", "payments", "PUBLIC_BASE_URL", "https://api.shop.example")),
                        new Ports(
                                f.store,
                                f.queue,
                                f.wallets,
                                f.cache,
                                new OpenPaymentsFinishHash(),
                                f.resolver,
                                f.clock)));
        assertTrue(e.getMessage().contains("COMMANDS_QUEUE_URL"));
    }

    @Test
    void refusesToStartWithoutTheBaseOfTheFinishUriItAsksConsentAgainWith() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> new ScheduledInstallmentHandler(
                        FunctionConfig.from(
                                Map.of("TABLE_NAME", "payments", "COMMANDS_QUEUE_URL", "https://sqs.local/q")),
                        new Ports(
                                f.store,
                                f.queue,
                                f.wallets,
                                f.cache,
                                new OpenPaymentsFinishHash(),
                                f.resolver,
                                f.clock)));
        assertTrue(e.getMessage().contains("PUBLIC_BASE_URL"), e.getMessage());
    }
}

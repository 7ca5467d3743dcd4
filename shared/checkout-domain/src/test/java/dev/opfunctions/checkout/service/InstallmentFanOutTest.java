package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.RecordingQueue;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.LegKey;
import dev.opfunctions.checkout.model.LegStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The scheduled run only claims due installments and hands them to create-outgoing, in batches; the
 * workers prepare them, each exactly once, whatever the queue does with the messages.
 */
class InstallmentFanOutTest {

    private final CheckoutFixture f = new CheckoutFixture();

    /** {@code n} weekly plans whose second installment is due now; the queue is empty. */
    private List<Checkout> duePlans(int n) {
        List<Checkout> plans = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Checkout c = f.started(CheckoutFixture.plan("plan-" + i, 3, "P1W"));
            f.consent(c).orElseThrow();
            f.drain(f.worker(), 10);
            plans.add(c);
        }
        f.clock.advance(Duration.ofDays(7).plusSeconds(5));
        f.queue.drain();
        return plans;
    }

    private List<Command.PrepareInstallment> handedOver() {
        return f.queue.drain().stream()
                .map(RecordingQueue.Sent::command)
                .map(Command.PrepareInstallment.class::cast)
                .toList();
    }

    private LegStatus secondInstallment(Checkout c) {
        return f.reload(c).leg(new LegKey(1, 0)).orElseThrow().status();
    }

    @Test
    void aRunHandsEveryDuePlanOverAsOneCommandInBatchesOfTenWithoutCallingAWallet() {
        List<Checkout> plans = duePlans(25);
        f.wallets.clearCalls();

        var run = f.scheduler().runDue(7);

        assertEquals(25, run.found(), "paged through the whole index, seven at a time");
        assertEquals(25, run.handedOver());
        assertEquals(List.of(10, 10, 5), f.queue.batches());
        List<Command.PrepareInstallment> sent = handedOver();
        assertEquals(
                plans.stream().map(Checkout::id).collect(Collectors.toSet()),
                sent.stream().map(Command::checkoutId).collect(Collectors.toSet()));
        assertTrue(sent.stream().allMatch(p -> p.installment() == 1), sent.toString());
        assertEquals(List.of(), f.wallets.calls(), "the run leaves the wallets to the workers");
        assertTrue(plans.stream().allMatch(c -> secondInstallment(c) == LegStatus.SCHEDULED));
    }

    @Test
    void aWorkerPreparesTheInstallmentItIsHandedAndSendsTheCharge() {
        Checkout c = duePlans(1).get(0);
        f.scheduler().runDue(10);
        Command.PrepareInstallment prepare = handedOver().get(0);

        var outcome = f.worker().handle(prepare, 1);

        assertTrue(outcome.toString().contains("prepared and handed"), outcome.toString());
        assertEquals(LegStatus.PENDING, secondInstallment(c));
        assertEquals(
                List.of(new Command.ChargeInstallment(c.id(), 1)),
                f.queue.drain().stream().map(RecordingQueue.Sent::command).toList());
    }

    @Test
    void aDuplicatedCommandPreparesTheInstallmentOnce() {
        Checkout c = duePlans(1).get(0);
        f.scheduler().runDue(10);
        Command.PrepareInstallment prepare = handedOver().get(0);
        int incoming = f.wallets.count("createIncomingPayment");

        f.worker().handle(prepare, 1);
        f.wallets.clearCalls();
        var duplicate = f.worker().handle(prepare, 1);

        assertTrue(duplicate.toString().contains("prepared or no longer current"), duplicate.toString());
        assertEquals(List.of(), f.wallets.calls(), "the duplicate calls no wallet");
        assertEquals(incoming + 1, f.wallets.count("createIncomingPayment"));
        assertEquals(
                List.of(new Command.ChargeInstallment(c.id(), 1)),
                f.queue.drain().stream().map(RecordingQueue.Sent::command).toList(),
                "one charge");
    }

    @Test
    void aSecondMessageWhileTheFirstIsPreparingFindsTheClaimTaken() {
        Checkout c = duePlans(1).get(0);
        f.scheduler().runDue(10);
        Command.PrepareInstallment prepare = handedOver().get(0);
        // The first worker has written its own claim and is talking to the wallets.
        f.store.crashOn(ch -> ch.event().type().equals("token-rotated"));
        assertThrowsCrash(() -> f.worker().handle(prepare, 1));
        int rotations = f.wallets.count("rotateToken");

        var second = f.worker().handle(prepare, 1);

        assertTrue(second.toString().contains("claimed by another worker"), second.toString());
        assertEquals(rotations, f.wallets.count("rotateToken"));
    }

    @Test
    void aCrashBetweenClaimAndSendIsPickedUpByTheNextRunOnceTheClaimRunsOut() {
        Checkout c = duePlans(1).get(0);
        f.queue.failNextBatches(1);

        var crashed = f.scheduler().runDue(10);
        var tooSoon = f.scheduler().runDue(10);
        f.clock.advance(f.settings.plans().prepareLease());
        var next = f.scheduler().runDue(10);

        assertTrue(crashed.outcomes().get(c.id()).contains("due again when the claim runs out"), crashed.toString());
        assertEquals(0, crashed.handedOver());
        assertTrue(tooSoon.outcomes().isEmpty(), "still claimed: " + tooSoon);
        assertEquals(1, next.handedOver(), next.toString());
        f.worker().handle(handedOver().get(0), 1);
        assertEquals(LegStatus.PENDING, secondInstallment(c));
    }

    @Test
    void aMessageThatWaitedPastItsClaimStillPreparesTheInstallment() {
        Checkout c = duePlans(1).get(0);
        f.scheduler().runDue(10);
        Command.PrepareInstallment late = handedOver().get(0);
        f.clock.advance(f.settings.plans().prepareLease());

        var outcome = f.worker().handle(late, 1);
        var run = f.scheduler().runDue(10);

        assertTrue(outcome.toString().contains("prepared and handed"), outcome.toString());
        assertEquals(LegStatus.PENDING, secondInstallment(c));
        assertEquals(0, run.handedOver(), "nothing left to claim: " + run);
    }

    @Test
    void aMessageOvertakenByANewerClaimDoesNothingAndTheNewerOnePrepares() {
        Checkout c = duePlans(1).get(0);
        f.scheduler().runDue(10);
        Command.PrepareInstallment old = handedOver().get(0);
        f.clock.advance(f.settings.plans().prepareLease());
        f.scheduler().runDue(10);
        Command.PrepareInstallment newer = handedOver().get(0);
        int incoming = f.wallets.count("createIncomingPayment");

        var stale = f.worker().handle(old, 1);
        var current = f.worker().handle(newer, 1);

        assertTrue(stale.toString().contains("claimed by another worker or not due"), stale.toString());
        assertTrue(current.toString().contains("prepared and handed"), current.toString());
        assertEquals(LegStatus.PENDING, secondInstallment(c));
        assertEquals(incoming + 1, f.wallets.count("createIncomingPayment"));
    }

    @Test
    void aRunOutOfTimeClaimsNothingAndTheNextRunHandsEverythingOver() {
        List<Checkout> plans = duePlans(3);

        var stopped = f.scheduler().runDue(10, Duration.ofNanos(-1));
        var next = f.scheduler().runDue(10, Duration.ofSeconds(30));

        assertEquals(3, stopped.found());
        assertTrue(stopped.outcomes().isEmpty(), stopped.toString());
        assertEquals(0, stopped.handedOver());
        assertEquals(3, next.handedOver());
        assertEquals(
                plans.stream().map(Checkout::id).collect(Collectors.toSet()),
                Set.copyOf(handedOver().stream().map(Command::checkoutId).toList()));
    }

    @Test
    void theHandOverTravelsAsJsonWithItsInstallmentAndClaim() {
        Command prepare = new Command.PrepareInstallment("c-1", 2, 41);

        String body = dev.opfunctions.checkout.command.CommandCodec.encode(prepare);

        assertEquals(
                "{\"v\":1,\"type\":\"prepare-installment\",\"checkoutId\":\"c-1\",\"installment\":2,\"claim\":41}",
                body);
        assertEquals(prepare, dev.opfunctions.checkout.command.CommandCodec.decode(body));
        assertThrows(
                IllegalArgumentException.class,
                () -> dev.opfunctions.checkout.command.CommandCodec.decode(body.replace(",\"claim\":41", "")));
    }

    private static void assertThrowsCrash(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            assertTrue(e.toString().contains("crash"), e.toString());
            return;
        }
        throw new AssertionError("expected the simulated crash");
    }
}

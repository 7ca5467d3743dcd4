package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.InMemoryCheckoutStore.SimulatedCrash;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A worker that dies while continuing the grant holds the continuation for its step's time, not two minutes. */
class ContinuationLeaseTest {

    private final CheckoutFixture f = new CheckoutFixture();

    @Test
    void aWorkerThatDiedAfterContinuingHoldsTheClaimForTheStepsTimeAndTheNextOneMovesOn() {
        Checkout c = f.started(CheckoutFixture.b2c("o1"));
        f.queue.drain();
        f.consent(c).orElseThrow();
        f.clock.advance(Duration.ofSeconds(6));
        f.store.crashOn(change -> change.event().type().equals("grant-continued"));
        Instant start = f.clock.instant();

        assertThrows(SimulatedCrash.class, () -> f.worker().handle(new Command.ContinueGrant(c.id()), 1));

        Instant until = f.reload(c).consent().continuingUntil();
        Duration held = Duration.between(start, until);
        assertTrue(
                held.compareTo(StepLease.STEP.plus(StepLease.MARGIN)) <= 0,
                "held for the step's time plus its margin, not the 2-minute bound: " + held);
        f.store.crashOn(change -> false);
        f.clock.advance(held.plusSeconds(1));
        f.drain(f.worker(), 10);
        Checkout next = f.reload(c);
        assertEquals(
                CheckoutStatus.AWAITING_CONSENT,
                next.status(),
                "after the claim the next worker moves on: the wallet refuses the spent continuation, so consent is asked again");
        assertEquals("CONSENT_NOT_REDEEMED", next.reason().code());
    }
}

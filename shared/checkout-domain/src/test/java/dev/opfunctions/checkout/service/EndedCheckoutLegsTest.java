package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.LegStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The payees of a checkout that ended unpaid are never shown as still pending in GET /checkouts/{id}. */
class EndedCheckoutLegsTest {

    private final CheckoutFixture f = new CheckoutFixture();

    private Checkout split(String orderId) {
        Checkout c = f.started(CheckoutFixture.split(orderId, "10000"));
        f.queue.drain();
        return c;
    }

    private static List<String> payeeStatuses(Checkout c) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : CheckoutView.checkout(c).get("payees"))
            out.add(p.get("status").asText());
        return out;
    }

    @Test
    void aCheckoutCancelledBeforeConsentStoresAndShowsItsLegsCancelled() {
        Checkout c = split("cancel-1");

        f.queries().cancel(c.id()).orElseThrow();
        f.drain(f.worker(), 5);

        Checkout ended = f.reload(c);
        assertTrue(ended.allLegs(LegStatus.CANCELLED));
        assertEquals("CANCELLED", ended.legs().get(0).failure().code());
        assertTrue(ended.legs().get(0).failure().message().contains("cancelled by the storefront"));
        assertEquals(List.of("cancelled", "cancelled"), payeeStatuses(ended));
        assertEquals(List.of(), f.wallets.openIncomingPayments(), "their incoming payments are still closed");
    }

    @Test
    void aRefusedCheckoutShowsItsLegsCancelled() {
        Checkout c = split("reject-1");

        f.finish()
                .finish(c.id(), Map.of("s", f.finishSecret(c), "result", "grant_rejected"))
                .orElseThrow();

        assertEquals(List.of("cancelled", "cancelled"), payeeStatuses(f.reload(c)));
    }

    @Test
    void aCheckoutExpiredByTheSweepShowsItsLegsCancelledThoughTheyAreStoredPending() {
        Checkout c = split("expire-1");
        f.clock.advance(Duration.ofMinutes(11));

        f.worker().handle(new Command.ExpireConsent(c.id()), 1);

        Checkout ended = f.reload(c);
        assertEquals(CheckoutStatus.EXPIRED, ended.status());
        assertTrue(ended.allLegs(LegStatus.PENDING), "the worker's expiry leaves the stored legs as they were");
        assertEquals(List.of("cancelled", "cancelled"), payeeStatuses(ended));
    }

    @Test
    void legsOfACheckoutStillWaitingOrPaidShowTheirOwnStatus() {
        Checkout waiting = split("wait-1");
        Checkout paid = split("paid-1");

        f.consent(paid).orElseThrow();
        f.drain(f.worker(), 20);

        assertEquals(List.of("pending", "pending"), payeeStatuses(f.reload(waiting)));
        assertEquals(CheckoutStatus.COMPLETED, f.reload(paid).status());
        assertEquals(List.of("completed", "completed"), payeeStatuses(f.reload(paid)));
    }
}

package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.port.WalletGateway.IncomingPayment;
import dev.opfunctions.checkout.service.ReceivedPayment.State;
import dev.opfunctions.client.model.Amount;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** GET /history/received says which incoming payments were paid and which this client closed unpaid. */
class ReceivedPaymentsTest {

    private final CheckoutFixture f = new CheckoutFixture();

    private Map<String, ReceivedPayment> received() {
        return f.queries().received(CheckoutFixture.MERCHANT, PageQuery.first(100)).orElseThrow().items().stream()
                .collect(Collectors.toMap(r -> r.payment().id(), Function.identity()));
    }

    private static String incomingOf(Checkout c) {
        return c.legs().get(0).incomingPaymentId();
    }

    @Test
    void tellsPaidFromClosedUnpaidThoughTheWalletCallsBothCompleted() {
        Checkout paid = f.started(CheckoutFixture.b2c("paid-1"));
        Checkout cancelled = f.started(CheckoutFixture.b2c("cancel-1"));
        Checkout waiting = f.started(CheckoutFixture.b2c("wait-1"));
        f.queue.drain();
        f.consent(paid).orElseThrow();
        f.queries().cancel(cancelled.id()).orElseThrow();
        f.drain(f.worker(), 20);

        Map<String, ReceivedPayment> all = received();

        ReceivedPayment p = all.get(incomingOf(paid));
        ReceivedPayment closed = all.get(incomingOf(cancelled));
        assertTrue(p.payment().completed());
        assertTrue(closed.payment().completed(), "Open Payments completes an incoming payment to close it");
        assertEquals(State.PAID, p.state());
        assertTrue(p.paid());
        assertEquals(State.CLOSED_UNPAID, closed.state());
        assertFalse(closed.paid());
        assertNotNull(
                f.reload(cancelled).legs().get(0).incomingClosedAt(), "the leg records that this client closed it");
        assertEquals(State.OPEN, all.get(incomingOf(waiting)).state());
    }

    @Test
    void anIncomingPaymentNobodyClosedExpiresAtItsExpiry() {
        Checkout c = f.started(CheckoutFixture.b2c("late-1"));
        f.queue.drain();
        f.clock.advance(Duration.ofHours(2));

        ReceivedPayment r = received().get(incomingOf(c));

        assertFalse(r.payment().completed());
        assertEquals(State.EXPIRED, r.state());
    }

    @Test
    void judgesPartialAndOpenEndedPaymentsByWhatArrived() {
        Instant now = Instant.parse("2026-03-12T23:20:00Z");
        Amount hundred = Amount.of(java.math.BigInteger.valueOf(100), "MXN", 2);

        assertEquals(
                State.OPEN,
                ReceivedPayment.of(ip(hundred, 40, false, now.plusSeconds(60)), now)
                        .state());
        assertEquals(
                State.CLOSED_UNPAID,
                ReceivedPayment.of(ip(hundred, 40, true, null), now).state());
        assertEquals(
                State.EXPIRED,
                ReceivedPayment.of(ip(hundred, 40, false, now), now).state());
        assertEquals(
                State.PAID,
                ReceivedPayment.of(ip(hundred, 100, true, now.minusSeconds(1)), now)
                        .state());
        assertEquals(
                State.PAID, ReceivedPayment.of(ip(null, 1, false, null), now).state());
        assertEquals(
                State.OPEN, ReceivedPayment.of(ip(null, 0, false, null), now).state());
    }

    @Test
    void showsPaidAndStateBesideTheWalletsOwnFields() {
        Instant now = Instant.parse("2026-03-12T23:20:00Z");
        Amount hundred = Amount.of(java.math.BigInteger.valueOf(100), "MXN", 2);

        ObjectNode closed = CheckoutView.incomingPayment(ReceivedPayment.of(ip(hundred, 0, true, now), now));

        assertTrue(closed.get("completed").asBoolean(), "kept with its Open Payments meaning");
        assertFalse(closed.get("paid").asBoolean());
        assertEquals("closed_unpaid", closed.get("state").asText());
        assertEquals(
                List.of("id", "walletAddress", "incomingAmount", "receivedAmount", "completed", "paid", "state"),
                iterable(closed).subList(0, 7));
    }

    private static List<String> iterable(ObjectNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static IncomingPayment ip(Amount asked, long received, boolean completed, Instant expiresAt) {
        return new IncomingPayment(
                "https://happylife.example/op/incoming-payments/1",
                CheckoutFixture.MERCHANT,
                asked,
                Amount.of(java.math.BigInteger.valueOf(received), "MXN", 2),
                completed,
                Instant.parse("2026-03-12T23:00:00Z"),
                expiresAt,
                null);
    }
}

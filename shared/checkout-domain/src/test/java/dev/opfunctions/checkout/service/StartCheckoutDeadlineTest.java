package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.Result;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.client.Deadline;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** start-checkout under the request's time budget: every wallet call, on every thread, gets what is left of it. */
class StartCheckoutDeadlineTest {

    private final CheckoutFixture f = new CheckoutFixture();

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Test
    void aWalletSlowAtEveryStepGetsWalletUnavailableWithinTheBudgetAndNothingIsStored() {
        f.wallets.latency(Duration.ofSeconds(10));
        long started = System.nanoTime();

        Result<StartCheckout.Started> r = Deadline.after(Duration.ofSeconds(4))
                .run(() -> f.start().start(f.order(CheckoutFixture.split("slow-1", "140001"))));

        long took = millisSince(started);
        var err = assertInstanceOf(Result.Err.class, r);
        assertEquals(ErrorCode.WALLET_UNAVAILABLE, err.problem().code());
        assertTrue(
                err.problem().message().contains("time budget"), err.problem().message());
        assertTrue(took < 4_500, "answered after " + took + " ms with a 4 s budget (each wallet step takes 10 s)");
        assertEquals(0, f.store.size());
        assertTrue(f.queue.sent().isEmpty());
    }

    @Test
    void whenTheGrantRunsOutOfTimeTheIncomingPaymentAlreadyCreatedIsClosedInTheReserve() {
        // Warm the documents and tokens, so the slow start is exactly: incoming payment, quote, grant (1 s each).
        f.started(CheckoutFixture.b2c("warm-up"));
        int openBefore = f.wallets.openIncomingPayments().size();
        f.wallets.latency(Duration.ofSeconds(1));
        Duration budget = Duration.ofMillis(2_800).plus(StartCheckout.WRAP_UP);
        long started = System.nanoTime();

        Result<StartCheckout.Started> r =
                Deadline.after(budget).run(() -> f.start().start(f.order(CheckoutFixture.b2c("slow-2"))));

        long took = millisSince(started);
        assertEquals(
                ErrorCode.WALLET_UNAVAILABLE,
                assertInstanceOf(Result.Err.class, r).problem().code());
        assertEquals(
                1, f.wallets.count("requestOutgoingPaymentGrant") - 1, "the grant was asked for, and ran out of time");
        assertEquals(
                openBefore,
                f.wallets.openIncomingPayments().size(),
                "the new incoming payment was completed at the payee");
        assertTrue(
                took < budget.toMillis(), "answered after " + took + " ms with a " + budget.toMillis() + " ms budget");
        assertEquals(1, f.store.size(), "only the warm-up checkout is stored");
    }

    @Test
    void aWalletThatFitsTheBudgetStillCompletesTheStart() {
        f.wallets.latency(Duration.ofMillis(300));

        Result<StartCheckout.Started> r = Deadline.after(Duration.ofSeconds(10))
                .run(() -> f.start().start(f.order(CheckoutFixture.split("slow-3", "140001"))));

        assertEquals(CheckoutStatus.AWAITING_CONSENT, r.orElseThrow().checkout().status());
        assertEquals(
                r.orElseThrow().checkout().consent().deadline(),
                r.orElseThrow().checkout().wakeAt().orElseThrow(),
                "its consent deadline is its look-again time");
    }
}

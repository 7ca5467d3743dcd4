package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.Leg;
import dev.opfunctions.checkout.model.LegStatus;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.checkout.port.CommandQueue;
import dev.opfunctions.checkout.service.PaymentWorker.Outcome;
import java.time.Duration;
import java.time.Instant;

/**
 * Schedules the next delayed look at a checkout's payments (one-time and installment alike), so the
 * functions never sleep while a wallet settles.
 */
final class Rechecks {

    private Rechecks() {}

    /**
     * Whether a pass over the legs saw the payments move: a leg reached SENT or a terminal state, or
     * the amounts the wallets report changed. Taking or renewing a create lease is not progress (the
     * create may still fail).
     */
    static boolean progressed(Checkout before, Checkout after) {
        for (Leg now : after.legs()) {
            Leg was = before.leg(now.key()).orElse(null);
            if (was == null) return true;
            boolean moved = now.status() != was.status() && now.status() != LegStatus.CREATING;
            if (moved
                    || !java.util.Objects.equals(now.sentAmount(), was.sentAmount())
                    || !java.util.Objects.equals(now.receivedAmount(), was.receivedAmount())) return true;
        }
        return false;
    }

    /**
     * The number of the next re-check after a pass that handled re-check {@code handled} (0 for the
     * first pass): after progress the backoff starts again from the first delay, so a payment that
     * settles right after a slow create is seen within seconds, not after the doubled delay.
     */
    static int nextCheck(int handled, boolean progressed) {
        return progressed ? 1 : handled + 1;
    }

    /**
     * Sends {@code FollowPayments(next)} with the settings' delay, then records the check number. The
     * message goes out before the write: a duplicate dies on the stored check number, whereas a write
     * without its message would stall the checkout.
     */
    static Outcome scheduleNext(
            CommandQueue queue,
            CheckoutStore store,
            CheckoutSettings settings,
            Checkout c,
            int next,
            String unreachable,
            Instant now) {
        Duration delay = settings.followDelay(next);
        queue.send(new Command.FollowPayments(c.id(), next), delay);
        store.update(c.edit(now)
                .followChecks(next)
                .change(
                        "recheck-scheduled",
                        "check " + next + " in " + delay.toSeconds() + " s"
                                + (unreachable == null ? "" : " (" + unreachable + ")")));
        return new Outcome.Done("re-check " + next + " scheduled");
    }
}

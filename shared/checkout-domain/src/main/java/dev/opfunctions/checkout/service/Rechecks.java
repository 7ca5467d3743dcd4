package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.model.Checkout;
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
     * Sends {@code FollowPayments(next)} with the settings' delay, then records the check number. The
     * message goes out before the write: a duplicate dies on the stored check number, whereas a write
     * without its message would stall the checkout.
     */
    static Outcome scheduleNext(CommandQueue queue, CheckoutStore store, CheckoutSettings settings, Checkout c, int next,
                                String unreachable, Instant now) {
        Duration delay = settings.followDelay(next);
        queue.send(new Command.FollowPayments(c.id(), next), delay);
        store.update(c.edit(now).followChecks(next).change("recheck-scheduled", "check " + next + " in " + delay.toSeconds() + " s"
                + (unreachable == null ? "" : " (" + unreachable + ")")));
        return new Outcome.Done("re-check " + next + " scheduled");
    }
}

package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.FailureCode;
import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.Failure;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.checkout.port.CommandQueue;
import dev.opfunctions.checkout.service.PaymentWorker.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Re-checks payments that could not be confirmed (the regular re-checks are spent, or the wallet
 * stayed down through every delivery of a message while a payment may exist), without the DLQ: each
 * re-check is numbered on the row ({@link Checkout#followChecks()} past the regular ones), the
 * interval grows ({@link #delay}), a re-check no queue message can wait for is brought back by the
 * due index ({@link Checkout#recheckAt()}), and after {@link #MAX_RECHECKS} the checkout is handed to
 * a person ({@link NeedsReview}). Money that may be moving is never called failed here.
 */
final class UnconfirmedRechecks {

    /** Re-checks after the regular ones before a person is asked: with {@link #delay}, 55¾ hours in all. */
    static final int MAX_RECHECKS = 8;

    static final Duration FIRST_DELAY = Duration.ofMinutes(15);
    static final Duration MAX_DELAY = Duration.ofHours(24);

    private final CheckoutStore store;
    private final CommandQueue queue;
    private final Clock clock;
    private final CheckoutSettings settings;
    private final NeedsReview review;

    UnconfirmedRechecks(CheckoutDependencies deps, NeedsReview review) {
        this.store = deps.store();
        this.queue = deps.queue();
        this.clock = deps.clock();
        this.settings = deps.settings();
        this.review = review;
    }

    /** Wait before unconfirmed re-check {@code n} (1-based): 15 min, doubling, at most a day. */
    static Duration delay(int n) {
        Duration d = FIRST_DELAY.multipliedBy(1L << Math.min(Math.max(n - 1, 0), 20));
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }

    /**
     * After a pass that left the payments unconfirmed ({@code handled}: the number of the re-check
     * that was handled, 0 for none): records why, and schedules the next re-check or hands the
     * checkout to a person. Never asks for a redelivery.
     */
    Outcome after(Checkout c, int handled, String why) {
        int regular = settings.maxFollowChecks();
        int done = Math.max(handled, regular) - regular;
        if (done >= MAX_RECHECKS) {
            return review.record(
                    c.id(),
                    new Failure(
                            FailureCode.PAYMENT_UNCONFIRMED,
                            why + "; still unconfirmed after " + done
                                    + " further re-checks: a person must check the payments at the wallets"));
        }
        int next = Math.max(handled, regular) + 1;
        Duration wait = delay(done + 1);
        Instant now = clock.instant();
        Instant at = now.plus(wait);
        // Message before write, as for every re-check; beyond a queue's delay the due index brings it back.
        boolean byMessage = wait.compareTo(CheckoutSettings.MAX_QUEUE_DELAY) <= 0;
        if (byMessage) queue.send(new Command.FollowPayments(c.id(), next), wait);
        Failure reason = new Failure(FailureCode.PAYMENT_UNCONFIRMED, why);
        Checkout.Edit e = c.edit(now).reason(reason).followChecks(next).recheckAt(at);
        if (c.status() == CheckoutStatus.PAYING) e.moveTo(CheckoutStatus.PAYMENT_UNCONFIRMED, settings.retention());
        store.update(e.change(
                c.status() == CheckoutStatus.PAYING ? "payment-unconfirmed" : "unconfirmed-recheck-scheduled",
                why + "; re-check " + (done + 1) + " of " + MAX_RECHECKS + " at " + at
                        + (byMessage ? "" : " (brought back by the sweep)")));
        return new Outcome.Done("unconfirmed: re-check " + (done + 1) + " of " + MAX_RECHECKS + " at " + at);
    }
}

package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.checkout.port.CommandQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The sweep: resumes an unfinished checkout whose "look again by" time ({@link Checkout#wakeAt()})
 * has passed, which means the message that should have moved it on was lost (a failed send after a
 * write, a message left in the DLQ, a stopped runner). It sends the command a redelivery would carry
 * (the stored state decides what happens, so a duplicate of a message that was only late is
 * harmless), or the consent expiry once the deadline has passed, and records that it did so, which
 * also pushes the next look {@link Checkout#STALE_AFTER} further. An ended checkout that still owes
 * its wallets a clean-up ({@link Checkout#owesCleanUp()}) gets the command that does it.
 *
 * <p>Bound: a lost message costs at most {@link Checkout#STALE_AFTER} after the checkout's last
 * write plus one schedule period (a minute) before the checkout moves again. Local runs may set a
 * shorter bound ({@link CheckoutSettings#sweepAfter()}).
 */
final class StalledCheckouts {

    private final CheckoutStore store;
    private final CommandQueue queue;
    private final Clock clock;
    private final Duration sweepAfter;

    StalledCheckouts(CheckoutDependencies deps) {
        this.store = deps.store();
        this.queue = deps.queue();
        this.clock = deps.clock();
        this.sweepAfter = deps.settings().sweepAfter();
    }

    /** Resumes {@code c} if it is stalled; says what it did. */
    String resume(Checkout c) {
        Instant now = clock.instant();
        Instant wake = c.wakeAt(sweepAfter).orElse(null);
        if (wake == null || wake.isAfter(now)) return "not stalled";
        Command resume = switch (c.status()) {
            case AWAITING_CONSENT -> now.isBefore(c.consent().deadline()) ? null : new Command.ExpireConsent(c.id());
            case CONSENT_GRANTED -> new Command.ContinueGrant(c.id());
            // The follow-up whose number matches the stored count: it continues the chain, and a late original dies on
            // it.
            case PAYING, PAYMENT_UNCONFIRMED ->
                c.followChecks() > 0
                        ? new Command.FollowPayments(c.id(), c.followChecks())
                        : new Command.ContinueGrant(c.id());
            // An ended checkout wakes only while it owes the wallets a clean-up: the worker's ended step does it.
            case COMPLETED, FAILED, REJECTED, EXPIRED, CANCELLED ->
                c.owesCleanUp() ? new Command.CloseIncomingPayments(c.id()) : null;
            case ACTIVE, PAST_DUE -> null;
        };
        if (resume == null) return "nothing to resume while " + c.status().wireName();
        // Message before write, as for re-checks: a write without its message would stall the checkout again.
        queue.send(resume, Duration.ZERO);
        store.update(
                c.edit(now).change("sweep-resumed", "no progress since " + c.updatedAt() + "; sent " + resume.type()));
        return "resumed: " + resume.type();
    }
}

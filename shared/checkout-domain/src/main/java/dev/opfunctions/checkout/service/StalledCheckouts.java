package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.SweepRetry;
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
 *
 * <p>A checkout whose re-drive fails ({@link #pushBack}) records the failure on its row ({@link
 * SweepRetry}: how many in a row, the last error) and is due again only after a growing back-off, so
 * the run's earliest entries are never the same failing ones; a successful re-drive clears the record.
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
            // A person settles it: nothing to send (it is not even in the due index).
            case ACTIVE, PAST_DUE, NEEDS_REVIEW -> null;
        };
        if (resume == null) return "nothing to resume while " + c.status().wireName();
        // Message before write, as for re-checks: a write without its message would stall the checkout again.
        queue.send(resume, Duration.ZERO);
        store.update(c.edit(now)
                .sweepRetry(null)
                .change("sweep-resumed", "no progress since " + c.updatedAt() + "; sent " + resume.type()));
        return "resumed: " + resume.type();
    }

    private static final int MAX_RACES = 5;
    private static final int MAX_ERROR_LENGTH = 300;

    /**
     * Records that looking at checkout {@code id} failed with {@code error} and pushes its due time back
     * ({@link SweepRetry#after}). Never throws: a store that cannot take even this write leaves the
     * entry where it is, and the run goes on with the next one. Says what it did.
     */
    String pushBack(String id, RuntimeException error) {
        String why = error.getClass().getSimpleName() + ": " + error.getMessage();
        if (why.length() > MAX_ERROR_LENGTH) why = why.substring(0, MAX_ERROR_LENGTH) + "…";
        for (int race = 0; race < MAX_RACES; race++) {
            try {
                Checkout c = store.find(id).orElse(null);
                if (c == null) return "error: " + why;
                Instant now = clock.instant();
                SweepRetry next = SweepRetry.after(c.sweepRetry(), why, now);
                store.update(c.edit(now)
                        .sweepRetry(next)
                        .change(
                                "sweep-failed",
                                "attempt " + next.failures() + " failed (" + why + "); not before " + next.retryAt()));
                return "error (" + next.failures() + " in a row, next not before " + next.retryAt() + "): " + why;
            } catch (CheckoutStore.ConcurrentUpdateException raced) {
                // Someone else wrote the checkout: record on top of what they did.
            } catch (RuntimeException storeDown) {
                return "error: " + why + "; could not record it: " + storeDown.getMessage();
            }
        }
        return "error: " + why;
    }

    /** After a run looked at {@code c} without failing: the failures in a row are over. Best effort. */
    void clearRetry(String id) {
        try {
            Checkout c = store.find(id).orElse(null);
            if (c == null || c.sweepRetry() == null) return;
            store.update(c.edit(clock.instant())
                    .sweepRetry(null)
                    .change(
                            "sweep-recovered",
                            "looked at without failing after " + c.sweepRetry().failures()));
        } catch (RuntimeException later) {
            // The next successful look clears it; until then the record only delays what is already past.
        }
    }
}

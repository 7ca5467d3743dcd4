package dev.opfunctions.checkout.command;

/**
 * A message on the commands queue. Each names a checkout and what to look at; the worker decides
 * what to do from the checkout's stored state, so duplicates and stale messages are harmless.
 * Messages carry business keys only: no tokens, no amounts, nothing a replay could abuse.
 */
public sealed interface Command {

    String checkoutId();

    /** Wire name of the type, the {@code type} field of the JSON body. */
    String type();

    /** Sent by consent-finish: the customer consented; continue the grant, then create the payments. */
    record ContinueGrant(String checkoutId) implements Command {
        public String type() {
            return "continue-grant";
        }
    }

    /**
     * Sent by create-outgoing to itself with a delay: look at the legs in flight again. {@code check}
     * numbers the re-checks; only the message whose number matches the stored count schedules the
     * next one, so a duplicated message cannot start a second chain.
     */
    record FollowPayments(String checkoutId, int check) implements Command {
        public String type() {
            return "follow-payments";
        }
    }

    /** Sent by start-checkout, delayed until the consent deadline: expire the checkout if consent never came. */
    record ExpireConsent(String checkoutId) implements Command {
        public String type() {
            return "expire-consent";
        }
    }

    /**
     * Sent by scheduled-installment once an installment's incoming payments and quotes exist (and again
     * by its watchdog while the installment is in flight): create and follow that installment's payments.
     */
    record ChargeInstallment(String checkoutId, int installment) implements Command {
        public String type() {
            return "charge-installment";
        }
    }

    /**
     * Sent by scheduled-installment once it has claimed a due installment: prepare it (rotate the payment
     * token, create the incoming payments and quotes), then charge it. {@code claim} is the checkout's
     * version the claim wrote: a worker that finds the checkout still at that version holds the claim and
     * prepares; a duplicate finds the version moved on (by the first worker's own claim) and does nothing,
     * and a late one prepares only if the installment is due again by then (the claim has run out).
     */
    record PrepareInstallment(String checkoutId, int installment, long claim) implements Command {
        public String type() {
            return "prepare-installment";
        }
    }

    /** Sent when cancelling a plan could not reach the customer's wallet: cancel the grant there. */
    record CancelGrant(String checkoutId) implements Command {
        public String type() {
            return "cancel-grant";
        }
    }

    /**
     * Sent when a checkout ended outside create-outgoing (rejected or expired at the finish callback,
     * cancelled by the storefront): complete the incoming payments it created and will not pay.
     */
    record CloseIncomingPayments(String checkoutId) implements Command {
        public String type() {
            return "close-incoming-payments";
        }
    }
}

package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.model.Change;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.Leg;
import dev.opfunctions.checkout.model.WalletAddress;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.checkout.port.WalletException;
import dev.opfunctions.checkout.port.WalletGateway;
import dev.opfunctions.checkout.port.WalletGateway.AccessKind;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Completes, at the payees' wallets, the incoming payments this client created and will not pay:
 * those of a checkout that ended without paying them (cancelled, rejected, expired, failed) and of a
 * plan's installments that were prepared but not charged. Otherwise they would stay pending at the
 * payee until they expire, looking like money still to come.
 *
 * <p>Completing is idempotent in effect: a payment the wallet already completed or expired answers
 * with a refusal, which means there is nothing open any more. A wallet that does not answer is
 * retried (the caller's message is redelivered); each leg records when its payment was closed, so
 * duplicates cost no extra wallet call.
 */
final class IncomingPaymentCloser {

    private final CheckoutStore store;
    private final WalletGateway gateway;
    private final WalletDirectory directory;
    private final Clock clock;

    IncomingPaymentCloser(CheckoutDependencies deps) {
        this.store = deps.store();
        this.gateway = deps.gateway();
        this.directory = deps.directory();
        this.clock = deps.clock();
    }

    /**
     * Closes every incoming payment of {@code c} that is left open ({@link Leg#incomingLeftOpen}) and
     * records it. Returns the checkout as stored after.
     *
     * @throws WalletException (retryable) when a payee's wallet did not answer: try again later
     */
    Checkout closeLeftOpen(Checkout c) {
        List<Leg> open = c.legs().stream()
                .filter(l -> l.incomingLeftOpen(c.status().isTerminal()))
                .toList();
        if (open.isEmpty()) return c;
        for (Leg l : open) close(l.payee(), l.incomingPaymentId());
        Instant now = clock.instant();
        Checkout.Edit e = c.edit(now);
        open.forEach(l -> e.leg(l.incomingClosed(now)));
        Change change = e.change(
                "incoming-payments-closed",
                open.size() + " incoming payment(s) completed at the payee's wallet: "
                        + open.stream().map(l -> l.key().toString()).toList());
        store.update(change);
        return change.next();
    }

    /** For an incoming payment no leg will remember (a failed attempt's, or one created for an installment that was not stored): never throws. */
    void closeQuietly(WalletAddress payee, String incomingPaymentUrl) {
        try {
            close(payee, incomingPaymentUrl);
        } catch (WalletException e) {
            // Unreachable now: the payment stays open until the expiry we gave it (see InstallmentPreparer).
        }
    }

    private void close(WalletAddress payee, String incomingPaymentUrl) {
        try {
            directory.withToken(
                    payee.authServer(),
                    AccessKind.INCOMING_PAYMENT,
                    t -> gateway.completeIncomingPayment(incomingPaymentUrl, t));
        } catch (WalletException e) {
            if (e.retryable()) throw e;
            // Refused or gone: it is already completed or expired at the payee's wallet, so nothing is open there.
        }
    }
}

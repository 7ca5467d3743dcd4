package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.FailureCode;
import dev.opfunctions.checkout.model.Failure;
import dev.opfunctions.checkout.model.Leg;
import dev.opfunctions.checkout.port.WalletException;

/**
 * What a 404 means for a payment this client recorded while following it. The wallet may have moved
 * the money and then forgotten the payment (a reset sandbox, a restored database), so asking again
 * would only get 404 forever, and calling it failed could be wrong: the checkout needs a person
 * ({@link NeedsReview}). Any other failure is the caller's to handle, unchanged.
 */
final class GoneResources {

    private GoneResources() {}

    /** For a failed read of the leg's outgoing payment: what to throw. */
    static RuntimeException outgoingPayment(Leg leg, WalletException e) {
        if (e.kind() != WalletException.Kind.NOT_FOUND) return e;
        return new NeedsReview.Required(
                new Failure(
                        FailureCode.PAYMENT_NOT_FOUND,
                        "the customer's wallet answers 404 for the outgoing payment " + leg.outgoingPaymentId()
                                + " to " + leg.payee().id() + " (" + leg.key()
                                + "): it may have sent money; check the payee's incoming payment "
                                + leg.incomingPaymentId()),
                e);
    }

    /**
     * For a failed read of the leg's incoming payment while its outgoing payment reports money sent
     * (an incoming payment that expired with nothing received may be deleted, but this one was paid into).
     */
    static RuntimeException incomingPayment(Leg leg, WalletException e) {
        if (e.kind() != WalletException.Kind.NOT_FOUND) return e;
        return new NeedsReview.Required(
                new Failure(
                        FailureCode.INCOMING_PAYMENT_NOT_FOUND,
                        "the payee's wallet answers 404 for the incoming payment " + leg.incomingPaymentId()
                                + " (" + leg.key() + ") although the outgoing payment " + leg.outgoingPaymentId()
                                + " reports money sent: check both at the wallets"),
                e);
    }
}

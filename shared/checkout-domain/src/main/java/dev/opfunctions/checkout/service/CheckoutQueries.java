package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.FailureCode;
import dev.opfunctions.checkout.Result;
import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutEvent;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.CheckoutSummary;
import dev.opfunctions.checkout.model.Failure;
import dev.opfunctions.checkout.model.Leg;
import dev.opfunctions.checkout.model.LegStatus;
import dev.opfunctions.checkout.model.WalletAddress;
import dev.opfunctions.checkout.order.UrlPolicy;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.checkout.port.CommandQueue;
import dev.opfunctions.checkout.port.WalletException;
import dev.opfunctions.checkout.port.WalletGateway;
import dev.opfunctions.checkout.port.WalletGateway.AccessKind;
import dev.opfunctions.checkout.port.WalletGateway.IncomingPayment;
import dev.opfunctions.checkout.port.WalletGateway.Page;
import java.time.Clock;
import java.util.List;

/**
 * The storefront's reads and its one pre-consent action: a checkout's status and history, the
 * merchant's received payments, a customer's payments through this client, and cancel.
 */
public final class CheckoutQueries {

    private final CheckoutStore store;
    private final WalletGateway gateway;
    private final WalletDirectory directory;
    private final UrlPolicy urls;
    private final Clock clock;
    private final CheckoutSettings settings;
    private final CommandQueue queue;
    private final GrantCancels grants;

    /**
     * The queue in {@code deps} is where cancelling hands work to create-outgoing: closing the cancelled
     * checkout's incoming payments, and a plan's grant cancel when the customer's wallet cannot be reached at once.
     *
     * @param urls checks the customer wallet address a payments listing is asked for
     */
    public CheckoutQueries(CheckoutDependencies deps, UrlPolicy urls) {
        this.store = deps.store();
        this.queue = deps.queue();
        this.gateway = deps.gateway();
        this.directory = deps.directory();
        this.urls = urls;
        this.clock = deps.clock();
        this.settings = deps.settings();
        this.grants = new GrantCancels(deps);
    }

    public Result<Checkout> get(String checkoutId) {
        return store.find(checkoutId)
                .<Result<Checkout>>map(Result::ok)
                .orElseGet(() -> Result.err(ErrorCode.CHECKOUT_NOT_FOUND, "no checkout " + checkoutId));
    }

    public List<CheckoutEvent> history(String checkoutId) {
        return store.history(checkoutId);
    }

    /**
     * One page of the incoming payments this client created on the merchant's wallet, in the wallet's
     * order (newest first at Rafiki), each judged paid, open, closed unpaid or expired
     * ({@link ReceivedPayment}) now. One wallet request per page: the wallet's own pagination is passed
     * through, its {@code endCursor} wrapped in {@link Listing#nextCursor()}, so no listing is
     * collected here and none is cut short.
     */
    public Result<Listing<ReceivedPayment>> received(String merchantWallet, PageQuery page) {
        String after = null;
        if (page.cursor() != null) {
            Result<String> decoded = HistoryCursor.receivedAfter(page.cursor());
            if (decoded instanceof Result.Err<String> err) return Result.err(err.problem());
            after = decoded.orElseThrow();
        }
        try {
            WalletAddress wallet = directory.wallet(merchantWallet);
            String from = after;
            Page<IncomingPayment> p = directory.withToken(
                    wallet.authServer(),
                    AccessKind.INCOMING_PAYMENT,
                    t -> gateway.listIncomingPayments(wallet, t, from, page.limit()));
            java.time.Instant now = clock.instant();
            String next = p.hasNextPage() && p.endCursor() != null ? HistoryCursor.received(p.endCursor()) : null;
            return Result.ok(new Listing<>(
                    p.items().stream().map(ip -> ReceivedPayment.of(ip, now)).toList(), next));
        } catch (CheckoutException e) {
            return Result.err(e.problem);
        } catch (WalletException e) {
            return Result.err(StartCheckout.walletProblem(e));
        }
    }

    /**
     * One page of the checkouts paid from this customer wallet through this client, newest first. The
     * address is resolved as start-checkout resolves it (the {@link WalletDirectory}: fetched, checked to
     * be the wallet it claims, cached) and the checkouts are found under the document's {@code id}, which
     * is what start-checkout stores: a {@code $} pointer, a trailing slash or the http spelling local
     * Rafiki serves its https ids under all find the same checkouts. An address that cannot be resolved
     * is refused as start-checkout refuses it; a cursor issued for another customer's listing is refused.
     */
    public Result<Listing<CheckoutSummary>> payments(String customerWallet, PageQuery page) {
        Result<String> url = urls.walletAddress(customerWallet, "customerWalletAddress");
        if (url instanceof Result.Err<String> err) return Result.err(err.problem());
        try {
            WalletAddress wallet = directory.wallet(url.orElseThrow());
            CheckoutStore.Position after = null;
            if (page.cursor() != null) {
                Result<CheckoutStore.Position> decoded = HistoryCursor.paymentsAfter(page.cursor(), wallet.id());
                if (decoded instanceof Result.Err<CheckoutStore.Position> err) return Result.err(err.problem());
                after = decoded.orElseThrow();
            }
            CheckoutStore.SummaryPage found = store.byCustomer(wallet.id(), page.limit(), after);
            String next = found.next() == null ? null : HistoryCursor.payments(wallet.id(), found.next());
            return Result.ok(new Listing<>(found.items(), next));
        } catch (CheckoutException e) {
            return Result.err(e.problem);
        } catch (WalletException e) {
            return Result.err(StartCheckout.walletProblem(e));
        }
    }

    /**
     * Cancels a checkout that still waits for consent, or an installment plan between installments
     * (no further installment is charged and the grant is cancelled at the customer's wallet).
     * Cancelling twice is fine. A plan whose installment is being charged right now cannot be
     * cancelled until that payment has settled: money may already be moving.
     */
    public Result<Checkout> cancel(String checkoutId) {
        for (int race = 0; race < 5; race++) {
            Checkout c = store.find(checkoutId).orElse(null);
            if (c == null) return Result.err(ErrorCode.CHECKOUT_NOT_FOUND, "no checkout " + checkoutId);
            if (c.status() == CheckoutStatus.CANCELLED) {
                // A repeated cancel also repeats the hand-over, in case the first one's message was lost.
                closeIncomingLater(c);
                return Result.ok(c);
            }
            boolean openPlan =
                    c.hasPlan() && (c.status() == CheckoutStatus.ACTIVE || c.status() == CheckoutStatus.PAST_DUE);
            if (c.status() != CheckoutStatus.AWAITING_CONSENT && !openPlan) {
                return Result.err(
                        ErrorCode.CHECKOUT_NOT_CANCELLABLE,
                        "checkout " + checkoutId + " is " + c.status().wireName()
                                + "; only a checkout awaiting consent or an active or past-due installment plan can be cancelled");
            }
            if (openPlan && c.legs().stream().anyMatch(l -> l.status().inFlight())) {
                return Result.err(
                        ErrorCode.CHECKOUT_NOT_CANCELLABLE,
                        "an installment of checkout " + checkoutId
                                + " is being charged right now; cancel again once it has settled (usually within a minute)");
            }
            Checkout.Edit edit = c.edit(clock.instant());
            Failure why = new Failure(FailureCode.CANCELLED, "cancelled by the storefront");
            if (openPlan) {
                for (Leg l : c.legs()) {
                    if (l.status() == LegStatus.SCHEDULED
                            || l.status() == LegStatus.PENDING
                            || l.status() == LegStatus.FAILED) edit.leg(l.cancelled(why));
                }
                edit.plan(c.plan().wakeAt(null));
            } else {
                UnchargedLegs.cancel(c, edit, "not charged: " + why.message());
            }
            var change = edit.moveTo(CheckoutStatus.CANCELLED, settings.retention())
                    .change(
                            "checkout-cancelled",
                            "by the storefront"
                                    + (openPlan
                                            ? " after " + c.plan().paidCount() + " of "
                                                    + c.plan().count() + " installments"
                                            : ""));
            try {
                store.update(change);
            } catch (CheckoutStore.ConcurrentUpdateException e) {
                continue;
            }
            closeIncomingLater(change.next());
            if (!openPlan) {
                try {
                    gateway.cancelGrant(c.consent().continueUri(), c.consent().continueToken());
                } catch (WalletException ignored) {
                    // The checkout is cancelled either way; the AS expires the interaction on its own.
                }
                return Result.ok(change.next());
            }
            return Result.ok(cancelPlanGrant(change.next()));
        }
        return Result.err(ErrorCode.CHECKOUT_NOT_CANCELLABLE, "checkout " + checkoutId + " is changing; try again");
    }

    /** create-outgoing completes the incoming payments the cancelled checkout leaves open at the payees. */
    private void closeIncomingLater(Checkout c) {
        if (c.legs().stream().anyMatch(l -> l.incomingLeftOpen(true)))
            queue.send(new Command.CloseIncomingPayments(c.id()), java.time.Duration.ZERO);
    }

    /** The plan's grant must not authorise anything more: cancel it now, or have create-outgoing retry it. */
    private Checkout cancelPlanGrant(Checkout c) {
        try {
            var attempt = grants.cancel(c);
            if (attempt.unanswered()) queue.send(new Command.CancelGrant(c.id()), java.time.Duration.ZERO);
            return attempt.checkout();
        } catch (CheckoutStore.ConcurrentUpdateException e) {
            return store.find(c.id()).orElse(c);
        }
    }
}

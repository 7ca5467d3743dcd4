package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.FailureCode;
import dev.opfunctions.checkout.model.Change;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.model.Failure;
import dev.opfunctions.checkout.model.GrantToken;
import dev.opfunctions.checkout.model.Leg;
import dev.opfunctions.checkout.model.LegKey;
import dev.opfunctions.checkout.model.LegStatus;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.checkout.port.Sleeper;
import dev.opfunctions.checkout.port.WalletException;
import dev.opfunctions.checkout.port.WalletGateway;
import dev.opfunctions.checkout.port.WalletGateway.AccessKind;
import dev.opfunctions.checkout.port.WalletGateway.IncomingPayment;
import dev.opfunctions.checkout.port.WalletGateway.OutgoingPayment;
import dev.opfunctions.checkout.port.WalletGateway.Page;
import dev.opfunctions.checkout.port.WalletGateway.Quote;
import dev.opfunctions.client.Deadline;
import dev.opfunctions.client.model.Amount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The per-leg steps of create-outgoing: create an outgoing payment exactly once, then follow it.
 *
 * <p>Exactly once, because the API has no idempotency key: the intent ({@link LegStatus#CREATING}
 * with a lease) is stored before create is called; a leg found in that state (a crash, a lost
 * response, a second worker) is first reconciled by listing the customer's outgoing payments and
 * matching the leg's quote id, and only created if none exists. The lease keeps two live workers
 * from calling create for the same leg at once. Each step returns the checkout as stored after it.
 */
final class LegSteps {

    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 50;

    /**
     * What an invocation must still have left after a pause for another look: the look itself (two
     * wallet calls) and what follows it (the completing write and the grant's cancel, or the delayed
     * re-check's message and write).
     */
    static final Duration LOOK_RESERVE = Duration.ofSeconds(5);

    private final CheckoutStore store;
    private final WalletGateway gateway;
    private final WalletDirectory directory;
    private final Clock clock;
    private final CheckoutSettings settings;
    private final Sleeper sleeper;
    /** Shared with the installment preparer, so one checkout's token rotations go through one place. */
    final PaymentTokens tokens;

    final IncomingPaymentCloser closer;

    LegSteps(CheckoutDependencies deps) {
        this.store = deps.store();
        this.gateway = deps.gateway();
        this.directory = deps.directory();
        this.clock = deps.clock();
        this.settings = deps.settings();
        this.sleeper = deps.sleeper();
        this.tokens = new PaymentTokens(store, gateway, clock, settings.plans().rotationWait());
        this.closer = new IncomingPaymentCloser(deps);
    }

    /** The checkout after one pass over some legs; {@code unreachable} says which sent payment the wallet did not answer about, if any. */
    record Pass(Checkout checkout, String unreachable) {}

    /**
     * Creates each leg that still needs its outgoing payment (exactly once, see {@link #create}) and
     * looks once at each sent payment, so fast wallets finish without a delayed re-check. When this pass
     * created a payment that is not complete yet, it looks again at the times {@link
     * CheckoutSettings#settleLooks()} names after the create ({@link #lookWhileSettling}). A wallet that
     * does not answer about a sent payment is not a failure: money may be moving.
     */
    Pass createAndLookOnce(Checkout c, java.util.List<LegKey> keys, String me) {
        String unreachable = null;
        Instant created = null;
        for (LegKey key : keys) {
            LegStatus status = c.leg(key).orElseThrow().status();
            if (status == LegStatus.PENDING || status == LegStatus.CREATING) {
                c = create(c, key, me);
                if (c.leg(key).orElseThrow().status() == LegStatus.SENT) created = clock.instant();
            }
            if (c.leg(key).orElseThrow().status() == LegStatus.SENT) {
                try {
                    c = follow(c, key);
                } catch (WalletException e) {
                    if (!e.retryable()) throw e;
                    unreachable = unreachable(key, e);
                }
            }
        }
        if (created == null || unreachable != null) return new Pass(c, unreachable);
        return lookWhileSettling(c, keys, created);
    }

    /**
     * The looks after a create, while the wallet is likely to settle the payment: at each of the
     * settings' {@link CheckoutSettings#settleLooks() times} after {@code created} that is still ahead,
     * one look ({@link #follow}, with its rules for what is recorded) at every leg still sent, until none
     * is. The pause is real time ({@link Sleeper}); a look is only taken while the invocation has the
     * pause plus {@link #LOOK_RESERVE} left, and the looks stop at the first wallet that does not answer:
     * what is left is for the delayed re-checks, as before.
     */
    private Pass lookWhileSettling(Checkout c, java.util.List<LegKey> keys, Instant created) {
        for (Duration at : settings.settleLooks()) {
            Checkout current = c;
            java.util.List<LegKey> sent = keys.stream()
                    .filter(k -> current.leg(k).orElseThrow().status() == LegStatus.SENT)
                    .toList();
            if (sent.isEmpty()) break;
            Duration pause = Duration.between(clock.instant(), created.plus(at));
            if (pause.isNegative() || pause.isZero()) continue; // the looks so far took past this time
            if (pause.compareTo(at) > 0) pause = at; // a clock set back does not stretch the wait
            Duration needed = pause.plus(LOOK_RESERVE);
            if (!Deadline.current().map(d -> d.allows(needed)).orElse(true)) break;
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            for (LegKey key : sent) {
                try {
                    c = follow(c, key);
                } catch (WalletException e) {
                    if (!e.retryable()) throw e;
                    return new Pass(c, unreachable(key, e));
                }
            }
        }
        return new Pass(c, null);
    }

    private static String unreachable(LegKey key, WalletException e) {
        return "the wallet did not answer about " + key + " (" + e.answer() + ")";
    }

    /**
     * Creates the leg's outgoing payment exactly once. The whole step (read-back, re-quote, create) is
     * one {@link StepLease}: once its lease runs out, no call of it can still be in flight, and the next
     * worker's read-back is conclusive.
     */
    Checkout create(Checkout c, LegKey key, String me) {
        StepLease step = StepLease.start(settings.createLease());
        return step.deadline().run(() -> createWithin(c, key, me, step.length()));
    }

    private Checkout createWithin(Checkout c, LegKey key, String me, Duration leaseLength) {
        Instant now = clock.instant();
        Leg leg = c.leg(key).orElseThrow();
        if (leg.leasedByOtherAt(me, now)) return c;
        boolean mayExist = leg.status() == LegStatus.CREATING;
        Leg lease = leg.claimCreate(me, now.plus(leaseLength));
        c = save(c.edit(now).leg(lease).change("leg-creating", key + " attempt " + lease.createAttempts()));
        if (mayExist) {
            Optional<OutgoingPayment> found = findExisting(c, lease);
            if (found.isPresent()) return recordSent(c, key, found.get(), "found after an interrupted attempt");
        }
        if (lease.quoteExpiresAt() != null
                && !clock.instant().isBefore(lease.quoteExpiresAt().minus(settings.tokenSkew()))) {
            c = requote(c, lease);
            if (c.leg(key).orElseThrow().status() != LegStatus.CREATING) return c;
        }
        Leg claimed = c.leg(key).orElseThrow();
        Checkout current = c;
        OutgoingPayment created;
        try {
            created = withPaymentToken(
                    current,
                    t -> gateway.createOutgoingPayment(
                            current.customer(), t, claimed.quoteId(), describe(current, key)));
        } catch (WalletException e) {
            // Lost response or refusal: a payment may exist all the same (a quote backs only one), so read back first.
            Optional<OutgoingPayment> found =
                    e.retryable() ? tryFind(current, claimed) : findExisting(current, claimed);
            if (found.isPresent()) return recordSent(current, key, found.get(), "found after the create call failed");
            if (e.retryable()) {
                // One rule for every answer that may mean "created" (no answer, a 5xx, a garbled 2xx): the
                // lease stays until it runs out, and only a read-back after that decides whether to create
                // again (or re-quote). Only an answer that says the wallet did nothing (429, 408) frees it now.
                if (e.certainlyNotActed()) releaseLease(current.id(), key, me);
                throw e;
            }
            return recordFailed(
                    store.find(current.id()).orElseThrow(),
                    key,
                    new Failure(
                            FailureCode.PAYMENT_REFUSED,
                            "the customer's wallet refused the payment to "
                                    + claimed.payee().id() + " (" + e.answer() + "): " + e.getMessage()));
        }
        return recordSent(current, key, created, "created");
    }

    /**
     * Looks at a sent payment once. Completion is judged by delivery, from the payee's side: the leg
     * is complete when this attempt's incoming payment has received what the leg still owes
     * ({@link Leg#owed()}: its amount less what earlier attempts delivered), or its wallet says it is
     * completed, and the outgoing payment has not failed; a failed payment whose money all arrived counts
     * as complete too. {@code sentAmount} only says whether there
     * is progress worth a look at the payee: wallets differ on whether it counts fees (Rafiki's does
     * not, so a finished payment there reports less sent than debited).
     */
    Checkout follow(Checkout c, LegKey key) {
        Leg leg = c.leg(key).orElseThrow();
        OutgoingPayment op;
        try {
            op = withPaymentToken(c, t -> gateway.getOutgoingPayment(leg.outgoingPaymentId(), t));
        } catch (WalletException e) {
            throw GoneResources.outgoingPayment(leg, e);
        }
        if (op.sentAmount().value().signum() == 0) {
            return op.failed() ? recordStopped(c, leg, op, leg.receivedAmount()) : c;
        }
        IncomingPayment ip;
        try {
            ip = directory.withToken(
                    leg.payee().authServer(),
                    AccessKind.INCOMING_PAYMENT,
                    t -> gateway.getIncomingPayment(leg.incomingPaymentId(), t));
        } catch (WalletException e) {
            throw GoneResources.incomingPayment(leg, e);
        }
        // This attempt's incoming payment asks for what earlier attempts did not deliver.
        boolean delivered = ip.receivedAmount().compareTo(leg.owed()) >= 0;
        // A payment stopped after sending part of it: what arrived is recorded, so a retry pays only the rest.
        if (op.failed() && !delivered) return recordStopped(c, leg, op, ip.receivedAmount());
        if (delivered || ip.completed()) {
            Leg done = leg.completed(op.sentAmount(), ip.receivedAmount());
            String detail = key + ": received " + ip.receivedAmount()
                    + (delivered
                            ? ""
                            : " of " + leg.receiveAmount() + " (the payee's wallet closed the incoming payment)")
                    + ", debited " + op.debitAmount() + ", sent " + op.sentAmount();
            Checkout.Edit completing = c.edit(clock.instant()).leg(done);
            if (completesTheCheckout(c, key))
                // The last payment of a purchase ends it in the same write: one write (and one stream record)
                // fewer per checkout than recording the leg and then the checkout; PaymentWorker then only
                // closes the grant.
                return save(completing
                        .reason(null)
                        .moveTo(CheckoutStatus.COMPLETED, settings.retention())
                        .change("checkout-completed", "all " + c.legs().size() + " payments arrived; " + detail));
            return save(completing.change("leg-completed", detail));
        }
        boolean changed = !op.sentAmount().equals(leg.sentAmount())
                || !ip.receivedAmount().equals(leg.receivedAmount());
        return changed ? saveLeg(c, leg.progress(op.sentAmount(), ip.receivedAmount()), "leg-progress") : c;
    }

    /** Whether completing {@code key} completes a purchase (an installment plan ends in its own steps). */
    private static boolean completesTheCheckout(Checkout c, LegKey key) {
        return !c.hasPlan()
                && c.status() == CheckoutStatus.PAYING
                && c.legs().stream().allMatch(l -> l.key().equals(key) || l.status() == LegStatus.COMPLETED);
    }

    private Checkout recordStopped(Checkout c, Leg leg, OutgoingPayment op, Amount received) {
        Failure why = new Failure(
                FailureCode.PAYMENT_FAILED,
                "the customer's wallet stopped the payment to " + leg.payee().id() + " after sending "
                        + op.sentAmount() + " of " + op.debitAmount()
                        + (received == null || received.isZero() ? "" : "; the payee received " + received));
        return saveLeg(c, leg.failedAfter(why, op.sentAmount(), received), "leg-failed");
    }

    /**
     * Only called once no payment can exist for the leg: no create was ever called, or a read-back after
     * the last create's lease ran out found none. So a refusal here fails the leg instead of leaving it
     * for a person.
     */
    private Checkout requote(Checkout c, Leg leg) {
        Quote q;
        try {
            q = directory.withToken(
                    c.customer().authServer(),
                    AccessKind.QUOTE,
                    t -> gateway.createQuote(c.customer(), t, leg.incomingPaymentId()));
        } catch (WalletException e) {
            if (e.retryable()) throw e;
            return recordFailed(
                    c,
                    leg.key(),
                    new Failure(
                            FailureCode.PAYMENT_REFUSED,
                            "the quote for the payment to " + leg.payee().id()
                                    + " expired and the customer's wallet would not quote it again (" + e.answer()
                                    + "): " + e.getMessage()));
        }
        if (!q.debitAmount().sameAsset(leg.debitAmount()) || q.debitAmount().isGreaterThan(leg.debitAmount())) {
            return recordFailed(
                    c,
                    leg.key(),
                    new Failure(
                            FailureCode.PRICE_CHANGED,
                            "the quote expired before consent and a new one costs " + q.debitAmount()
                                    + ", more than the " + leg.debitAmount() + " the customer agreed to"));
        }
        return saveLeg(c, leg.requoted(q.id(), q.debitAmount(), q.expiresAt()), "leg-requoted");
    }

    private Optional<OutgoingPayment> tryFind(Checkout c, Leg leg) {
        try {
            return findExisting(c, leg);
        } catch (WalletException e) {
            return Optional.empty();
        }
    }

    /** The outgoing payment at the customer's wallet backed by this leg's quote, if one exists. */
    private Optional<OutgoingPayment> findExisting(Checkout c, Leg leg) {
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String at = cursor;
            Page<OutgoingPayment> p =
                    withPaymentToken(c, t -> gateway.listOutgoingPayments(c.customer(), t, at, PAGE_SIZE));
            for (OutgoingPayment op : p.items()) {
                if (leg.quoteId().equals(op.quoteId())) return Optional.of(op);
            }
            if (!p.hasNextPage() || p.endCursor() == null) break;
            cursor = p.endCursor();
        }
        return Optional.empty();
    }

    private Checkout recordSent(Checkout c, LegKey key, OutgoingPayment op, String how) {
        while (true) {
            Leg leg = c.leg(key).orElseThrow();
            if (leg.status() != LegStatus.CREATING)
                return c; // another worker recorded it (the same payment: one per quote)
            try {
                return save(c.edit(clock.instant())
                        .leg(leg.sent(op.id(), op.sentAmount()))
                        .change("leg-sent", key + " outgoing payment " + how));
            } catch (CheckoutStore.ConcurrentUpdateException e) {
                c = store.find(c.id()).orElseThrow();
            }
        }
    }

    private void releaseLease(String checkoutId, LegKey key, String me) {
        try {
            Checkout c = store.find(checkoutId).orElseThrow();
            Leg leg = c.leg(key).orElseThrow();
            if (leg.status() == LegStatus.CREATING && me.equals(leg.leaseOwner())) {
                save(c.edit(clock.instant())
                        .leg(leg.releaseLease(clock.instant()))
                        .change("leg-create-failed", key + ": the wallet answered without a payment"));
            }
        } catch (CheckoutStore.ConcurrentUpdateException ignored) {
            // Someone else changed the checkout; the lease simply runs out.
        }
    }

    private Checkout recordFailed(Checkout c, LegKey key, Failure why) {
        return saveLeg(c, c.leg(key).orElseThrow().failed(why), "leg-failed");
    }

    private Checkout saveLeg(Checkout c, Leg leg, String type) {
        return save(c.edit(clock.instant())
                .leg(leg)
                .change(
                        type,
                        leg.key()
                                + (leg.failure() == null
                                        ? ""
                                        : ": " + leg.failure().message())));
    }

    private Checkout save(Change change) {
        store.update(change);
        return change.next();
    }

    /**
     * Calls with the checkout's payment token; when the wallet says it is inactive, rotates it once
     * (single-flight, see {@link PaymentTokens}) and calls again with the token that won.
     *
     * @throws PaymentTokens.GrantRevokedException when the token cannot be rotated and no newer one exists
     */
    <T> T withPaymentToken(Checkout c, Function<GrantToken, T> call) {
        try {
            return call.apply(c.paymentToken());
        } catch (WalletException e) {
            if (e.kind() != WalletException.Kind.TOKEN_INACTIVE) throw e;
        }
        Checkout fresh = tokens.rotate(c, c.paymentToken(), e -> e, "the wallet said it was inactive");
        return call.apply(fresh.paymentToken());
    }

    private static String describe(Checkout c, LegKey key) {
        String what = c.description() == null ? "order " + c.orderId() : c.description();
        return c.hasPlan()
                ? what + " (installment " + (key.installment() + 1) + " of "
                        + c.plan().count() + ")"
                : what;
    }
}

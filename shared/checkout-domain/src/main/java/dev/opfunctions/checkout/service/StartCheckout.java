package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.Result;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutEvent;
import dev.opfunctions.checkout.model.Consent;
import dev.opfunctions.checkout.model.GrantToken;
import dev.opfunctions.checkout.model.InstallmentPlan;
import dev.opfunctions.checkout.model.Leg;
import dev.opfunctions.checkout.model.LegKey;
import dev.opfunctions.checkout.model.WalletAddress;
import dev.opfunctions.checkout.order.CreateCheckoutRequest;
import dev.opfunctions.checkout.order.MoneySplit;
import dev.opfunctions.checkout.order.PayeeShare;
import dev.opfunctions.checkout.order.RequestFingerprint;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.checkout.port.WalletException;
import dev.opfunctions.checkout.port.WalletGateway;
import dev.opfunctions.checkout.port.WalletGateway.AccessKind;
import dev.opfunctions.checkout.port.WalletGateway.IncomingPayment;
import dev.opfunctions.checkout.port.WalletGateway.Quote;
import dev.opfunctions.client.Deadline;
import dev.opfunctions.client.model.Amount;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * {@code POST /checkouts}: from a validated order to a stored checkout waiting for consent.
 *
 * <p>The wallet calls form a dependency graph run as concurrent futures, so each call starts as soon
 * as what it needs is known: payee documents, incoming-payment tokens and incoming payments on one
 * side; the customer's document and quote token on the other; quotes when both meet; one interactive
 * grant over all quotes last. With the payee's and customer's servers cached this is 3 sequential
 * rounds (incoming payment, quote, grant). Nothing is stored until every call succeeded, so a
 * validation or wallet failure leaves no state; the order id is then claimed with a conditional write.
 *
 * <p>Under a {@link Deadline} (the request's time budget) the wallet calls, in every thread they run
 * on, share what is left of it minus {@link #WRAP_UP}; a start that runs out answers
 * {@code WALLET_UNAVAILABLE} and spends the reserve closing the incoming payments it created.
 */
public final class StartCheckout {

    /**
     * What the wallet calls leave of the request's budget: enough to close, concurrently, the incoming
     * payments of a start that failed, or to store the checkout and queue its expiry after one that succeeded.
     */
    public static final Duration WRAP_UP = Duration.ofSeconds(3);

    private final CheckoutStore store;
    private final WalletGateway gateway;
    private final WalletDirectory directory;
    private final Clock clock;
    private final CheckoutSettings settings;
    private final Executor executor;
    private final Supplier<String> ids;
    private final Supplier<String> finishSecrets;
    private final IncomingPaymentCloser closer;

    /** @param executor runs the concurrent wallet calls of one start */
    public StartCheckout(CheckoutDependencies deps, Executor executor) {
        this(deps, executor, () -> UUID.randomUUID().toString());
    }

    public StartCheckout(CheckoutDependencies deps, Executor executor, Supplier<String> ids) {
        this(deps, executor, ids, FinishSecret::generate);
    }

    /** @param finishSecrets source of the finish URI secrets (random in production; fixed to replay recorded callbacks) */
    public StartCheckout(
            CheckoutDependencies deps, Executor executor, Supplier<String> ids, Supplier<String> finishSecrets) {
        this.finishSecrets = finishSecrets;
        this.store = deps.store();
        this.gateway = deps.gateway();
        this.directory = deps.directory();
        this.clock = deps.clock();
        this.settings = deps.settings();
        // Wallet calls on the executor's threads keep the request's deadline.
        this.executor = Deadline.propagating(executor);
        this.ids = ids;
        this.closer = new IncomingPaymentCloser(deps);
    }

    /** The stored checkout, and whether this call created it (false: an idempotent repeat). */
    public record Started(Checkout checkout, boolean created) {}

    public Result<Started> start(CreateCheckoutRequest order) {
        String hash = RequestFingerprint.of(order);
        Optional<Checkout> existing = store.findByOrder(order.orderId());
        if (existing.isPresent()) return repeat(existing.get(), hash);
        List<BigInteger> shares = order.payees().stream().map(PayeeShare::share).toList();
        // One-time: the whole amount; a plan: per installment (the first, with the remainder, is quoted now).
        List<Amount> installments = order.plan() == null
                ? List.of(order.amount())
                : PlanSchedule.split(order.amount(), order.plan().count());
        List<List<Amount>> parts =
                installments.stream().map(a -> MoneySplit.split(a, shares)).toList();
        for (int k = 0; k < parts.size(); k++) {
            for (int i = 0; i < parts.get(k).size(); i++) {
                if (parts.get(k).get(i).isZero()) {
                    return Result.err(
                            ErrorCode.INVALID_SPLIT,
                            "payees[" + i + "] would receive nothing from " + installments.get(k)
                                    + (order.plan() == null ? "" : " (installment " + (k + 1) + ")")
                                    + "; raise the amount or its share");
                }
            }
        }
        Checkout checkout;
        Queue<Created> created = new ConcurrentLinkedQueue<>();
        WalletDirectory.Lookups wallets = directory.lookups();
        try {
            String id = ids.get();
            Optional<Deadline> budget = Deadline.current();
            checkout = budget.isEmpty()
                    ? prepare(id, order, hash, parts, created, wallets)
                    : budget.get().minus(WRAP_UP).run(() -> prepare(id, order, hash, parts, created, wallets));
        } catch (CheckoutException e) {
            closeAll(created);
            return Result.err(e.problem);
        } catch (WalletException e) {
            closeAll(created);
            return Result.err(walletProblem(e));
        }
        try {
            String what = checkout.hasPlan()
                    ? "consent requested for " + checkout.plan().count() + " installments of up to "
                            + checkout.plan().debitLimit() + " per "
                            + checkout.plan().period()
                    : "consent requested for " + checkout.debitTotal();
            store.create(
                    checkout,
                    List.of(new CheckoutEvent(
                            checkout.id(),
                            checkout.version(),
                            checkout.createdAt(),
                            "checkout-created",
                            checkout.status(),
                            what)));
            wallets.keep();
        } catch (CheckoutStore.OrderAlreadyClaimedException raced) {
            // A concurrent identical request won; our grant is never shown to anyone and simply expires,
            // and our incoming payments are closed so none stays pending at the payees.
            closeAll(created);
            return store.findByOrder(order.orderId())
                    .map(c -> repeat(c, hash))
                    .orElseGet(() -> Result.err(
                            ErrorCode.ORDER_CONFLICT, "order " + order.orderId() + " is being created; retry"));
        }
        // No delayed expiry message: the consent deadline is the checkout's look-again time in the DueIndex
        // (Checkout#wakeAt), so the scheduled run expires it within a minute of the deadline. Most customers
        // consent, and a message for each would cost a send, a receive, a delete and an invocation.
        return Result.ok(new Started(checkout, true));
    }

    private Result<Started> repeat(Checkout existing, String hash) {
        if (!existing.requestHash().equals(hash)) {
            return Result.err(
                    ErrorCode.ORDER_CONFLICT,
                    "order " + existing.orderId() + " already has checkout " + existing.id()
                            + " with a different body; use a new order id for a different order");
        }
        return Result.ok(new Started(existing, false));
    }

    /** An incoming payment this request created, so that it can be closed if the request ends without it. */
    private record Created(WalletAddress payee, String url) {}

    /** Concurrently, so that each close gets all of what is left of the request's budget. */
    private void closeAll(Queue<Created> created) {
        join(created.stream()
                .map(c -> CompletableFuture.runAsync(() -> closer.closeQuietly(c.payee(), c.url()), executor))
                .toList());
    }

    private Checkout prepare(
            String id,
            CreateCheckoutRequest order,
            String hash,
            List<List<Amount>> parts,
            Queue<Created> created,
            WalletDirectory.Lookups wallets) {
        Instant now = clock.instant();
        Duration consentWindow = order.plan() == null
                ? settings.consentTimeout()
                : PlanSchedule.consentWindow(order.plan().period(), settings.consentTimeout());
        Instant deadline = now.plus(consentWindow);
        CompletableFuture<WalletAddress> customer = async(() -> wallets.wallet(order.customerWalletAddress()));
        CompletableFuture<GrantToken> quoteToken =
                customer.thenApplyAsync(c -> directory.token(c.authServer(), AccessKind.QUOTE), executor);
        List<CompletableFuture<Leg>> legs = new ArrayList<>();
        List<Amount> first = parts.get(0);
        for (int i = 0; i < first.size(); i++) {
            LegKey key = new LegKey(0, i);
            Amount part = first.get(i);
            CompletableFuture<WalletAddress> payee = async(
                    () -> wallets.wallet(order.payees().get(key.payeeIndex()).walletAddress()));
            // Nothing is created at a payee before the customer's wallet has resolved: an order refused for
            // the customer's address leaves no trace in the merchant's received payments. The payee's document
            // and token are still fetched meanwhile, so this costs no round trip.
            CompletableFuture<IncomingPayment> incoming = payee.thenCombine(customer, (p, c) -> p)
                    .thenApplyAsync(
                            p -> {
                                IncomingPayment ip = createIncoming(p, key, part, order, deadline);
                                created.add(new Created(p, ip.id()));
                                return ip;
                            },
                            executor);
            legs.add(customer.thenCombine(quoteToken, Pair::new)
                    .thenCombineAsync(
                            incoming, (ct, ip) -> quote(key, ct.customer, ct.token, payee.join(), part, ip), executor));
        }
        List<Leg> done = join(legs);
        WalletAddress payer = customer.join();
        ConsentRequest consents = new ConsentRequest(gateway, clock, settings, finishSecrets);
        InstallmentPlan plan = null;
        Consent consent;
        if (order.plan() == null) {
            Amount debit =
                    done.stream().map(Leg::debitAmount).reduce(Amount::plus).orElseThrow();
            consent = consents.request(id, payer, debit, null, deadline, 1);
        } else {
            plan = PlanSchedule.plan(
                    order.plan(),
                    order.amount(),
                    now,
                    PlanSchedule.debitLimit(done, settings.plans().priceHeadroomBasisPoints()));
            List<Leg> sizing = order.plan().firstAtConsent() ? List.of() : done;
            done = planLegs(order, parts, done);
            consent = consents.request(id, payer, plan.debitLimit(), plan.interval(), deadline, 1);
            // Quoted only to size the grant: nothing will pay them, so they are closed rather than left pending.
            if (!sizing.isEmpty()) created.clear();
            join(sizing.stream()
                    .map(l -> CompletableFuture.runAsync(
                            () -> closer.closeQuietly(l.payee(), l.incomingPaymentId()), executor))
                    .toList());
        }
        Checkout.NewOrder kept =
                new Checkout.NewOrder(order.orderId(), hash, order.amount(), order.description(), order.returnUrl());
        return Checkout.awaitingConsent(id, kept, now, clock.instant(), payer, done, consent, plan);
    }

    /**
     * Every installment's legs. Installment 0's quotes size the grant; they are its payments when it is
     * charged at consent, and otherwise only the sizing (their incoming payments are closed at once).
     */
    private static List<Leg> planLegs(CreateCheckoutRequest order, List<List<Amount>> parts, List<Leg> quoted) {
        List<Leg> all = new ArrayList<>();
        for (Leg l : quoted)
            all.add(order.plan().firstAtConsent() ? l : Leg.scheduled(l.key(), l.payee(), l.receiveAmount()));
        for (int k = 1; k < parts.size(); k++) {
            for (int i = 0; i < parts.get(k).size(); i++) {
                all.add(Leg.scheduled(
                        new LegKey(k, i), quoted.get(i).payee(), parts.get(k).get(i)));
            }
        }
        return all;
    }

    private IncomingPayment createIncoming(
            WalletAddress payee, LegKey key, Amount part, CreateCheckoutRequest order, Instant deadline) {
        if (!payee.assetCode().equals(part.assetCode()) || payee.assetScale() != part.assetScale()) {
            throw new CheckoutException(
                    ErrorCode.ASSET_MISMATCH,
                    "payee " + payee.id() + " holds " + payee.assetCode() + " at scale " + payee.assetScale()
                            + " but the order is in " + part.assetCode() + " at scale " + part.assetScale());
        }
        // The incoming payment must outlive consent plus the time the payment takes to arrive.
        Instant expires = deadline.plus(Duration.ofHours(1));
        String description = order.description() == null ? "order " + order.orderId() : order.description();
        return directory.withToken(
                payee.authServer(),
                AccessKind.INCOMING_PAYMENT,
                t -> gateway.createIncomingPayment(payee, t, part, description, expires));
    }

    private Leg quote(
            LegKey key,
            WalletAddress customer,
            GrantToken token,
            WalletAddress payee,
            Amount part,
            IncomingPayment ip) {
        Quote q = directory.withToken(
                customer.authServer(), AccessKind.QUOTE, token, t -> gateway.createQuote(customer, t, ip.id()));
        if (!q.receiveAmount().sameAsset(part) || q.receiveAmount().compareTo(part) < 0) {
            throw new CheckoutException(
                    ErrorCode.ASSET_MISMATCH,
                    "the customer's wallet quoted delivering " + q.receiveAmount() + " to " + payee.id()
                            + " instead of " + part);
        }
        if (!q.debitAmount().assetCode().equals(customer.assetCode())
                || q.debitAmount().assetScale() != customer.assetScale()) {
            throw new CheckoutException(
                    ErrorCode.ASSET_MISMATCH,
                    "the customer's wallet quoted a debit in " + q.debitAmount().assetCode() + " but holds "
                            + customer.assetCode());
        }
        return Leg.pending(key, payee, part, ip.id(), q.id(), q.debitAmount(), q.expiresAt());
    }

    static dev.opfunctions.checkout.Problem walletProblem(WalletException e) {
        String where = e.url() == null ? "a wallet" : e.url();
        if (e.outOfTime()) {
            return new dev.opfunctions.checkout.Problem(
                    ErrorCode.WALLET_UNAVAILABLE,
                    "the wallets did not answer within this request's time budget (last: " + where
                            + "); nothing was stored; retry the same request later");
        }
        return switch (e.kind()) {
            case UNAVAILABLE, TOO_FAST ->
                new dev.opfunctions.checkout.Problem(
                        ErrorCode.WALLET_UNAVAILABLE,
                        where + " " + unavailable(e) + "; nothing was stored; retry the same request later");
            case NOT_FOUND, REJECTED, TOKEN_INACTIVE ->
                new dev.opfunctions.checkout.Problem(
                        ErrorCode.WALLET_REJECTED,
                        (e.status() >= 200 && e.status() < 300
                                        ? e.getMessage()
                                        : where + " refused the request (HTTP " + e.status() + "): " + e.getMessage())
                                + "; nothing was stored");
        };
    }

    /** What went wrong with a wallet that may work later, in words (no bare status codes). */
    private static String unavailable(WalletException e) {
        if (e.status() == 0) return "could not be reached or did not answer in time (" + e.getMessage() + ")";
        return "answered HTTP " + e.status() + " (" + e.getMessage() + ")";
    }

    private <T> CompletableFuture<T> async(Supplier<T> s) {
        return CompletableFuture.supplyAsync(s, executor);
    }

    private static <T> List<T> join(List<CompletableFuture<T>> futures) {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            // Report the first leg's failure deterministically rather than whichever finished first.
        }
        List<T> out = new ArrayList<>();
        for (CompletableFuture<T> f : futures) {
            try {
                out.add(f.join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException re) throw re;
                throw e;
            }
        }
        return out;
    }

    private record Pair(WalletAddress customer, GrantToken token) {}
}

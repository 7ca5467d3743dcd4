package dev.opfunctions.checkout.fakes;

import dev.opfunctions.checkout.model.GrantToken;
import dev.opfunctions.checkout.model.WalletAddress;
import dev.opfunctions.checkout.port.WalletException;
import dev.opfunctions.checkout.port.WalletException.Kind;
import dev.opfunctions.checkout.port.WalletGateway;
import dev.opfunctions.client.Deadline;
import dev.opfunctions.client.http.OpenPaymentsHttp;
import dev.opfunctions.client.model.Amount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-memory wallets (auth and resource servers) behind {@link WalletGateway}. It deliberately does
 * NOT refuse a second outgoing payment for the same quote, so a double create shows up as two
 * payments in {@link #outgoingPayments()}. Faults are queued per operation name.
 */
public final class FakeWallets implements WalletGateway {

    /** What a queued fault does to the next call of an operation. */
    public enum Fault {
        UNAVAILABLE_BEFORE,
        LOSE_RESPONSE,
        TOO_FAST,
        REJECTED,
        TOKEN_INACTIVE,
        /** 429 before acting: the wallet says it did nothing. */
        RATE_LIMITED_BEFORE,
        /** A gateway in front of the wallet answers 502 although the wallet did nothing. */
        GATEWAY_ERROR_BEFORE,
        /** The wallet acts (a create commits), then a gateway in front of it answers 502. */
        GATEWAY_ERROR_AFTER,
        /** The wallet acts, then its 201 arrives garbled (an invalid body). */
        GARBLED_AFTER,
        /** 401 {@code invalid_continuation}/{@code invalid_client}: what an AS answers for a continuation or token it does not know. */
        UNAUTHORIZED,
        /** 404: the resource (or grant) is not known (any more). */
        NOT_FOUND
    }

    /** One call, for counting rounds: start and end in nanoseconds. */
    public record Call(String op, String url, long start, long end) {}

    private final Clock clock;
    private final Map<String, WalletAddress> wallets = new ConcurrentHashMap<>();
    private final Map<String, IncomingPayment> incoming = new ConcurrentHashMap<>();
    private final Map<String, Quote> quotes = new ConcurrentHashMap<>();
    private final Map<String, OutgoingPayment> outgoing = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Instant> liveTokens = new ConcurrentHashMap<>();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Map<String, Grant> tokenGrants = new ConcurrentHashMap<>();
    private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
    private final Map<String, java.util.function.UnaryOperator<Object>> lies = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<Call> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Duration latency = Duration.ZERO;
    private volatile boolean autoSettle = true;
    private volatile Duration settleAfter;
    /** Outgoing payment → when it settles by itself, for payments created while {@link #settleAfter} is set. */
    private final Map<String, Instant> settlesAt = new ConcurrentHashMap<>();

    private volatile Duration quoteLife = Duration.ofMinutes(5);
    private volatile int grantWait = 5;
    private volatile boolean rotateContinueTokens;
    private volatile long fixedFee = 0;
    private volatile int feeBasisPoints = 0;
    private final Map<String, Amount> quoteFees = new ConcurrentHashMap<>();

    private static final class Grant {
        final String walletAddress;
        final String finishUri;
        final Amount debitLimit;
        final String interval;
        final java.util.Set<String> tokens = ConcurrentHashMap.newKeySet();
        volatile boolean approved;
        volatile boolean finalized;
        volatile boolean cancelled;
        /** The continue token the AS knows now: a continuation that approves the grant issues a new one. */
        volatile String continueToken;

        Grant(String walletAddress, String finishUri, Amount debitLimit, String interval, String continueToken) {
            this.walletAddress = walletAddress;
            this.finishUri = finishUri;
            this.debitLimit = debitLimit;
            this.interval = interval;
            this.continueToken = continueToken;
        }
    }

    public FakeWallets(Clock clock) {
        this.clock = clock;
    }

    public WalletAddress addWallet(String url, String asset, int scale) {
        String host = java.net.URI.create(url).getHost();
        WalletAddress w = new WalletAddress(url, asset, scale, "https://auth." + host + "/", "https://" + host + "/op");
        wallets.put(url, w);
        return w;
    }

    public void latency(Duration d) {
        latency = d;
    }

    /** When false, outgoing payments stay at sentAmount 0 until {@link #settleAll()}. */
    public void autoSettle(boolean on) {
        autoSettle = on;
    }

    /**
     * Outgoing payments created from now on settle by themselves {@code d} after their create, by this
     * fake's clock, as a wallet's asynchronous settlement does: a read at or after that time sees them
     * complete (and their incoming payments credited), an earlier one sees nothing sent. Null turns it off.
     */
    public void settleAfter(Duration d) {
        settleAfter = d;
    }

    /** Settles what {@link #settleAfter} made due by now. */
    private void settleDue() {
        if (settlesAt.isEmpty()) return;
        Instant now = clock.instant();
        synchronized (outgoing) {
            for (var due : java.util.List.copyOf(settlesAt.entrySet())) {
                if (now.isBefore(due.getValue())) continue;
                settlesAt.remove(due.getKey());
                outgoing.computeIfPresent(
                        due.getKey(),
                        (id, op) -> op.failed() || !op.sentAmount().isZero() ? op : settle(op));
            }
        }
    }

    public void quoteLife(Duration d) {
        quoteLife = d;
    }

    /**
     * Sender's fees as Rafiki charges them: {@code fixed + ceil(amount × bp / 10000)} on top of the
     * delivered amount in quotes' {@code debitAmount}, and left out of {@code sentAmount} (so a settled
     * payment reports less sent than debited). Off by default.
     */
    public void fees(long fixedMinorUnits, int basisPoints) {
        fixedFee = fixedMinorUnits;
        feeBasisPoints = basisPoints;
    }

    /** The incoming payments nobody completed yet: what would still look pending at the payees' wallets. */
    public List<IncomingPayment> openIncomingPayments() {
        return incoming.values().stream().filter(i -> !i.completed()).toList();
    }

    /** The fee the quote behind an outgoing payment charged (zero without fees). */
    public Amount feeOf(OutgoingPayment op) {
        return quoteFees.getOrDefault(op.quoteId(), op.debitAmount().withValue(java.math.BigInteger.ZERO));
    }

    /** From now on, a continuation that approves a grant answers with a new continue token (the old one stops working). */
    public void rotateContinueTokens() {
        rotateContinueTokens = true;
    }

    /** The {@code continue.wait} seconds interactive grants answer with. */
    public void grantWait(int seconds) {
        grantWait = seconds;
    }

    /**
     * Serves {@code doc} at {@code url} whatever it says about itself: a wallet that lies about its
     * identity or servers.
     */
    public void serveDocument(String url, WalletAddress doc) {
        wallets.put(url, doc);
    }

    /** Every later answer of {@code op} is passed through {@code lie} first: a wallet that lies in its answers. */
    @SuppressWarnings("unchecked")
    public <T> void lie(String op, java.util.function.UnaryOperator<T> lie) {
        lies.put(op, (java.util.function.UnaryOperator<Object>) lie);
    }

    public void fault(String op, Fault... f) {
        faults.computeIfAbsent(op, k -> new ArrayDeque<>()).addAll(List.of(f));
    }

    public int count(String op) {
        AtomicInteger c = counts.get(op);
        return c == null ? 0 : c.get();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public void clearCalls() {
        calls.clear();
    }

    public List<OutgoingPayment> outgoingPayments() {
        synchronized (outgoing) {
            return List.copyOf(outgoing.values());
        }
    }

    public IncomingPayment incoming(String id) {
        return incoming.get(id);
    }

    /** The debit limit and interval the grant behind this continue URI was requested with. */
    public Amount grantLimit(String continueUri) {
        return grants.get(continueUri).debitLimit;
    }

    public String grantInterval(String continueUri) {
        return grants.get(continueUri).interval;
    }

    /** Whether the grant behind this continue URI was cancelled (DELETE continue URI). */
    public boolean grantCancelled(String continueUri) {
        return grants.get(continueUri).cancelled;
    }

    /** The finish URI the grant behind this continue URI was requested with (as the AS would redirect to it). */
    public String finishUri(String continueUri) {
        return grants.get(continueUri).finishUri;
    }

    /** The customer approves the pending grant behind this continue URI at their wallet. */
    public void approve(String continueUri) {
        grants.get(continueUri).approved = true;
    }

    /** Completes every outgoing payment: sent = debit, and credits the incoming payments. */
    public void settleAll() {
        synchronized (outgoing) {
            for (Map.Entry<String, OutgoingPayment> e : outgoing.entrySet()) {
                OutgoingPayment op = e.getValue();
                if (!op.failed() && op.sentAmount().compareTo(op.debitAmount()) < 0) e.setValue(settle(op));
            }
        }
    }

    /** Completes one outgoing payment (as {@link #settleAll()} does for all). */
    public void settle(String outgoingPaymentId) {
        synchronized (outgoing) {
            outgoing.computeIfPresent(
                    outgoingPaymentId,
                    (id, op) -> op.failed() || !op.sentAmount().isZero() ? op : settle(op));
        }
    }

    /** Marks an outgoing payment failed after sending nothing. */
    public void failPayment(String id) {
        synchronized (outgoing) {
            OutgoingPayment op = outgoing.get(id);
            outgoing.put(id, progressed(op, op.sentAmount(), true));
        }
    }

    /**
     * Stops an outgoing payment after part of it arrived, as Rafiki fails an ILP STREAM payment whose
     * later packets were rejected: the payee's incoming payment keeps {@code delivered} (payee's asset),
     * the outgoing payment reports {@code sent} (customer's asset) and is failed.
     */
    public void failAfterPartialDelivery(String id, long sent, long delivered) {
        synchronized (outgoing) {
            OutgoingPayment op = outgoing.get(id);
            IncomingPayment ip = incoming.get(op.receiver());
            Amount received =
                    ip.receivedAmount().plus(ip.receivedAmount().withValue(java.math.BigInteger.valueOf(delivered)));
            incoming.put(ip.id(), received(ip, received, ip.completed()));
            outgoing.put(id, progressed(op, op.debitAmount().withValue(java.math.BigInteger.valueOf(sent)), true));
        }
    }

    /** What a payee's incoming payments have received in total, over every one created at {@code wallet}. */
    public Amount receivedBy(String wallet) {
        return incoming.values().stream()
                .filter(ip -> ip.walletAddress().equals(wallet))
                .map(IncomingPayment::receivedAmount)
                .reduce(Amount::plus)
                .orElse(null);
    }

    /**
     * The wallet forgets a payment, as a sandbox restarted without its data does (or Rafiki's soft delete
     * of an expired incoming payment): reading it answers 404 from now on.
     */
    public void forget(String paymentUrl) {
        outgoing.remove(paymentUrl);
        incoming.remove(paymentUrl);
    }

    /** Revokes every token (as if they all expired at the AS). */
    public void expireAllTokens() {
        liveTokens.replaceAll((k, v) -> Instant.EPOCH);
    }

    private OutgoingPayment settle(OutgoingPayment op) {
        IncomingPayment ip = incoming.get(op.receiver());
        if (ip.completed()) {
            // A completed incoming payment takes no more money: the payment fails having sent nothing.
            return progressed(op, op.sentAmount(), true);
        }
        Amount received = ip.receivedAmount().plus(op.receiveAmount());
        incoming.put(ip.id(), received(ip, received, received.compareTo(ip.incomingAmount()) >= 0));
        return progressed(op, op.debitAmount().minus(feeOf(op)), false);
    }

    /** {@code op} as the wallet reports it after sending {@code sent}, failed or not. */
    private static OutgoingPayment progressed(OutgoingPayment op, Amount sent, boolean failed) {
        return new OutgoingPayment(
                op.id(),
                op.walletAddress(),
                op.receiver(),
                op.quoteId(),
                op.debitAmount(),
                op.receiveAmount(),
                sent,
                failed,
                op.createdAt());
    }

    /** {@code ip} after receiving {@code total} in all. */
    private static IncomingPayment received(IncomingPayment ip, Amount total, boolean completed) {
        return new IncomingPayment(
                ip.id(),
                ip.walletAddress(),
                ip.incomingAmount(),
                total,
                completed,
                ip.createdAt(),
                ip.expiresAt(),
                ip.description());
    }

    /**
     * As the real client under a caller's deadline: with too little left nothing is sent; otherwise the
     * wallet acts on the request (a create happens) but the answer comes after the caller gave up.
     */
    private static <T> T outOfTime(String url, Deadline deadline, java.util.function.Supplier<T> body)
            throws InterruptedException {
        Duration left = deadline.remaining();
        if (left.compareTo(OpenPaymentsHttp.MIN_ATTEMPT_TIME) < 0)
            throw WalletException.outOfTime(url, "not sent: " + left.toMillis() + " ms left", null);
        Thread.sleep(left);
        body.get();
        throw WalletException.outOfTime(url, "no response within the " + left.toMillis() + " ms left", null);
    }

    private <T> T call(String op, String url, java.util.function.Supplier<T> body) {
        long start = System.nanoTime();
        counts.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
        try {
            Duration slow = latency;
            Deadline deadline = Deadline.current().orElse(null);
            if (deadline != null && !deadline.allows(slow)) return outOfTime(url, deadline, body);
            if (!slow.isZero()) Thread.sleep(slow);
            Fault f = null;
            Deque<Fault> q = faults.get(op);
            if (q != null)
                synchronized (q) {
                    f = q.poll();
                }
            if (f != null) {
                switch (f) {
                    case UNAVAILABLE_BEFORE ->
                        throw new WalletException(Kind.UNAVAILABLE, 503, url, "service unavailable");
                    case TOO_FAST -> throw new WalletException(Kind.TOO_FAST, 400, url, "too_fast");
                    case REJECTED -> throw new WalletException(Kind.REJECTED, 400, url, "invalid_request");
                    case TOKEN_INACTIVE -> throw new WalletException(Kind.TOKEN_INACTIVE, 403, url, "Inactive Token");
                    case UNAUTHORIZED -> throw new WalletException(Kind.REJECTED, 401, url, "invalid_continuation");
                    case NOT_FOUND -> throw new WalletException(Kind.NOT_FOUND, 404, url, "invalid_request");
                    case LOSE_RESPONSE -> {
                        body.get();
                        throw new WalletException(Kind.UNAVAILABLE, 0, url, "timed out waiting for the response");
                    }
                    case RATE_LIMITED_BEFORE ->
                        throw new WalletException(Kind.UNAVAILABLE, 429, url, "too many requests");
                    case GATEWAY_ERROR_BEFORE -> throw new WalletException(Kind.UNAVAILABLE, 502, url, "bad gateway");
                    case GATEWAY_ERROR_AFTER -> {
                        body.get();
                        throw new WalletException(Kind.UNAVAILABLE, 502, url, "bad gateway");
                    }
                    case GARBLED_AFTER -> {
                        body.get();
                        throw new WalletException(Kind.UNAVAILABLE, 201, url, "invalid_response");
                    }
                }
            }
            T answer = body.get();
            var lie = lies.get(op);
            @SuppressWarnings("unchecked")
            T told = lie == null ? answer : (T) lie.apply(answer);
            return told;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WalletException(Kind.UNAVAILABLE, 0, url, "interrupted");
        } finally {
            calls.add(new Call(op, url, start, System.nanoTime()));
        }
    }

    private void requireToken(GrantToken t, String url) {
        Instant exp = liveTokens.get(t.value());
        if (exp == null || !clock.instant().isBefore(exp))
            throw new WalletException(Kind.TOKEN_INACTIVE, 403, url, "Inactive Token");
    }

    private GrantToken newToken(String authServer) {
        String v = "tok-" + ids.incrementAndGet();
        Instant exp = clock.instant().plusSeconds(600);
        liveTokens.put(v, exp);
        return new GrantToken(v, authServer + "token/" + v, exp);
    }

    private String id(String base, String kind) {
        return base + "/" + kind + "/" + ids.incrementAndGet();
    }

    @Override
    public WalletAddress walletAddress(String url) {
        return call("walletAddress", url, () -> {
            WalletAddress w = wallets.get(url);
            if (w == null) throw new WalletException(Kind.NOT_FOUND, 404, url, "not found");
            return w;
        });
    }

    @Override
    public GrantToken requestGrant(String authServer, AccessKind kind) {
        return call("requestGrant", authServer, () -> newToken(authServer));
    }

    @Override
    public GrantToken rotateToken(GrantToken token) {
        return call("rotateToken", token.manageUrl(), () -> {
            if (liveTokens.remove(token.value()) == null)
                throw new WalletException(Kind.REJECTED, 401, token.manageUrl(), "invalid access token");
            GrantToken fresh =
                    newToken(token.manageUrl().substring(0, token.manageUrl().indexOf("token/")));
            Grant g = tokenGrants.remove(token.value());
            if (g != null) {
                g.tokens.add(fresh.value());
                tokenGrants.put(fresh.value(), g);
            }
            return fresh;
        });
    }

    @Override
    public IncomingPayment createIncomingPayment(
            WalletAddress payee, GrantToken token, Amount amount, String description, Instant expiresAt) {
        return call("createIncomingPayment", payee.resourceServer(), () -> {
            requireToken(token, payee.resourceServer());
            IncomingPayment ip = new IncomingPayment(
                    id(payee.resourceServer(), "incoming-payments"),
                    payee.id(),
                    amount,
                    amount.withValue(java.math.BigInteger.ZERO),
                    false,
                    clock.instant(),
                    expiresAt,
                    description);
            incoming.put(ip.id(), ip);
            return ip;
        });
    }

    @Override
    public IncomingPayment getIncomingPayment(String url, GrantToken token) {
        return call("getIncomingPayment", url, () -> {
            requireToken(token, url);
            settleDue();
            IncomingPayment ip = incoming.get(url);
            if (ip == null) throw new WalletException(Kind.NOT_FOUND, 404, url, "incoming payment not found");
            return ip;
        });
    }

    @Override
    public IncomingPayment completeIncomingPayment(String url, GrantToken token) {
        return call("completeIncomingPayment", url, () -> {
            requireToken(token, url);
            IncomingPayment ip = incoming.get(url);
            if (ip == null) throw new WalletException(Kind.NOT_FOUND, 404, url, "Not Found");
            if (ip.completed()) throw new WalletException(Kind.REJECTED, 409, url, "wrong state");
            IncomingPayment done = new IncomingPayment(
                    ip.id(),
                    ip.walletAddress(),
                    ip.incomingAmount(),
                    ip.receivedAmount(),
                    true,
                    ip.createdAt(),
                    ip.expiresAt(),
                    ip.description());
            incoming.put(url, done);
            return done;
        });
    }

    @Override
    public Page<IncomingPayment> listIncomingPayments(
            WalletAddress wallet, GrantToken token, String cursor, int first) {
        return call("listIncomingPayments", wallet.resourceServer(), () -> {
            requireToken(token, wallet.resourceServer());
            List<IncomingPayment> mine = incoming.values().stream()
                    .filter(i -> i.walletAddress().equals(wallet.id()))
                    .sorted(java.util.Comparator.comparing(IncomingPayment::id))
                    .toList();
            return page(mine, cursor, first, IncomingPayment::id);
        });
    }

    @Override
    public Quote createQuote(WalletAddress payer, GrantToken token, String receiver) {
        return call("createQuote", payer.resourceServer(), () -> {
            requireToken(token, payer.resourceServer());
            IncomingPayment ip = incoming.get(receiver);
            Amount receive = ip.incomingAmount();
            java.math.BigInteger bp = receive.value().multiply(java.math.BigInteger.valueOf(feeBasisPoints));
            java.math.BigInteger[] qr = bp.divideAndRemainder(java.math.BigInteger.valueOf(10_000));
            java.math.BigInteger fee = java.math.BigInteger.valueOf(fixedFee)
                    .add(qr[1].signum() > 0 ? qr[0].add(java.math.BigInteger.ONE) : qr[0]);
            Amount debit = Amount.of(receive.value().add(fee), payer.assetCode(), payer.assetScale());
            Quote q = new Quote(
                    id(payer.resourceServer(), "quotes"),
                    payer.id(),
                    receiver,
                    debit,
                    receive,
                    clock.instant().plus(quoteLife));
            quotes.put(q.id(), q);
            quoteFees.put(q.id(), debit.withValue(fee));
            return q;
        });
    }

    @Override
    public PendingGrant requestOutgoingPaymentGrant(
            WalletAddress payer, Amount debitLimit, String interval, String finishUri, String clientNonce) {
        return call("requestOutgoingPaymentGrant", payer.authServer(), () -> {
            String cont = payer.authServer() + "continue/" + ids.incrementAndGet();
            grants.put(cont, new Grant(payer.id(), finishUri, debitLimit, interval, "ct-" + ids.get()));
            return new PendingGrant(
                    payer.authServer(),
                    payer.authServer() + "interact/" + ids.get(),
                    "as-nonce-" + ids.get(),
                    cont,
                    "ct-" + ids.get(),
                    grantWait);
        });
    }

    @Override
    public ApprovedGrant continueGrant(String continueUri, String continueToken, String interactRef) {
        return call("continueGrant", continueUri, () -> {
            Grant g = grants.get(continueUri);
            if (g != null && !g.cancelled && !g.continueToken.equals(continueToken))
                throw new WalletException(Kind.REJECTED, 401, continueUri, "invalid_continuation");
            if (g == null || g.finalized)
                throw new WalletException(Kind.NOT_FOUND, 404, continueUri, "invalid_continuation");
            if (!g.approved) throw new WalletException(Kind.REJECTED, 401, continueUri, "request_denied");
            g.finalized = true;
            GrantToken t = newToken(continueUri.substring(0, continueUri.indexOf("continue/")));
            g.tokens.add(t.value());
            tokenGrants.put(t.value(), g);
            // GNAP lets the AS issue a new continue token with any continue answer (RFC 9635 §5): the old one
            // then no longer manages the grant. Rafiki (and the sandbox) keep it; a wallet may not.
            if (rotateContinueTokens) g.continueToken = "ct-" + ids.incrementAndGet() + "-continued";
            return new ApprovedGrant(t, continueUri, g.continueToken);
        });
    }

    /** The customer revokes the grant behind this continue URI at their wallet: it and all its tokens stop working. */
    public void revokeGrant(String continueUri) {
        Grant g = grants.get(continueUri);
        g.cancelled = true;
        g.tokens.forEach(liveTokens::remove);
    }

    @Override
    public void cancelGrant(String continueUri, String continueToken) {
        call("cancelGrant", continueUri, () -> {
            Grant g = grants.get(continueUri);
            // As Rafiki: no live grant for (continue URI, continue token) is a 401, whichever part is wrong.
            if (g == null || g.cancelled || !g.continueToken.equals(continueToken))
                throw new WalletException(Kind.REJECTED, 401, continueUri, "invalid_continuation");
            g.cancelled = true;
            g.tokens.forEach(liveTokens::remove);
            return null;
        });
    }

    @Override
    public OutgoingPayment createOutgoingPayment(
            WalletAddress payer, GrantToken token, String quoteId, String description) {
        return call("createOutgoingPayment", payer.resourceServer(), () -> {
            requireToken(token, payer.resourceServer());
            Quote q = quotes.get(quoteId);
            if (q == null || !clock.instant().isBefore(q.expiresAt()))
                throw new WalletException(Kind.REJECTED, 400, payer.resourceServer(), "invalid quote");
            OutgoingPayment op = new OutgoingPayment(
                    id(payer.resourceServer(), "outgoing-payments"),
                    payer.id(),
                    q.receiver(),
                    quoteId,
                    q.debitAmount(),
                    q.receiveAmount(),
                    q.debitAmount().withValue(java.math.BigInteger.ZERO),
                    false,
                    clock.instant());
            Duration later = settleAfter;
            if (later != null) settlesAt.put(op.id(), clock.instant().plus(later));
            else if (autoSettle) op = settle(op);
            outgoing.put(op.id(), op);
            return op;
        });
    }

    @Override
    public OutgoingPayment getOutgoingPayment(String url, GrantToken token) {
        return call("getOutgoingPayment", url, () -> {
            requireToken(token, url);
            settleDue();
            OutgoingPayment op = outgoing.get(url);
            if (op == null) throw new WalletException(Kind.NOT_FOUND, 404, url, "outgoing payment not found");
            return op;
        });
    }

    @Override
    public Page<OutgoingPayment> listOutgoingPayments(WalletAddress payer, GrantToken token, String cursor, int first) {
        return call("listOutgoingPayments", payer.resourceServer(), () -> {
            requireToken(token, payer.resourceServer());
            settleDue();
            return page(
                    outgoingPayments().stream()
                            .filter(o -> o.walletAddress().equals(payer.id()))
                            .toList(),
                    cursor,
                    first,
                    OutgoingPayment::id);
        });
    }

    private static <T> Page<T> page(List<T> all, String cursor, int first, java.util.function.Function<T, String> id) {
        int from = 0;
        if (cursor != null) {
            for (int i = 0; i < all.size(); i++) if (id.apply(all.get(i)).equals(cursor)) from = i + 1;
        }
        int to = Math.min(all.size(), from + first);
        List<T> items = all.subList(from, to);
        return new Page<>(
                List.copyOf(items), to < all.size(), items.isEmpty() ? null : id.apply(items.get(items.size() - 1)));
    }
}

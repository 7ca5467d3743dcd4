package dev.opfunctions.checkout.fakes;

import dev.opfunctions.checkout.model.GrantToken;
import dev.opfunctions.checkout.model.WalletAddress;
import dev.opfunctions.checkout.port.WalletGateway;
import dev.opfunctions.client.model.Amount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * A {@link WalletGateway} decorator that times every call so the number of sequential rounds can be
 * measured: the longest chain of calls in which each starts after the previous one ended. Calls
 * that overlap in time count as one round. Used by tests and the rounds benchmark.
 */
public final class RoundCounter implements WalletGateway {

    private record Span(String op, long start, long end) {}

    private final WalletGateway inner;
    private final List<Span> spans = new ArrayList<>();

    public RoundCounter(WalletGateway inner) {
        this.inner = inner;
    }

    public synchronized void reset() {
        spans.clear();
    }

    public synchronized int calls() {
        return spans.size();
    }

    /** Length of the longest chain of strictly sequential calls since the last reset. */
    public synchronized int rounds() {
        List<Span> s = new ArrayList<>(spans);
        s.sort(Comparator.comparingLong(Span::start));
        int[] depth = new int[s.size()];
        int best = 0;
        for (int i = 0; i < s.size(); i++) {
            depth[i] = 1;
            for (int j = 0; j < i; j++) {
                if (s.get(j).end() <= s.get(i).start()) depth[i] = Math.max(depth[i], depth[j] + 1);
            }
            best = Math.max(best, depth[i]);
        }
        return best;
    }

    /** The operations called since the last reset, in start order. */
    public synchronized List<String> operations() {
        return spans.stream()
                .sorted(Comparator.comparingLong(Span::start))
                .map(Span::op)
                .toList();
    }

    private <T> T time(String op, Supplier<T> call) {
        long start = System.nanoTime();
        try {
            return call.get();
        } finally {
            long end = System.nanoTime();
            synchronized (this) {
                spans.add(new Span(op, start, end));
            }
        }
    }

    @Override
    public WalletAddress walletAddress(String url) {
        return time("walletAddress", () -> inner.walletAddress(url));
    }

    @Override
    public GrantToken requestGrant(String authServer, AccessKind kind) {
        return time("grant:" + kind, () -> inner.requestGrant(authServer, kind));
    }

    @Override
    public GrantToken rotateToken(GrantToken token) {
        return time("rotateToken", () -> inner.rotateToken(token));
    }

    @Override
    public IncomingPayment createIncomingPayment(
            WalletAddress payee, GrantToken token, Amount amount, String description, Instant expiresAt) {
        return time(
                "createIncomingPayment",
                () -> inner.createIncomingPayment(payee, token, amount, description, expiresAt));
    }

    @Override
    public IncomingPayment getIncomingPayment(String url, GrantToken token) {
        return time("getIncomingPayment", () -> inner.getIncomingPayment(url, token));
    }

    @Override
    public IncomingPayment completeIncomingPayment(String url, GrantToken token) {
        return time("completeIncomingPayment", () -> inner.completeIncomingPayment(url, token));
    }

    @Override
    public Page<IncomingPayment> listIncomingPayments(
            WalletAddress wallet, GrantToken token, String cursor, int first) {
        return time("listIncomingPayments", () -> inner.listIncomingPayments(wallet, token, cursor, first));
    }

    @Override
    public Quote createQuote(WalletAddress payer, GrantToken token, String receiver) {
        return time("createQuote", () -> inner.createQuote(payer, token, receiver));
    }

    @Override
    public PendingGrant requestOutgoingPaymentGrant(
            WalletAddress payer, Amount debitLimit, String interval, String finishUri, String clientNonce) {
        return time(
                "grant:OUTGOING_PAYMENT",
                () -> inner.requestOutgoingPaymentGrant(payer, debitLimit, interval, finishUri, clientNonce));
    }

    @Override
    public ApprovedGrant continueGrant(String continueUri, String continueToken, String interactRef) {
        return time("continueGrant", () -> inner.continueGrant(continueUri, continueToken, interactRef));
    }

    @Override
    public void cancelGrant(String continueUri, String continueToken) {
        time("cancelGrant", () -> {
            inner.cancelGrant(continueUri, continueToken);
            return null;
        });
    }

    @Override
    public OutgoingPayment createOutgoingPayment(
            WalletAddress payer, GrantToken token, String quoteId, String description) {
        return time("createOutgoingPayment", () -> inner.createOutgoingPayment(payer, token, quoteId, description));
    }

    @Override
    public OutgoingPayment getOutgoingPayment(String url, GrantToken token) {
        return time("getOutgoingPayment", () -> inner.getOutgoingPayment(url, token));
    }

    @Override
    public Page<OutgoingPayment> listOutgoingPayments(WalletAddress payer, GrantToken token, String cursor, int first) {
        return time("listOutgoingPayments", () -> inner.listOutgoingPayments(payer, token, cursor, first));
    }
}

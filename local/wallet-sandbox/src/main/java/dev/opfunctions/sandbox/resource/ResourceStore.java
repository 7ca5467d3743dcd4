package dev.opfunctions.sandbox.resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every incoming payment, quote and outgoing payment of the sandbox, across providers (a quote on
 * one provider names an incoming payment on another as its receiver). Callers hold the store's
 * monitor ({@code synchronized (store)}) around anything that reads and then changes state, so
 * limit checks, settlement and the ledger see one consistent world.
 */
public final class ResourceStore {

    private final Map<String, IncomingPayment> incoming = new LinkedHashMap<>();
    private final Map<String, Quote> quotes = new LinkedHashMap<>();
    private final Map<String, OutgoingPayment> outgoing = new LinkedHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    synchronized void add(IncomingPayment p) {
        incoming.put(p.url, p);
    }

    synchronized void add(Quote q) {
        quotes.put(q.url, q);
    }

    synchronized void add(OutgoingPayment p) {
        outgoing.put(p.url, p);
    }

    public synchronized Optional<IncomingPayment> incoming(String url) {
        return Optional.ofNullable(incoming.get(url));
    }

    synchronized Optional<Quote> quote(String url) {
        return Optional.ofNullable(quotes.get(url));
    }

    public synchronized Optional<OutgoingPayment> outgoing(String url) {
        return Optional.ofNullable(outgoing.get(url));
    }

    public synchronized List<IncomingPayment> incomingOf(String walletAddressUrl) {
        return incoming.values().stream()
                .filter(p -> p.walletAddress.url().equals(walletAddressUrl))
                .toList();
    }

    public synchronized List<OutgoingPayment> outgoingOf(String walletAddressUrl) {
        return outgoing.values().stream()
                .filter(p -> p.walletAddress.url().equals(walletAddressUrl))
                .toList();
    }

    synchronized List<OutgoingPayment> outgoingOfGrant(String grantId) {
        return outgoing.values().stream().filter(p -> grantId.equals(p.grantId)).toList();
    }

    synchronized List<IncomingPayment> allIncoming() {
        return new ArrayList<>(incoming.values());
    }

    synchronized List<Quote> allQuotes() {
        return new ArrayList<>(quotes.values());
    }

    /** Continues the sequence after the highest one restored, so list order stays creation order. */
    void sequenceAtLeast(long value) {
        sequence.accumulateAndGet(value, Math::max);
    }

    public synchronized List<OutgoingPayment> allOutgoing() {
        return new ArrayList<>(outgoing.values());
    }
}

package dev.opfunctions.sandbox.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.sandbox.state.Records;
import dev.opfunctions.sandbox.state.Records.AmountRec;
import dev.opfunctions.sandbox.state.Records.IncomingRec;
import dev.opfunctions.sandbox.state.Records.OutgoingRec;
import dev.opfunctions.sandbox.state.Records.QuoteRec;
import dev.opfunctions.sandbox.wallet.WalletAddress;
import dev.opfunctions.sandbox.wallet.WalletDirectory;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The resource store's incoming payments, quotes and outgoing payments as persisted records, and back.
 * Callers hold the store's monitor while exporting, so a settlement is never seen half done.
 */
public final class ResourceState {

    private ResourceState() {}

    public static void export(ResourceStore store, Consumer<Records.Rec> out) {
        for (IncomingPayment p : store.allIncoming()) {
            out.accept(new IncomingRec(
                    p.id,
                    p.url,
                    p.sequence,
                    p.walletAddress.url(),
                    AmountRec.of(p.incomingAmount),
                    Records.time(p.expiresAt),
                    p.metadata,
                    Records.time(p.createdAt),
                    p.client,
                    p.ilpAddress,
                    p.sharedSecret,
                    AmountRec.of(p.receivedAmount),
                    p.completed));
        }
        for (Quote q : store.allQuotes()) {
            out.accept(new QuoteRec(
                    q.id,
                    q.url,
                    q.walletAddress.url(),
                    q.receiver,
                    AmountRec.of(q.debitAmount),
                    AmountRec.of(q.receiveAmount),
                    q.fee.toString(),
                    Records.time(q.createdAt),
                    Records.time(q.expiresAt),
                    q.client,
                    q.used));
        }
        for (OutgoingPayment p : store.allOutgoing()) {
            out.accept(new OutgoingRec(
                    p.id,
                    p.url,
                    p.sequence,
                    p.walletAddress.url(),
                    p.quote.url,
                    p.metadata,
                    Records.time(p.createdAt),
                    p.client,
                    p.grantId,
                    AmountRec.of(p.sentAmount),
                    p.state.name(),
                    p.failureReason));
        }
    }

    /**
     * Puts saved records back into an empty store. Outgoing payments that were still sending when the
     * sandbox stopped are handed to {@code settlement} again: their money never moved, so it moves now.
     */
    public static void restore(
            ResourceStore store,
            WalletDirectory directory,
            Settlement settlement,
            List<IncomingRec> incoming,
            List<QuoteRec> quotes,
            List<OutgoingRec> outgoing) {
        long maxSequence = 0;
        for (IncomingRec r : incoming) {
            IncomingPayment p = new IncomingPayment(
                    r.id(),
                    r.url(),
                    r.sequence(),
                    wallet(directory, r.walletUrl()),
                    amount(r.incomingAmount()),
                    Records.instant(r.expiresAt()),
                    json(r.metadata()),
                    Records.instant(r.createdAt()),
                    r.client(),
                    r.ilpAddress(),
                    r.sharedSecret());
            p.receivedAmount = r.receivedAmount().amount();
            p.completed = r.completed();
            store.add(p);
            maxSequence = Math.max(maxSequence, r.sequence());
        }
        Map<String, Quote> byUrl = new HashMap<>();
        for (QuoteRec r : quotes) {
            Quote q = new Quote(
                    r.id(),
                    r.url(),
                    wallet(directory, r.walletUrl()),
                    r.receiver(),
                    r.debitAmount().amount(),
                    r.receiveAmount().amount(),
                    new BigInteger(r.fee()),
                    Records.instant(r.createdAt()),
                    Records.instant(r.expiresAt()),
                    r.client());
            q.used = r.used();
            store.add(q);
            byUrl.put(q.url, q);
        }
        for (OutgoingRec r : outgoing) {
            Quote quote = byUrl.get(r.quoteUrl());
            if (quote == null) throw new IllegalStateException("saved payment " + r.url() + " has no saved quote");
            OutgoingPayment p = new OutgoingPayment(
                    r.id(),
                    r.url(),
                    r.sequence(),
                    wallet(directory, r.walletUrl()),
                    quote,
                    json(r.metadata()),
                    Records.instant(r.createdAt()),
                    r.client(),
                    r.grantId());
            p.sentAmount = r.sentAmount().amount();
            p.state = OutgoingPayment.State.valueOf(r.state());
            p.failureReason = r.failureReason();
            store.add(p);
            maxSequence = Math.max(maxSequence, r.sequence());
            if (p.state == OutgoingPayment.State.SENDING) settlement.schedule(p);
        }
        store.sequenceAtLeast(maxSequence);
    }

    private static WalletAddress wallet(WalletDirectory directory, String url) {
        return directory.find(url).orElseThrow(() -> new IllegalStateException("saved state names no wallet " + url));
    }

    private static dev.opfunctions.client.model.Amount amount(AmountRec r) {
        return r == null ? null : r.amount();
    }

    /** Jackson reads a saved JSON null as a NullNode; the live objects hold Java null for "none". */
    private static JsonNode json(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }
}

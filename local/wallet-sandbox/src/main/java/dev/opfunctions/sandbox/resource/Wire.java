package dev.opfunctions.sandbox.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.client.json.Json;
import dev.opfunctions.client.model.Amount;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The resources' wire forms, field for field as the specs define them. */
final class Wire {

    /** Millisecond precision with a Z, like JavaScript's {@code Date.toISOString()}. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Wire() {}

    static String time(Instant t) {
        return TIME.format(t);
    }

    static ObjectNode amount(Amount a) {
        return dev.opfunctions.sandbox.http.AmountJson.of(a);
    }

    /** {@code incoming-payment}, plus {@code methods} for the {@code -with-methods} variant. */
    static ObjectNode incoming(IncomingPayment p, boolean withMethods) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("id", p.url);
        n.put("walletAddress", p.walletAddress.url());
        if (p.incomingAmount != null) n.set("incomingAmount", amount(p.incomingAmount));
        n.set("receivedAmount", amount(p.receivedAmount));
        n.put("completed", p.completed);
        n.put("expiresAt", time(p.expiresAt));
        if (p.metadata != null) n.set("metadata", p.metadata);
        n.put("createdAt", time(p.createdAt));
        if (withMethods) {
            n.putArray("methods")
                    .addObject()
                    .put("type", "ilp")
                    .put("ilpAddress", p.ilpAddress)
                    .put("sharedSecret", p.sharedSecret);
        }
        return n;
    }

    static ObjectNode publicIncoming(IncomingPayment p) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.set("receivedAmount", amount(p.receivedAmount));
        n.put("authServer", p.walletAddress.provider().authServer());
        return n;
    }

    static ObjectNode quote(Quote q) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("id", q.url);
        n.put("walletAddress", q.walletAddress.url());
        n.put("receiver", q.receiver);
        n.set("receiveAmount", amount(q.receiveAmount));
        n.set("debitAmount", amount(q.debitAmount));
        n.put("method", "ilp");
        n.put("expiresAt", time(q.expiresAt));
        n.put("createdAt", time(q.createdAt));
        return n;
    }

    static ObjectNode outgoing(OutgoingPayment p) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("id", p.url);
        n.put("walletAddress", p.walletAddress.url());
        n.put("quoteId", p.quote.url);
        n.put("failed", p.failed());
        n.put("receiver", p.quote.receiver);
        n.set("receiveAmount", amount(p.quote.receiveAmount));
        n.set("debitAmount", amount(p.quote.debitAmount));
        n.set("sentAmount", amount(p.sentAmount));
        if (p.metadata != null) n.set("metadata", p.metadata);
        n.put("createdAt", time(p.createdAt));
        return n;
    }
}

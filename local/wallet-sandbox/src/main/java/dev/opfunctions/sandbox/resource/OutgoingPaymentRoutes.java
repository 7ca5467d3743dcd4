package dev.opfunctions.sandbox.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.client.json.Json;
import dev.opfunctions.client.model.Amount;
import dev.opfunctions.sandbox.auth.AccessItem;
import dev.opfunctions.sandbox.http.ApiException;
import dev.opfunctions.sandbox.http.HttpCall;
import dev.opfunctions.sandbox.http.HttpReply;
import dev.opfunctions.sandbox.wallet.WalletAddress;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Create (from a quote, or from an incoming payment plus a debit amount), get and list outgoing
 * payments, and the grant's spent amounts. Creation enforces the grant's limits like Rafiki and
 * hands the payment to {@link Settlement}.
 */
final class OutgoingPaymentRoutes {

    private final ResourceServer rs;
    private final QuoteRoutes quotes;

    OutgoingPaymentRoutes(ResourceServer rs) {
        this.rs = rs;
        this.quotes = new QuoteRoutes(rs);
    }

    HttpReply create(HttpCall call, JsonNode body) {
        String walletUrl = body.path("walletAddress").asText();
        ResourceAuth.Authorized who = rs.auth.authorize(call, AccessItem.OUTGOING_PAYMENT, "create", walletUrl);
        WalletAddress wallet = rs.ownWalletAddress(walletUrl);
        JsonNode metadata = Metadata.asStored(body.get("metadata"));
        synchronized (rs.store) {
            boolean quoteOfItsOwn = body.has("incomingPayment");
            Quote quote;
            if (quoteOfItsOwn) {
                quote = quotes.price(
                        wallet,
                        body.get("incomingPayment").asText(),
                        QuoteRoutes.amount(body.get("debitAmount")),
                        null,
                        who.clientKey());
            } else {
                String[] parts = body.path("quoteId").asText().split("/");
                String quoteId = parts.length == 0 ? "" : parts[parts.length - 1];
                if (quoteId.isEmpty())
                    throw new ApiException.Resource(400, "Invalid quote id trying to create outgoing payment");
                quote = rs.store
                        .quote(rs.resourceUrl("quotes", quoteId))
                        .orElseThrow(() -> new ApiException.Resource(404, "unknown quote"));
            }
            Instant now = rs.clock.instant();
            if (quote.used) throw invalidQuote();
            boolean receiverActive =
                    rs.store.incoming(quote.receiver).map(p -> p.activeAt(now)).orElse(false);
            if (!receiverActive) throw invalidQuote();
            if (!quote.walletAddress.url().equals(wallet.url()) || !quote.expiresAt.isAfter(now)) throw invalidQuote();
            GrantLimits.Check check = GrantLimits.check(
                    who.access().limits(), wallet.asset(), quote, now, rs.store.outgoingOfGrant(who.grantId()));
            if (!check.allowed()) throw new ApiException.Resource(403, "unauthorized");
            OutgoingPayment payment = new OutgoingPayment(
                    quote.id,
                    rs.resourceUrl("outgoing-payments", quote.id),
                    rs.store.nextSequence(),
                    wallet,
                    quote,
                    metadata,
                    now,
                    who.clientKey(),
                    who.grantId());
            ObjectNode response = Wire.outgoing(payment);
            // Rafiki always writes both: what the grant had spent before this payment, zero when it did not count.
            response.set(
                    "grantSpentReceiveAmount",
                    Wire.amount(
                            check.spentReceive() != null
                                    ? check.spentReceive()
                                    : quote.receiveAmount.withValue(BigInteger.ZERO)));
            response.set(
                    "grantSpentDebitAmount",
                    Wire.amount(
                            check.spentDebit() != null
                                    ? check.spentDebit()
                                    : quote.debitAmount.withValue(BigInteger.ZERO)));
            // Everything that can fail has run; only now does the request change state.
            HttpReply reply = HttpReply.json(201, response);
            if (quoteOfItsOwn) rs.store.add(quote);
            quote.used = true;
            rs.store.add(payment);
            rs.settlement.schedule(payment);
            return reply;
        }
    }

    HttpReply get(HttpCall call, String id) {
        OutgoingPayment payment = rs.store
                .outgoing(rs.resourceUrl("outgoing-payments", id))
                .orElseThrow(() -> new ApiException.Resource(404, "Outgoing payment does not exist"));
        ResourceAuth.Authorized who =
                rs.auth.authorize(call, AccessItem.OUTGOING_PAYMENT, "read", payment.walletAddress.url());
        if (!who.all() && !who.clientKey().equals(payment.client)) {
            throw new ApiException.Resource(404, "Outgoing payment does not exist");
        }
        synchronized (rs.store) {
            return HttpReply.json(200, Wire.outgoing(payment));
        }
    }

    HttpReply list(HttpCall call, Map<String, String> query) {
        String walletUrl = query.get("wallet-address");
        ResourceAuth.Authorized who = rs.auth.authorize(call, AccessItem.OUTGOING_PAYMENT, "list", walletUrl);
        rs.ownWalletAddress(walletUrl);
        synchronized (rs.store) {
            List<OutgoingPayment> visible = rs.store.outgoingOf(walletUrl).stream()
                    .filter(p -> who.all() || who.clientKey().equals(p.client))
                    .sorted(Comparator.comparingLong((OutgoingPayment p) -> p.sequence)
                            .reversed())
                    .toList();
            return HttpReply.json(200, Pagination.page(visible, query, p -> p.id, Wire::outgoing));
        }
    }

    /** {@code GET /outgoing-payment-grant}: what the grant spent in its current interval (or in total). */
    HttpReply grantSpentAmounts(HttpCall call) {
        ResourceAuth.Authorized who = rs.auth.authorize(call, AccessItem.OUTGOING_PAYMENT, "create", null);
        ObjectNode response = Json.mapper().createObjectNode();
        synchronized (rs.store) {
            List<OutgoingPayment> payments = rs.store.outgoingOfGrant(who.grantId());
            String interval =
                    who.access().limits() == null ? null : who.access().limits().interval();
            Optional<RepeatingInterval.Window> window = Optional.empty();
            boolean outside = false;
            if (interval != null) {
                window = RepeatingInterval.windowContaining(interval, rs.clock.instant());
                outside = window.isEmpty();
            }
            final Optional<RepeatingInterval.Window> w = window;
            List<OutgoingPayment> counted = outside
                    ? List.of()
                    : payments.stream()
                            .filter(p -> w.isEmpty() || w.get().contains(p.createdAt))
                            .toList();
            if (counted.isEmpty()) {
                response.putNull("spentReceiveAmount");
                response.putNull("spentDebitAmount");
            } else {
                OutgoingPayment first = counted.get(0);
                Amount[] spent = GrantLimits.spent(
                        counted,
                        Optional.empty(),
                        first.quote.debitAmount.withValue(BigInteger.ZERO),
                        first.quote.receiveAmount.withValue(BigInteger.ZERO));
                response.set("spentReceiveAmount", Wire.amount(spent[1]));
                response.set("spentDebitAmount", Wire.amount(spent[0]));
            }
        }
        return HttpReply.json(200, response);
    }

    private static ApiException invalidQuote() {
        return new ApiException.Resource(400, "invalid quote");
    }
}

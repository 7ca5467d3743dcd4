package dev.opfunctions.sandbox.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.model.Amount;
import dev.opfunctions.sandbox.auth.AccessItem;
import dev.opfunctions.sandbox.http.ApiException;
import dev.opfunctions.sandbox.http.HttpCall;
import dev.opfunctions.sandbox.http.HttpReply;
import dev.opfunctions.sandbox.wallet.WalletAddress;
import java.time.Instant;
import java.util.UUID;

/** Create and get quotes. Quotes expire after the configured lifetime (never after their receiver). */
final class QuoteRoutes {

    private final ResourceServer rs;

    QuoteRoutes(ResourceServer rs) {
        this.rs = rs;
    }

    HttpReply create(HttpCall call, JsonNode body) {
        String walletUrl = body.path("walletAddress").asText();
        ResourceAuth.Authorized who = rs.auth.authorize(call, AccessItem.QUOTE, "create", walletUrl);
        WalletAddress wallet = rs.ownWalletAddress(walletUrl);
        synchronized (rs.store) {
            Quote quote = price(
                    wallet,
                    body.path("receiver").asText(),
                    amount(body.get("debitAmount")),
                    amount(body.get("receiveAmount")),
                    who.clientKey());
            HttpReply reply = HttpReply.json(201, Wire.quote(quote));
            rs.store.add(quote);
            return reply;
        }
    }

    /**
     * Prices a quote without storing it (the caller stores it once its request has succeeded); also
     * used for outgoing payments created from an incoming payment.
     */
    Quote price(WalletAddress wallet, String receiverUrl, Amount debitAmount, Amount receiveAmount, String client) {
        synchronized (rs.store) {
            Instant now = rs.clock.instant();
            IncomingPayment receiver = rs.store
                    .incoming(receiverUrl)
                    .filter(p -> p.activeAt(now))
                    .orElseThrow(() -> new ApiException.Resource(400, "invalid receiver"));
            Quoting.Priced priced = rs.quoting.price(wallet.asset(), receiver, debitAmount, receiveAmount);
            Instant expiresAt = now.plus(rs.config.quoteLifetime());
            if (receiver.expiresAt.isBefore(expiresAt)) expiresAt = receiver.expiresAt;
            String id = UUID.randomUUID().toString();
            return new Quote(
                    id,
                    rs.resourceUrl("quotes", id),
                    wallet,
                    receiverUrl,
                    priced.debit(),
                    priced.receive(),
                    priced.fee(),
                    now,
                    expiresAt,
                    client);
        }
    }

    HttpReply get(HttpCall call, String id) {
        Quote quote = rs.store
                .quote(rs.resourceUrl("quotes", id))
                .orElseThrow(() -> new ApiException.Resource(404, "Quote does not exist"));
        ResourceAuth.Authorized who = rs.auth.authorize(call, AccessItem.QUOTE, "read", quote.walletAddress.url());
        if (!who.all() && !who.clientKey().equals(quote.client))
            throw new ApiException.Resource(404, "Quote does not exist");
        return HttpReply.json(200, Wire.quote(quote));
    }

    static Amount amount(JsonNode node) {
        if (node == null || node.isNull()) return null;
        return Amount.parse(
                node.path("value").asText(),
                node.path("assetCode").asText(),
                node.path("assetScale").asInt());
    }
}

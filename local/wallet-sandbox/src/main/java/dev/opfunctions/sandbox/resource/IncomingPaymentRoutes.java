package dev.opfunctions.sandbox.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.model.Amount;
import dev.opfunctions.sandbox.auth.AccessItem;
import dev.opfunctions.sandbox.http.ApiException;
import dev.opfunctions.sandbox.http.HttpCall;
import dev.opfunctions.sandbox.http.HttpReply;
import dev.opfunctions.sandbox.ledger.Asset;
import dev.opfunctions.sandbox.wallet.WalletAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Create, get (private and public), list and complete incoming payments. */
final class IncomingPaymentRoutes {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final ResourceServer rs;

    IncomingPaymentRoutes(ResourceServer rs) {
        this.rs = rs;
    }

    HttpReply create(HttpCall call, JsonNode body) {
        String walletUrl = body.path("walletAddress").asText();
        ResourceAuth.Authorized who = rs.auth.authorize(call, AccessItem.INCOMING_PAYMENT, "create", walletUrl);
        WalletAddress wallet = rs.ownWalletAddress(walletUrl);
        Amount incomingAmount = null;
        if (body.hasNonNull("incomingAmount")) {
            JsonNode a = body.get("incomingAmount");
            incomingAmount = Amount.parse(
                    a.path("value").asText(),
                    a.path("assetCode").asText(),
                    a.path("assetScale").asInt());
            if (!Asset.of(incomingAmount).equals(wallet.asset()) || incomingAmount.isZero()) {
                throw new ApiException.Resource(400, "invalid amount");
            }
        }
        Instant now = rs.clock.instant();
        Instant expiresAt = now.plus(rs.config.incomingPaymentMaxExpiry());
        if (body.hasNonNull("expiresAt")) {
            try {
                expiresAt = OffsetDateTime.parse(body.get("expiresAt").asText()).toInstant();
            } catch (DateTimeParseException e) {
                throw new ApiException.Resource(400, "invalid expiresAt");
            }
            if (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(rs.config.incomingPaymentMaxExpiry()))) {
                throw new ApiException.Resource(400, "invalid expiresAt");
            }
        }
        String id = UUID.randomUUID().toString();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        IncomingPayment payment = new IncomingPayment(
                id,
                rs.resourceUrl("incoming-payments", id),
                rs.store.nextSequence(),
                wallet,
                incomingAmount,
                expiresAt,
                Metadata.asStored(body.get("metadata")),
                now,
                who.clientKey(),
                "test.sandbox." + rs.provider.name() + "." + id.replace("-", ""),
                Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        // Rendered before it is stored: a request that fails must leave nothing behind.
        HttpReply reply = HttpReply.json(201, Wire.incoming(payment, true));
        rs.store.add(payment);
        return reply;
    }

    HttpReply get(HttpCall call, String id) {
        IncomingPayment payment = find(id);
        if (call.header("authorization").isEmpty()) {
            synchronized (rs.store) {
                return HttpReply.json(200, Wire.publicIncoming(payment));
            }
        }
        ResourceAuth.Authorized who =
                rs.auth.authorize(call, AccessItem.INCOMING_PAYMENT, "read", payment.walletAddress.url());
        if (!who.all() && !who.clientKey().equals(payment.client)) throw notFound();
        synchronized (rs.store) {
            return HttpReply.json(200, Wire.incoming(payment, true));
        }
    }

    HttpReply list(HttpCall call, Map<String, String> query) {
        String walletUrl = query.get("wallet-address");
        ResourceAuth.Authorized who = rs.auth.authorize(call, AccessItem.INCOMING_PAYMENT, "list", walletUrl);
        rs.ownWalletAddress(walletUrl);
        synchronized (rs.store) {
            List<IncomingPayment> visible = rs.store.incomingOf(walletUrl).stream()
                    .filter(p -> who.all() || who.clientKey().equals(p.client))
                    .sorted(Comparator.comparingLong((IncomingPayment p) -> p.sequence)
                            .reversed())
                    .toList();
            return HttpReply.json(200, Pagination.page(visible, query, p -> p.id, p -> Wire.incoming(p, false)));
        }
    }

    /**
     * {@code POST {id}/complete}, Rafiki's {@code completeIncomingPayment}: only a pending payment can be
     * completed (it then accepts nothing more); a completed one, or an expired one that received money, is
     * {@code 409 "wrong state"}. Rafiki deletes an expired payment that never received anything, so
     * completing that one is a 404.
     */
    HttpReply complete(HttpCall call, String id) {
        IncomingPayment payment = find(id);
        rs.auth.authorize(call, AccessItem.INCOMING_PAYMENT, "complete", payment.walletAddress.url());
        synchronized (rs.store) {
            if (payment.expiredAt(rs.clock.instant()) && payment.receivedAmount.isZero()) throw notFound();
            if (payment.completed || payment.expiredAt(rs.clock.instant()))
                throw new ApiException.Resource(409, "wrong state");
            HttpReply reply = HttpReply.json(200, Wire.incoming(payment.asCompleted(), false));
            payment.completed = true;
            return reply;
        }
    }

    private IncomingPayment find(String id) {
        return rs.store.incoming(rs.resourceUrl("incoming-payments", id)).orElseThrow(this::notFound);
    }

    private ApiException notFound() {
        return new ApiException.Resource(404, "Incoming payment does not exist");
    }
}

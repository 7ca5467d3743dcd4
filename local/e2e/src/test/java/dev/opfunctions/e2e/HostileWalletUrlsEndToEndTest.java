package dev.opfunctions.e2e;

import static dev.opfunctions.e2e.HostileWorld.errorCode;
import static dev.opfunctions.e2e.HostileWorld.order;
import static dev.opfunctions.e2e.HostileWorld.post;
import static dev.opfunctions.e2e.HostileWorld.split;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.sandbox.hostile.Lie;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every URL a wallet returns is attacker input: a grant's {@code continue.uri}, a token's
 * {@code manage}, the ids of the incoming payment and quote it created and the quote's receiver
 * must be on the origin of the server that issued them. A hostile provider (real grants, real
 * ledger) answers honestly except for one URL pointing at a foreign server; POST /checkouts is
 * refused with 502 WALLET_REJECTED, nothing stored, the incoming payments it created closed, the
 * foreign server never called, and an honest checkout afterwards pays the merchant.
 */
class HostileWalletUrlsEndToEndTest extends HostileStackTest {

    private static String foreign(HostileWorld w, String path) {
        return w.decoy.origin() + path + UUID.randomUUID();
    }

    /** One refused start-checkout, its aftermath, and an honest checkout that follows. */
    private static void refused(HostileWorld w, String tag, String attack, String order) throws Exception {
        var balances = w.balances();
        var merchantIncoming = stack.sandbox.admin().incomingPayments(stack.retailer);

        APIGatewayV2HTTPResponse refused = post(stack.start, order);
        Set<String> createdByAttack = w.newIncoming(stack.retailer, merchantIncoming).stream()
                .map(i -> i.id())
                .collect(Collectors.toSet());
        JsonNode honest = w.honestPurchase(stack.start, tag + "-honest", 6_000);

        assertTrue(w.hostility().toldCount() > 0, attack + ": the hostile wallet told its lie");
        assertEquals(502, refused.getStatusCode(), attack + " is refused: " + refused.getBody());
        assertEquals("WALLET_REJECTED", errorCode(refused), attack);
        assertEquals(List.of(), w.itemsMentioning(tag + "-attack"), attack + ": no checkout or order item is stored");
        assertEquals(List.of(), w.itemsMentioning(w.decoy.origin()), attack + ": no item names the foreign server");
        assertEquals(List.of(), w.decoyRequests(), attack + ": the foreign server received no request");
        w.assertClosed(attack, stack.retailer, createdByAttack);
        assertEquals("completed", honest.get("status").asText(), attack + ", then an honest checkout: " + honest);
        w.assertMoneyMovedOnly(attack, balances, Map.of(stack.retailer, 6_000L), Set.of(w.honestCustomer()));
    }

    @Test
    void aConsentGrantWhoseContinueUriIsOnAnotherOriginIsRefused() throws Exception {
        HostileWorld w = new HostileWorld(stack, ddb, "continue");
        w.lie(Lie.on("POST", "/auth")
                .whenBodyContains("\"interact\"")
                .rewriting("/continue/uri", foreign(w, "/auth/continue/")));

        refused(
                w,
                "continue",
                "a consent grant whose continue.uri is on another origin",
                order("continue-attack", w.x, 9_000, null));
    }

    @Test
    void aQuoteTokenWhoseManageUrlIsOnAnotherOriginIsRefused() throws Exception {
        HostileWorld w = new HostileWorld(stack, ddb, "manage");
        w.lie(Lie.on("POST", "/auth")
                .whenBodyContains("\"type\":\"quote\"")
                .rewriting("/access_token/manage", foreign(w, "/auth/token/")));

        refused(
                w,
                "manage",
                "a quote token whose manage URL is on another origin",
                order("manage-attack", w.x, 9_000, null));
    }

    @Test
    void anIncomingPaymentWhoseIdIsOnAnotherOriginIsRefused() throws Exception {
        HostileWorld w = new HostileWorld(stack, ddb, "incoming");
        w.lie(Lie.on("POST", "/op/incoming-payments").rewriting("/id", foreign(w, "/op/incoming-payments/")));
        String order = order("incoming-attack", w.honestCustomer(), 20_000, split(stack.retailer, 90, w.shop, 10));

        refused(w, "incoming", "a payee's incoming payment whose id is on another origin", order);
    }

    @Test
    void aQuoteWhoseIdIsOnAnotherOriginIsRefused() throws Exception {
        HostileWorld w = new HostileWorld(stack, ddb, "quote-id");
        w.lie(Lie.on("POST", "/op/quotes").rewriting("/id", foreign(w, "/op/quotes/")));

        refused(w, "quote-id", "a quote whose id is on another origin", order("quote-id-attack", w.x, 9_000, null));
    }

    @Test
    void aQuoteForAReceiverOnAnotherOriginIsRefused() throws Exception {
        HostileWorld w = new HostileWorld(stack, ddb, "receiver");
        w.lie(Lie.on("POST", "/op/quotes").rewriting("/receiver", foreign(w, "/op/incoming-payments/")));

        refused(
                w,
                "receiver",
                "a quote naming a receiver on another origin",
                order("receiver-attack", w.x, 9_000, null));
    }

    @Test
    void anOutgoingPaymentIdOnAnotherOriginIsNeverCalledAndNothingIsPaidTwice() throws Exception {
        String attack = "an outgoing payment created with its id on another origin";
        HostileWorld w = new HostileWorld(stack, ddb, "outgoing");
        w.lie(Lie.on("POST", "/op/outgoing-payments").rewriting("/id", foreign(w, "/op/outgoing-payments/")));
        var balances = w.balances();

        JsonNode ended = w.payUntilSettled(stack.start, order("outgoing", w.x, 11_000, null));
        JsonNode honest = w.honestPurchase(stack.start, "outgoing-honest", 6_000);

        assertEquals(List.of(), w.decoyRequests(), attack + ": the foreign server received no request");
        assertEquals(
                1, stack.sandbox.admin().outgoingPayments(w.x).size(), attack + ": exactly one payment, none again");
        // The foreign id is never used: the payment is found in the wallet's own list, under its own origin,
        // and followed there to the merchant's receipt.
        assertEquals(
                "completed",
                ended.get("status").asText(),
                attack + ": reconciled from the wallet's own list of payments: " + ended);
        assertTrue(
                ended.get("history").toString().contains("found after the create call failed"),
                attack + ": recorded from the read-back, not from the lying answer: " + ended);
        assertEquals("completed", honest.get("status").asText(), attack + ", then an honest checkout: " + honest);
        // The one payment the wallet really made reached the merchant; nobody was paid twice or elsewhere.
        w.assertMoneyMovedOnly(attack, balances, Map.of(stack.retailer, 17_000L), Set.of(w.x, w.honestCustomer()));
    }

    @Test
    void anOutgoingPaymentAnswered502AfterItWasMadeIsReadBackAndPaidOnce() throws Exception {
        String attack = "the customer's wallet answers 502 to an outgoing payment it made";
        HostileWorld w = new HostileWorld(stack, ddb, "gateway");
        w.lie(Lie.on("POST", "/op/outgoing-payments").answeringAfterCommit(502).times(1));
        var balances = w.balances();

        JsonNode done = w.pay(stack.start, order("gateway", w.x, 12_000, null));

        assertEquals(1, w.hostility().toldCount(), attack + ": the lie was told");
        assertEquals("completed", done.get("status").asText(), attack + ": reconciled by reading back: " + done);
        assertEquals(
                1, stack.sandbox.admin().outgoingPayments(w.x).size(), attack + ": exactly one payment, none again");
        w.assertMoneyMovedOnly(attack, balances, Map.of(stack.retailer, 12_000L), Set.of(w.x));
    }
}

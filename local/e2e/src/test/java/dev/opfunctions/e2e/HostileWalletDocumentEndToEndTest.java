package dev.opfunctions.e2e;

import static dev.opfunctions.e2e.HostileWorld.errorCode;
import static dev.opfunctions.e2e.HostileWorld.order;
import static dev.opfunctions.e2e.HostileWorld.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.sandbox.hostile.Lie;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Wallet address documents are attacker input: the shopper chooses the customer wallet address and
 * an order may name payees. A hostile sandbox provider serves documents that claim another wallet's
 * id, are endless or huge, redirect, or are not JSON; each POST /checkouts is refused with nothing
 * stored and no money moved, and an honest checkout afterwards still pays the real merchant.
 */
class HostileWalletDocumentEndToEndTest extends HostileStackTest {

    /** Asserts a refused POST stored nothing: no item names the order or the hostile wallet's document. */
    private static void assertNothingStored(String attack, HostileWorld w, String orderId, String hostileUrl) {
        assertEquals(List.of(), w.itemsMentioning(orderId), attack + ": no checkout or order item is stored");
        assertTrue(w.walletItem(hostileUrl).isEmpty(), attack + ": no wallet cache item WALLET#" + hostileUrl);
    }

    /** The same lie on the customer's and on a payee's wallet: a document whose id is the merchant's. */
    private void claimsTheMerchantsId(String tag, boolean asPayee) throws Exception {
        String attack = "a " + (asPayee ? "payee" : "customer") + " wallet whose document claims the merchant's id";
        HostileWorld w = new HostileWorld(stack, ddb, tag);
        w.lie(Lie.on("GET", "/x").rewriting("/id", stack.retailer));
        var merchantItem = w.walletItem(stack.retailer);
        var balances = w.balances();
        var merchantIncoming = stack.sandbox.admin().incomingPayments(stack.retailer);
        String honestCustomer = stack.wallet("cloudninebank", "customer");
        String payees = "[{\"walletAddress\":\"" + w.x + "\"}]";

        APIGatewayV2HTTPResponse refused = post(
                stack.start, order(tag + "-attack", asPayee ? honestCustomer : w.x, 10_000, asPayee ? payees : null));
        var merchantItemAfterAttack = w.walletItem(stack.retailer);
        var createdByAttack = w.newIncoming(stack.retailer, merchantIncoming).stream()
                .map(i -> i.id())
                .collect(java.util.stream.Collectors.toSet());
        int attackerRequests = w.hostility().requests(w.evil.name()).size();
        JsonNode honest = w.pay(w.freshContainer(), order(tag + "-honest", honestCustomer, 25_000, null));

        assertEquals(502, refused.getStatusCode(), attack + " is refused: " + refused.getBody());
        assertEquals("WALLET_REJECTED", errorCode(refused), attack);
        assertNothingStored(attack, w, tag + "-attack", w.x);
        assertEquals(merchantItem, merchantItemAfterAttack, attack + ": the merchant's cached document is untouched");
        w.assertClosed(attack, stack.retailer, createdByAttack);
        assertEquals("completed", honest.get("status").asText(), attack + ", then an honest checkout: " + honest);
        assertEquals(
                attackerRequests,
                w.hostility().requests(w.evil.name()).size(),
                attack + ": the honest checkout that follows sends nothing to the attacker's servers");
        w.assertMoneyMovedOnly(attack, balances, Map.of(stack.retailer, 25_000L), Set.of(honestCustomer));
    }

    @Test
    void aCustomerWalletClaimingTheMerchantsIdIsRefusedAndTheMerchantStillGetsPaid() throws Exception {
        claimsTheMerchantsId("claim-customer", false);
    }

    @Test
    void aPayeeWalletClaimingTheMerchantsIdIsRefusedAndTheMerchantStillGetsPaid() throws Exception {
        claimsTheMerchantsId("claim-payee", true);
    }

    /** Runs one refused POST /checkouts against a lie on the customer's document and checks the aftermath. */
    private APIGatewayV2HTTPResponse refusedDocument(String tag, Lie lie, String attack) throws Exception {
        HostileWorld w = new HostileWorld(stack, ddb, tag);
        w.lie(lie);
        var balances = w.balances();
        var merchantIncoming = stack.sandbox.admin().incomingPayments(stack.retailer);

        APIGatewayV2HTTPResponse refused = post(stack.start, order(tag + "-attack", w.x, 10_000, null));
        var createdByAttack = w.newIncoming(stack.retailer, merchantIncoming).stream()
                .map(i -> i.id())
                .collect(java.util.stream.Collectors.toSet());
        JsonNode honest = w.honestPurchase(stack.start, tag + "-honest", 7_000);

        assertTrue(w.hostility().toldCount() > 0, attack + ": the hostile wallet told its lie");
        assertNothingStored(attack, w, tag + "-attack", w.x);
        assertEquals(List.of(), w.decoyRequests(), attack + ": the foreign server received no request");
        w.assertClosed(attack, stack.retailer, createdByAttack);
        assertEquals("completed", honest.get("status").asText(), attack + ", then an honest checkout: " + honest);
        w.assertMoneyMovedOnly(attack, balances, Map.of(stack.retailer, 7_000L), Set.of(w.honestCustomer()));
        return refused;
    }

    @Test
    void aTwoHundredMegabyteWalletDocumentIsRefusedQuickly() throws Exception {
        String attack = "a 200 MB wallet document";
        long started = System.nanoTime();

        APIGatewayV2HTTPResponse refused =
                refusedDocument("huge", Lie.on("GET", "/x").oversized(200L * 1024 * 1024), attack);

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(502, refused.getStatusCode(), attack + ": " + refused.getBody());
        assertEquals("WALLET_REJECTED", errorCode(refused), attack);
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, attack + " is refused well within the budget: " + took);
    }

    @Test
    void aWalletDocumentThatNeverEndsIsUnavailableWithinTheRequestBudget() throws Exception {
        String attack = "a wallet document trickling one byte every 200 ms";
        long started = System.nanoTime();

        APIGatewayV2HTTPResponse refused =
                refusedDocument("trickle", Lie.on("GET", "/x").trickling(Duration.ofMillis(200)), attack);

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(503, refused.getStatusCode(), attack + ": " + refused.getBody());
        assertEquals("WALLET_UNAVAILABLE", errorCode(refused), attack);
        assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, attack + " ends within the 30 s budget: " + took);
    }

    @Test
    void aWalletDocumentRedirectingElsewhereIsRefusedAndTheTargetIsNeverCalled() throws Exception {
        String attack = "a wallet document answering 302 to another server";
        HostileWorld probe = new HostileWorld(stack, ddb, "redirect-target");
        String target = probe.decoy.walletAddressUrl("x");

        APIGatewayV2HTTPResponse refused =
                refusedDocument("redirect", Lie.on("GET", "/x").redirectingTo(302, target), attack);

        assertEquals(502, refused.getStatusCode(), attack + ": " + refused.getBody());
        assertEquals("WALLET_REJECTED", errorCode(refused), attack);
        assertEquals(List.of(), probe.decoyRequests(), attack + ": the redirect target received no request");
    }

    @Test
    void aWalletDocumentThatIsNotJsonIsRefusedOrUnavailable() throws Exception {
        String attack = "a 200 answer with garbage for a wallet document";

        APIGatewayV2HTTPResponse refused = refusedDocument(
                "garbage", Lie.on("GET", "/x").answering(200, "application/json", "<html>\u0000{\"id\":"), attack);

        assertTrue(
                refused.getStatusCode() == 502 && errorCode(refused).equals("WALLET_REJECTED")
                        || refused.getStatusCode() == 503 && errorCode(refused).equals("WALLET_UNAVAILABLE"),
                attack + " answers 502 WALLET_REJECTED or 503 WALLET_UNAVAILABLE: " + refused.getStatusCode() + " "
                        + refused.getBody());
    }

    @Test
    void aLoneSurrogateInTheOrderIsABadRequestNotAServerError() throws Exception {
        String customer = stack.wallet("cloudninebank", "customer");
        String valid = order("surrogate-1", customer, 5_000, null);
        String body = valid.substring(0, valid.length() - 1) + ",\"description\":\"\\ud800\"}";
        HostileWorld w = new HostileWorld(stack, ddb, "surrogate");
        BigInteger before = stack.sandbox.admin().balance(customer).value();

        APIGatewayV2HTTPResponse refused = post(stack.start, body);

        assertEquals(400, refused.getStatusCode(), "a lone surrogate in description: " + refused.getBody());
        assertTrue(
                Set.of("INVALID_FIELD", "MALFORMED_JSON").contains(errorCode(refused)),
                "a lone surrogate is INVALID_FIELD or MALFORMED_JSON: " + refused.getBody());
        assertEquals(List.of(), w.itemsMentioning("surrogate-1"), "nothing is stored for a refused order");
        assertEquals(before, stack.sandbox.admin().balance(customer).value());
    }
}

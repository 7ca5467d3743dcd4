package dev.opfunctions.e2e;

import static dev.opfunctions.e2e.HostileWorld.errorCode;
import static dev.opfunctions.e2e.HostileWorld.order;
import static dev.opfunctions.e2e.HostileWorld.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.sandbox.hostile.Lie;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A wallet document that changes its servers between fetches. Once the cached document has expired
 * (the tests jump the clock the functions share with the sandbox past its hour), a fetch naming other
 * servers is checked by fetching again at once: two disagreeing answers are refused with nothing
 * cached or stored and the servers it named never called; a consistent move is accepted.
 */
class ChangingWalletDocumentEndToEndTest extends HostileStackTest {

    private static final Duration PAST_THE_DOCUMENT_CACHE = Duration.ofMinutes(61);

    /** Caches the customer's honest document through a first checkout, then lets it expire. */
    private static void cachedThenExpired(HostileWorld w, String tag) {
        APIGatewayV2HTTPResponse first = post(stack.start, order(tag + "-first", w.x, 5_000, null));
        assertEquals(201, first.getStatusCode(), "the first checkout caches the honest document: " + first.getBody());
        stack.sandbox.admin().advanceClock(PAST_THE_DOCUMENT_CACHE);
    }

    @Test
    void aDocumentNamingOtherServersOnceAndItsOwnOnTheNextFetchIsRefused() throws Exception {
        String attack = "a wallet document that names a foreign server once and its own servers on the next fetch";
        HostileWorld w = new HostileWorld(stack, ddb, "flip");
        cachedThenExpired(w, "flip");
        var cached = w.walletItem(w.x);
        var balances = w.balances();
        w.lie(Lie.on("GET", "/x")
                .rewriting("/authServer", w.decoy.authServer(), "/resourceServer", w.decoy.resourceServer())
                .times(1));

        APIGatewayV2HTTPResponse refused = post(stack.start, order("flip-second", w.x, 5_000, null));
        JsonNode honest = w.honestPurchase(stack.start, "flip-honest", 4_000);

        assertEquals(502, refused.getStatusCode(), attack + " is refused: " + refused.getBody());
        assertEquals("WALLET_REJECTED", errorCode(refused), attack);
        assertEquals(1, w.hostility().toldCount(), attack + ": the lie was told once");
        assertEquals(List.of(), w.decoyRequests(), attack + ": the foreign server received no request");
        assertEquals(List.of(), w.itemsMentioning("flip-second"), attack + ": no checkout or order item is stored");
        assertEquals(cached, w.walletItem(w.x), attack + ": the cached document is not replaced");
        assertEquals(List.of(), w.itemsMentioning(w.decoy.origin()), attack + ": no item names the foreign server");
        assertEquals("completed", honest.get("status").asText(), attack + ", then an honest checkout: " + honest);
        w.assertMoneyMovedOnly(attack, balances, Map.of(stack.retailer, 4_000L), Set.of(w.honestCustomer()));
    }

    @Test
    void aDocumentWhoseServersMoveConsistentlyIsAccepted() throws Exception {
        HostileWorld w = new HostileWorld(stack, ddb, "move");
        cachedThenExpired(w, "move");
        // The same provider reached under another host name: a real move, every answer agrees with it.
        String here = w.evil.origin();
        String moved = here.replace("127.0.0.1", "localhost");
        w.lie(Lie.on("GET", "/x").rewriting("/authServer", moved + "/auth", "/resourceServer", moved + "/op"));
        w.lie(Lie.on(null, "/(auth|op)(/.*)?").replacing(here + "/auth", moved + "/auth", here + "/op", moved + "/op"));

        APIGatewayV2HTTPResponse accepted = post(stack.start, order("move-second", w.x, 5_000, null));

        assertEquals(
                201, accepted.getStatusCode(), "a consistent move of the servers is accepted: " + accepted.getBody());
        String doc = w.walletItem(w.x).orElseThrow().get("doc").s();
        assertTrue(doc.contains(moved + "/auth"), "the cache now names the moved servers: " + doc);
        assertTrue(
                w.hostility().requests(w.evil.name()).stream()
                        .anyMatch(r -> r.targetUri().startsWith(moved + "/op/quotes")),
                "the quote went to the moved resource server");
    }
}

package dev.opfunctions.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admin surface over HTTP, as a person or a client in another language would use it. */
class AdminHttpTest {

    private final World world = World.start();
    private final OpClient http = new OpClient(null);

    @AfterEach
    void stop() {
        world.close();
    }

    private String admin(String path) {
        return world.sandbox.adminUrl() + path;
    }

    @Test
    void createsProviderAndWalletAddressAndFundsIt() {
        OpClient.Reply provider = http.post(admin("/providers"), null, Map.of("name", "thirdbank"));
        OpClient.Reply wallet = http.post(
                admin("/wallet-addresses"),
                null,
                Bodies.ordered(
                        "provider",
                        "thirdbank",
                        "name",
                        "bob",
                        "assetCode",
                        "EUR",
                        "assetScale",
                        2,
                        "publicName",
                        "Bob"));
        String bob = wallet.body().get("id").asText();
        OpClient.Reply funded = http.post(admin("/fund"), null, Map.of("walletAddress", bob, "value", "2500"));
        JsonNode balances = http.get(
                        admin("/balances?walletAddress=" + URLEncoder.encode(bob, StandardCharsets.UTF_8)), null)
                .body();
        JsonNode ledger = http.get(
                        admin("/ledger?walletAddress=" + URLEncoder.encode(bob, StandardCharsets.UTF_8)), null)
                .body();
        JsonNode served = http.get(bob, null).body();

        assertEquals(201, provider.status());
        assertTrue(bob.startsWith(provider.body().get("origin").asText()));
        assertEquals(200, funded.status());
        assertEquals(
                "2500",
                balances.at("/" + bob.replace("~", "~0").replace("/", "~1") + "/value")
                        .asText());
        assertEquals(1, ledger.size());
        assertEquals("Bob", served.get("publicName").asText());
        assertEquals(
                provider.body().get("authServer").asText(),
                served.get("authServer").asText());
    }

    @Test
    void registersKeyAndApprovesConsentWithoutBrowser() {
        TestKeys keys = TestKeys.generate("http-key");
        OpClient.Reply registered =
                http.post(admin("/keys"), null, Map.of("walletAddress", world.customer, "jwk", keys.jwk()));
        JsonNode jwks = http.get(world.customer + "/jwks.json", null).body();
        JsonNode pending = world.pendingOutgoingGrant(null);

        JsonNode listed = http.get(admin("/interactions"), null).body();
        OpClient.Reply approved = http.post(
                admin("/interactions/approve"),
                null,
                Map.of("interaction", pending.at("/interact/redirect").asText()));
        JsonNode after = http.get(admin("/interactions"), null).body();

        assertEquals(204, registered.status());
        assertEquals("http-key", jwks.at("/keys/0/kid").asText());
        assertEquals(1, listed.size());
        assertEquals("Happy Life Athletics", listed.at("/0/clientName").asText());
        assertTrue(approved.body().get("redirect").asText().contains("interact_ref="));
        assertEquals(0, after.size());
    }

    @Test
    void advancesClockInjectsFaultsAndReportsConservation() {
        OpClient.Reply clock = http.post(admin("/clock/advance"), null, Map.of("seconds", 3600));
        http.post(admin("/faults"), null, Map.of("path", "/customer", "errorShare", 1.0, "errorStatus", 503));
        int faulted = http.get(world.customer, null).status();
        OpClient.Reply cleared = http.delete(admin("/faults"), null);
        int healthy = http.get(world.customer, null).status();
        JsonNode invariant = http.get(admin("/invariant"), null).body();
        JsonNode overview = http.get(admin(""), null).body();

        assertEquals(3600, clock.body().get("offsetSeconds").asLong());
        assertEquals(503, faulted);
        assertEquals(204, cleared.status());
        assertEquals(200, healthy);
        assertTrue(invariant.get("conserved").asBoolean());
        assertEquals(2, overview.get("providers").size());
    }

    @Test
    void listsPaymentsWithStateAndFeesForReconciliation() throws Exception {
        String incoming = world.incomingPayment(500);
        String open = world.incomingPayment(700);
        String token = world.outgoingGrant(null).at("/access_token/value").asText();
        world.pay(token, world.quote(incoming).get("id").asText());
        assertTrue(
                world.sandbox.admin().awaitPaymentsSettled(java.time.Duration.ofSeconds(5)),
                "the sandbox settled every outgoing payment within 5 s");
        String retailer = URLEncoder.encode(world.retailer, StandardCharsets.UTF_8);
        String customer = URLEncoder.encode(world.customer, StandardCharsets.UTF_8);

        JsonNode received = http.get(admin("/incoming-payments?walletAddress=" + retailer), null)
                .body();
        JsonNode sent = http.get(admin("/outgoing-payments?walletAddress=" + customer), null)
                .body();
        JsonNode fees = http.get(admin("/fees"), null).body();
        OpClient.Reply missing = http.get(admin("/incoming-payments"), null);

        assertEquals(incoming, received.at("/0/id").asText());
        assertEquals("completed", received.at("/0/state").asText());
        assertEquals("500", received.at("/0/receivedAmount/value").asText());
        assertEquals(open, received.at("/1/id").asText());
        assertEquals("pending", received.at("/1/state").asText());
        assertEquals("700", received.at("/1/incomingAmount/value").asText());
        assertEquals("0", received.at("/1/receivedAmount/value").asText());
        assertTrue(received.at("/1/expiresAt").asText().endsWith("Z"));
        assertEquals("COMPLETED", sent.at("/0/state").asText());
        assertEquals("610", sent.at("/0/debitAmount/value").asText());
        assertEquals("500", sent.at("/0/sentAmount/value").asText());
        assertEquals("500", sent.at("/0/receiveAmount/value").asText());
        assertEquals("110", sent.at("/0/fee/value").asText());
        assertEquals(incoming, sent.at("/0/receiver").asText());
        assertEquals("110", fees.at("/MXN~12/value").asText());
        assertEquals("0", fees.at("/USD~12/value").asText());
        assertEquals(400, missing.status());
    }

    @Test
    void answersBadAdminRequestsWith400() {
        OpClient.Reply reply =
                http.post(admin("/fund"), null, Map.of("walletAddress", "http://127.0.0.1:1/nobody", "value", "1"));

        assertEquals(400, reply.status());
        assertTrue(reply.body().get("error").asText().contains("no wallet address"));
    }
}

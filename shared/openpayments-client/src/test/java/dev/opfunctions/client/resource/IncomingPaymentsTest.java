package dev.opfunctions.client.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.client.OpenPaymentsClient;
import dev.opfunctions.client.OpenPaymentsException;
import dev.opfunctions.client.OpenPaymentsException.Kind;
import dev.opfunctions.client.model.Amount;
import dev.opfunctions.client.model.IncomingPayment;
import dev.opfunctions.client.model.IncomingPaymentRequest;
import dev.opfunctions.client.model.PublicIncomingPayment;
import dev.opfunctions.client.model.WalletAddress;
import dev.opfunctions.client.testing.Canned;
import dev.opfunctions.client.testing.FakeServer.Answer;
import dev.opfunctions.client.testing.SpecWallet;
import dev.opfunctions.client.token.AccessToken;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IncomingPaymentsTest {

    private final SpecWallet wallet = new SpecWallet();
    private final OpenPaymentsClient client = wallet.client();
    private final AccessToken token = new AccessToken("TOK", wallet.authServer() + "/token/m1", null, List.of());
    private final WalletAddress alice =
            new WalletAddress(wallet.alice(), "Alice", "USD", 2, wallet.authServer(), wallet.resourceServer());

    @AfterEach
    void noSpecViolations() {
        client.close();
        wallet.close();
        assertEquals(List.of(), wallet.violations());
    }

    @Test
    void createsAnIncomingPaymentWithAnExactSpecBody() {
        wallet.server.on(
                "POST",
                "/op/incoming-payments",
                Answer.json(201, Canned.incomingPayment(wallet, "ip1", "2500", "0", false, true)));
        IncomingPaymentRequest request = IncomingPaymentRequest.of(alice.id(), Amount.of(2500, "USD", 2))
                .withExpiresAt(Instant.parse("2025-06-02T12:00:00Z"))
                .withMetadata(Map.of("externalRef", "order-1"));

        IncomingPayment p = client.incomingPayments().create(alice, token, request);

        assertEquals(
                Canned.json("{'walletAddress':'" + wallet.alice()
                        + "','incomingAmount':{'value':'2500','assetCode':'USD','assetScale':2},"
                        + "'expiresAt':'2025-06-02T12:00:00.000Z','metadata':{'externalRef':'order-1'}}"),
                wallet.server.last().bodyText());
        assertEquals(1, p.methods().size());
        assertFalse(p.methods().get(0).toString().contains("c2VjcmV0"), "shared secret must not show");
        assertEquals(Amount.of(2500, "USD", 2), p.remaining().orElseThrow());
    }

    @Test
    void sendsNullMetadataMembersButNoAbsentOptionalFields() {
        wallet.server.on(
                "POST",
                "/op/incoming-payments",
                Answer.json(201, Canned.incomingPayment(wallet, "ip1", null, "0", false, true)));
        Map<String, Object> metadata = new java.util.LinkedHashMap<>();
        metadata.put("keep", 1);
        metadata.put("gone", null);

        client.incomingPayments()
                .create(
                        alice,
                        token,
                        IncomingPaymentRequest.of(alice.id(), null).withMetadata(metadata));

        // The body also passes the spec schema (checked by SpecWallet): no "incomingAmount":null or "expiresAt":null.
        assertEquals(
                Canned.json("{'walletAddress':'" + wallet.alice() + "','metadata':{'keep':1,'gone':null}}"),
                wallet.server.last().bodyText());
    }

    @Test
    void refusesAnIncomingAmountInAnotherAssetBeforeSending() {
        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class,
                () -> client.incomingPayments()
                        .create(alice, token, IncomingPaymentRequest.of(alice.id(), Amount.of(100, "EUR", 2))));

        assertEquals(Kind.INVALID_REQUEST, e.kind());
        assertEquals("incomingAmount", e.field());
        assertEquals(0, wallet.server.requests().size());
    }

    @Test
    void refusesAMalformedWalletAddressInTheBodyBeforeSending() {
        OpenPaymentsException e =
                assertThrows(OpenPaymentsException.class, () -> IncomingPaymentRequest.of("alice", null));

        assertEquals("walletAddress", e.field());
    }

    @Test
    void rejectsANewPaymentThatAlreadyReceivedMoney() {
        wallet.server.on(
                "POST",
                "/op/incoming-payments",
                Answer.json(201, Canned.incomingPayment(wallet, "ip1", "2500", "100", false, true)));

        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class,
                () -> client.incomingPayments()
                        .create(alice, token, IncomingPaymentRequest.of(alice.id(), Amount.of(2500, "USD", 2))));

        assertEquals(Kind.INVALID_RESPONSE, e.kind());
        assertEquals("$.receivedAmount", e.field());
    }

    @Test
    void rejectsAReceivedAmountInAnotherAssetNamingTheField() {
        wallet.server.on(
                "GET",
                "/op/incoming-payments/ip1",
                Answer.json(
                        200,
                        Canned.incomingPayment(wallet, "ip1", "2500", "0", false, true)
                                .replaceFirst("\"USD\"", "\"EUR\"")));

        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class,
                () -> client.incomingPayments().get(wallet.resourceServer() + "/incoming-payments/ip1", token));

        assertEquals("$.receivedAmount", e.field());
    }

    @Test
    void readsThePublicViewWithoutTokenOrSignature() {
        wallet.server.on(
                "GET",
                "/op/incoming-payments/ip1",
                Answer.json(
                        200,
                        Canned.json("{'receivedAmount':" + Canned.amount("10", "USD") + ",'authServer':'"
                                + wallet.authServer() + "'}")));

        PublicIncomingPayment p =
                client.incomingPayments().getPublic(wallet.resourceServer() + "/incoming-payments/ip1");

        assertEquals(wallet.authServer(), p.authServer());
        assertNull(wallet.server.last().header("Authorization"));
        assertNull(wallet.server.last().header("Signature"));
    }

    @Test
    void completesAndInsistsOnCompletedTrue() {
        wallet.server.on(
                "POST",
                "/op/incoming-payments/ip1/complete",
                Answer.json(200, Canned.incomingPayment(wallet, "ip1", "2500", "2500", true, false)),
                Answer.json(200, Canned.incomingPayment(wallet, "ip1", "2500", "100", false, false)));
        String id = wallet.resourceServer() + "/incoming-payments/ip1";

        assertTrue(client.incomingPayments().complete(id, token).completed());
        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class, () -> client.incomingPayments().complete(id, token));

        assertEquals("$.completed", e.field());
        assertEquals(0, wallet.server.last().body().length);
    }

    @Test
    void listsAllPagesFollowingTheEndCursor() {
        String p = "/op/incoming-payments";
        wallet.server.on(
                "GET",
                p,
                Answer.json(
                        200,
                        Canned.page(
                                "a",
                                "b",
                                true,
                                false,
                                Canned.incomingPayment(wallet, "a", null, "0", false, false),
                                Canned.incomingPayment(wallet, "b", null, "0", false, false))),
                Answer.json(
                        200,
                        Canned.page(
                                "c",
                                "d",
                                true,
                                true,
                                Canned.incomingPayment(wallet, "c", null, "0", false, false),
                                Canned.incomingPayment(wallet, "d", null, "0", false, false))),
                Answer.json(
                        200,
                        Canned.page(
                                "e", "e", false, true, Canned.incomingPayment(wallet, "e", null, "5", true, false))));

        List<String> ids = client.incomingPayments()
                .listAll(wallet.resourceServer(), wallet.alice(), token, 2)
                .map(IncomingPayment::id)
                .map(id -> id.substring(id.lastIndexOf('/') + 1))
                .toList();

        assertEquals(List.of("a", "b", "c", "d", "e"), ids);
        String wa = "wallet-address=http%3A%2F%2F127.0.0.1%3A"
                + wallet.base().substring(wallet.base().lastIndexOf(':') + 1) + "%2Falice";
        assertEquals(
                List.of(
                        p + "?" + wa + "&first=2",
                        p + "?" + wa + "&first=2&cursor=b",
                        p + "?" + wa + "&first=2&cursor=d"),
                wallet.server.requests().stream().map(r -> r.rawTarget()).toList());
    }

    @Test
    void stopsPaginationOnAServerThatRepeatsTheCursor() {
        wallet.server.handler(r -> Answer.json(
                200, Canned.page("x", "x", true, false, Canned.incomingPayment(wallet, "x", null, "0", false, false))));

        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class,
                () -> client.incomingPayments()
                        .listAll(wallet.resourceServer(), wallet.alice(), token, 1)
                        .toList());

        assertEquals("$.pagination.endCursor", e.field());
        assertEquals(2, wallet.server.requests().size());
    }

    @Test
    void refusesAnOutOfRangePageSizeBeforeSending() {
        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class,
                () -> client.incomingPayments()
                        .list(wallet.resourceServer(), wallet.alice(), token, PageRequest.first(101)));

        assertEquals("first", e.field());
        assertEquals(0, wallet.server.requests().size());
    }

    @Test
    void serialisesTheProtocolVectorBodyByteForByte() {
        byte[] body = dev.opfunctions.client.json.Json.stringify(
                IncomingPaymentRequest.of("https://ilp.example.com/alice", Amount.of(2500, "USD", 2)));

        assertEquals(116, body.length);
        assertEquals(
                "sha-512=:s1LBf2X19QHHYnV14nQvBtk6+Ac0ulX9lAEEDoTV+oP8iFFI28sz4d6eCaOq54keNedK+Ooh3hBpv6BZYlOslw==:",
                dev.opfunctions.client.signature.ContentDigest.create(body));
    }
}

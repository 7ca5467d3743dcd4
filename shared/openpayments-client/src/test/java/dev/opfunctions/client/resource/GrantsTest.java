package dev.opfunctions.client.resource;

import static dev.opfunctions.client.grant.AccessAction.CREATE;
import static dev.opfunctions.client.grant.AccessAction.READ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.opfunctions.client.OpenPaymentsClient;
import dev.opfunctions.client.OpenPaymentsException;
import dev.opfunctions.client.OpenPaymentsException.Kind;
import dev.opfunctions.client.grant.AccessItem;
import dev.opfunctions.client.grant.GrantRequest;
import dev.opfunctions.client.grant.GrantResponse;
import dev.opfunctions.client.grant.GrantResponse.ApprovedGrant;
import dev.opfunctions.client.grant.GrantResponse.PendingGrant;
import dev.opfunctions.client.grant.Limits;
import dev.opfunctions.client.model.Amount;
import dev.opfunctions.client.testing.Canned;
import dev.opfunctions.client.testing.FakeServer.Answer;
import dev.opfunctions.client.testing.SpecWallet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GrantsTest {

    private static final String IP_ACCESS = Canned.json("[{'type':'incoming-payment','actions':['create','read']}]");

    private final SpecWallet wallet = new SpecWallet();
    private final OpenPaymentsClient client = wallet.client();

    @AfterEach
    void noSpecViolations() {
        client.close();
        wallet.close();
        assertEquals(List.of(), wallet.violations());
    }

    private GrantRequest outgoingGrant() {
        return GrantRequest.builder()
                .access(AccessItem.outgoingPayment(
                        wallet.alice(),
                        Limits.debit(Amount.of(2500, "USD", 2))
                                .withReceiver(wallet.resourceServer() + "/incoming-payments/ip1")
                                .withInterval("R2/2025-06-01T00:00:00Z/P1M"),
                        CREATE,
                        READ))
                .interactRedirect("https://shop.example/finish/42", "client-nonce")
                .build();
    }

    @Test
    void requestsAnInteractiveGrantWithTheSpecFieldOrderAndTheClientWalletAddress() {
        wallet.server.on("POST", "/auth", Answer.json(200, Canned.pendingGrant(wallet, "CONT-1")));

        GrantResponse g = client.grants().request(wallet.authServer(), outgoingGrant());

        PendingGrant p = assertInstanceOf(PendingGrant.class, g);
        assertEquals("server-nonce", p.interaction().finish());
        assertEquals(Duration.ofSeconds(5), p.continuation().waitDuration());
        assertEquals(
                Canned.json(
                        "{'access_token':{'access':[{'type':'outgoing-payment','actions':['create','read'],'identifier':'"
                                + wallet.alice() + "',"
                                + "'limits':{'receiver':'" + wallet.resourceServer()
                                + "/incoming-payments/ip1','interval':'R2/2025-06-01T00:00:00Z/P1M',"
                                + "'debitAmount':{'value':'2500','assetCode':'USD','assetScale':2}}}]},'client':{'walletAddress':'"
                                + wallet.shop() + "'},"
                                + "'interact':{'start':['redirect'],'finish':{'method':'redirect','uri':'https://shop.example/finish/42','nonce':'client-nonce'}}}"),
                wallet.server.last().bodyText());
        assertFalse(p.toString().contains("CONT-1"), "continue token must not show in toString");
    }

    @Test
    void turnsAnApprovedGrantIntoAnAccessTokenExpiringPerTheClock() {
        wallet.server.on(
                "POST",
                "/auth",
                Answer.json(200, Canned.approvedGrant(wallet, "TOK-1", "m1", 600, IP_ACCESS, "CONT-1")));

        GrantResponse g = client.grants()
                .request(
                        wallet.authServer(),
                        GrantRequest.builder()
                                .access(AccessItem.incomingPayment(null, CREATE, READ))
                                .build());

        ApprovedGrant a = assertInstanceOf(ApprovedGrant.class, g);
        assertEquals("TOK-1", a.accessToken().value());
        assertEquals(wallet.clock.instant().plusSeconds(600), a.accessToken().expiresAt());
        assertEquals(wallet.authServer() + "/token/m1", a.accessToken().manage());
        assertFalse(a.accessToken().toString().contains("TOK-1"));
    }

    @Test
    void continuesWithTheInteractRefAndTheContinueToken() {
        wallet.server.on("POST", "/auth", Answer.json(200, Canned.pendingGrant(wallet, "CONT-1")));
        wallet.server.on(
                "POST",
                "/auth/continue/c1",
                Answer.json(
                        200,
                        Canned.approvedGrant(
                                wallet,
                                "TOK-2",
                                "m2",
                                600,
                                Canned.json("[{'type':'outgoing-payment','actions':['create','read'],'identifier':'"
                                        + wallet.alice() + "'}]"),
                                "CONT-2")));
        PendingGrant p = (PendingGrant) client.grants().request(wallet.authServer(), outgoingGrant());

        ApprovedGrant a =
                assertInstanceOf(ApprovedGrant.class, client.grants().continueGrant(p.continuation(), "ref-9"));

        assertEquals("GNAP CONT-1", wallet.server.last().header("Authorization"));
        assertEquals("{\"interact_ref\":\"ref-9\"}", wallet.server.last().bodyText());
        assertEquals("TOK-2", a.accessToken().value());
    }

    @Test
    void awaitsApprovalByPollingAfterEachWait() {
        wallet.server.on(
                "POST",
                "/auth/continue/c1",
                Answer.json(200, Canned.json("{'continue':" + Canned.continuation(wallet, "CONT-2", "c1", 3) + "}")),
                Answer.json(200, Canned.approvedGrant(wallet, "TOK-3", "m3", 60, IP_ACCESS, "CONT-3")));
        var start = dev.opfunctions.client.grant.Continuation.of("CONT-1", wallet.authServer() + "/continue/c1", 5);

        ApprovedGrant a = client.grants().awaitApproval(start, Duration.ofMinutes(1));

        assertEquals("TOK-3", a.accessToken().value());
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(3)), wallet.sleeper.waits());
        assertEquals(
                List.of("GNAP CONT-1", "GNAP CONT-2"),
                wallet.server.requests().stream()
                        .map(r -> r.header("Authorization"))
                        .toList());
        assertEquals(0, wallet.server.last().body().length, "a poll has no body");
    }

    @Test
    void cancelsAGrantWithDelete() {
        wallet.server.on("DELETE", "/auth/continue/c1", Answer.empty(204));

        client.grants()
                .cancel(dev.opfunctions.client.grant.Continuation.of(
                        "CONT-1", wallet.authServer() + "/continue/c1", null));

        assertEquals("DELETE", wallet.server.last().method());
        assertEquals("GNAP CONT-1", wallet.server.last().header("Authorization"));
    }

    @Test
    void mapsTooFastToAnHttpErrorWithTheGnapCode() {
        wallet.server.on(
                "POST",
                "/auth/continue/c1",
                Answer.json(400, Canned.error(400, "too_fast", "Requested grant continuation too quickly")));

        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class,
                () -> client.grants()
                        .continueGrant(
                                dev.opfunctions.client.grant.Continuation.of(
                                        "CONT-1", wallet.authServer() + "/continue/c1", 5),
                                "r"));

        assertEquals("too_fast", e.errorCode());
        assertFalse(e.getMessage().contains("CONT-1"));
    }

    @Test
    void rejectsGrantRequestWithBothAmountsBeforeSending() {
        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class,
                () -> new Limits(null, null, Amount.of(1, "USD", 2), Amount.of(1, "USD", 2)));

        assertEquals(Kind.INVALID_REQUEST, e.kind());
        assertEquals("debitAmount", e.field());
        assertEquals(0, wallet.server.requests().size());
    }

    @Test
    void rejectsOutgoingPaymentGrantWithoutInteraction() {
        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class,
                () -> GrantRequest.builder()
                        .access(AccessItem.outgoingPayment(wallet.alice(), null, CREATE))
                        .build());

        assertEquals("interact", e.field());
    }

    @Test
    void rejectsAGrantAnswerWithoutContinue() {
        wallet.server.on(
                "POST",
                "/auth",
                Answer.json(
                        200, Canned.json("{'interact':{'redirect':'" + wallet.authServer() + "/i','finish':'n'}}")));

        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class, () -> client.grants().request(wallet.authServer(), outgoingGrant()));

        assertEquals(Kind.INVALID_RESPONSE, e.kind());
        assertEquals("$.continue", e.field());
        wallet.takeViolations();
    }

    @Test
    void refusesADebitLimitInAnotherAssetThanThePayerBeforeSending() {
        var alice = new dev.opfunctions.client.model.WalletAddress(
                wallet.alice(), null, "EUR", 2, wallet.authServer(), wallet.resourceServer());

        OpenPaymentsException e =
                assertThrows(OpenPaymentsException.class, () -> client.grants().request(alice, outgoingGrant()));

        assertEquals("limits.debitAmount", e.field());
        assertEquals(0, wallet.server.requests().size());
    }
}

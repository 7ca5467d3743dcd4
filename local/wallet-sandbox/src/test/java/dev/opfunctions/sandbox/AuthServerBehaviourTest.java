package dev.opfunctions.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The GNAP auth server's answers, codes and messages as Rafiki gives them. */
class AuthServerBehaviourTest {

    private final World world = World.start();

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void issuesIncomingPaymentGrantAtOnceWithTokenManageUrlAndLifetime() {
        OpClient.Reply reply = world.op.post(
                world.authServer(world.retailer),
                null,
                Bodies.nonInteractiveGrant(world.client, "incoming-payment", List.of("create", "read")));

        assertEquals(200, reply.status(), () -> reply.body().toString());
        assertEquals(600, reply.body().at("/access_token/expires_in").asInt());
        assertTrue(reply.body()
                .at("/access_token/manage")
                .asText()
                .startsWith(world.authServer(world.retailer) + "/token/"));
        assertEquals(
                "incoming-payment",
                reply.body().at("/access_token/access/0/type").asText());
        Expect.validAuthResponse("POST", "/", reply);
    }

    @Test
    void rejectsGrantRequestSignedWithAnotherKeyUnderTheSameKeyId() {
        OpClient impostor = new OpClient(World.signerFor(TestKeys.generate("test-key")));

        OpClient.Reply reply = impostor.post(
                world.authServer(world.retailer),
                null,
                Bodies.nonInteractiveGrant(world.client, "incoming-payment", List.of("create")));

        Expect.gnapError(reply, 401, "invalid_client", "invalid signature");
    }

    @Test
    void rejectsGrantRequestWhoseKeyIdTheClientDoesNotPublish() {
        OpClient stranger = new OpClient(World.signerFor(TestKeys.generate("unknown-key")));

        OpClient.Reply reply = stranger.post(
                world.authServer(world.retailer),
                null,
                Bodies.nonInteractiveGrant(world.client, "incoming-payment", List.of("create")));

        Expect.gnapError(reply, 400, "invalid_client", "could not determine client");
    }

    @Test
    void rejectsUnsignedGrantRequest() {
        OpClient.Reply reply = world.unsigned.post(
                world.authServer(world.retailer),
                null,
                Bodies.nonInteractiveGrant(world.client, "incoming-payment", List.of("create")));

        Expect.gnapError(reply, 401, "invalid_client", "invalid signature headers");
    }

    @Test
    void rejectsGrantRequestBodyThatFailsTheSpecWithoutGnapCode() {
        OpClient.Reply reply = world.op.post(
                world.authServer(world.retailer),
                null,
                Bodies.nonInteractiveGrant(world.client, "bogus-type", List.of("create")));

        Expect.specViolation(reply);
    }

    @Test
    void rejectsGrantRequestWithBothAmounts() {
        Map<String, Object> limits = Bodies.ordered(
                "debitAmount", Bodies.amount("100", "MXN"), "receiveAmount", Bodies.amount("100", "MXN"));

        OpClient.Reply reply = world.op.post(
                world.authServer(world.customer),
                null,
                Bodies.outgoingGrant(world.client, world.customer, limits, "http://127.0.0.1:1/f", "n"));

        Expect.gnapError(reply, 400, "invalid_request", "only one access amount allowed");
    }

    @Test
    void rejectsInteractiveAccessWithoutIdentifier() {
        OpClient.Reply reply = world.op.post(
                world.authServer(world.retailer),
                null,
                Bodies.nonInteractiveGrant(world.client, "incoming-payment", List.of("list-all")));

        Expect.gnapError(reply, 400, "invalid_request", "access identifier required");
    }

    @Test
    void refusesInteractiveGrantForClientWithoutPublicName() {
        String anonymous = world.sandbox.admin().createWalletAddress("happylifebank", "anonymous", "MXN", 2, null);
        TestKeys keys = TestKeys.generate("anon-key");
        world.sandbox.admin().registerClientKey(anonymous, keys.jwk());
        OpClient anonymousClient = new OpClient(World.signerFor(keys));

        OpClient.Reply reply = anonymousClient.post(
                world.authServer(world.customer),
                null,
                Bodies.outgoingGrant(anonymous, world.customer, null, "http://127.0.0.1:1/f", "n"));

        Expect.gnapError(reply, 400, "invalid_client", "missing required request field 'client'");
    }

    @Test
    void refusesInteractiveGrantWithDirectedIdentity() {
        Map<String, Object> body =
                Bodies.outgoingGrant(world.client, world.customer, null, "http://127.0.0.1:1/f", "n");
        body.put("client", Map.of("jwk", world.keys.jwk()));

        OpClient.Reply reply = world.op.post(world.authServer(world.customer), null, body);

        Expect.gnapError(reply, 400, "invalid_client", "missing required request field 'client'");
    }

    @Test
    void issuesNonInteractiveGrantToDirectedIdentity() {
        Map<String, Object> body = Bodies.nonInteractiveGrant(world.client, "quote", List.of("create"));
        body.put("client", Map.of("jwk", world.keys.jwk()));

        OpClient.Reply reply = world.op.post(world.authServer(world.customer), null, body);

        assertEquals(200, reply.status(), () -> reply.body().toString());
    }

    @Test
    void pendingGrantRedirectsToConsentPageAndFinishHashCoversNoncesRefAndGrantUrl() throws Exception {
        JsonNode pending = world.pendingOutgoingGrant(null);
        String redirect = pending.at("/interact/redirect").asText();

        String finish = world.sandbox.admin().approve(redirect).orElseThrow();

        assertTrue(redirect.startsWith(world.authServer(world.customer) + "/interact/"));
        assertTrue(redirect.contains("clientName=Happy+Life+Athletics"));
        String ref = finish.replaceAll(".*interact_ref=([^&]+).*", "$1");
        String hash = java.net.URLDecoder.decode(finish.replaceAll(".*hash=([^&]+).*", "$1"), StandardCharsets.UTF_8);
        String base = "client-nonce\n" + pending.at("/interact/finish").asText() + "\n" + ref + "\n"
                + world.authServer(world.customer);
        String expected = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(base.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, hash);
    }

    @Test
    void continuingBeforeTheWaitIsTooFast() {
        try (World slow = new World(SandboxConfig.demoWorld().withWaitSeconds(5))) {
            JsonNode pending = slow.pendingOutgoingGrant(null);
            String finish = slow.sandbox
                    .admin()
                    .approve(pending.at("/interact/redirect").asText())
                    .orElseThrow();
            Map<String, Object> body =
                    Bodies.ordered("interact_ref", finish.replaceAll(".*interact_ref=([^&]+).*", "$1"));
            String uri = pending.at("/continue/uri").asText();
            String token = pending.at("/continue/access_token/value").asText();

            OpClient.Reply early = slow.op.post(uri, token, body);
            slow.sandbox.admin().advanceClock(Duration.ofSeconds(5));
            OpClient.Reply onTime = slow.op.post(uri, token, body);

            Expect.gnapError(early, 400, "too_fast", "continued grant faster than \"wait\" period");
            assertEquals(200, onTime.status(), () -> onTime.body().toString());
            Expect.validAuthResponse("POST", "/continue/x", onTime);
        }
    }

    @Test
    void grantWithFinishUriCannotBePolled() {
        JsonNode pending = world.pendingOutgoingGrant(null);

        OpClient.Reply poll = world.op.post(
                pending.at("/continue/uri").asText(),
                pending.at("/continue/access_token/value").asText(),
                null);

        Expect.gnapError(poll, 401, "request_denied", "grant cannot be polled");
    }

    @Test
    void deniedGrantRedirectsWithGrantRejectedAndCannotBeContinued() {
        Map<String, Object> body = Bodies.outgoingGrant(world.client, world.customer, null, null, null);
        JsonNode polled =
                world.op.post(world.authServer(world.customer), null, body).body();
        JsonNode withFinish = world.pendingOutgoingGrant(null);

        String rejected = world.sandbox
                .admin()
                .deny(withFinish.at("/interact/redirect").asText())
                .orElseThrow();
        world.sandbox.admin().deny(polled.at("/interact/redirect").asText());
        OpClient.Reply poll = world.op.post(
                polled.at("/continue/uri").asText(),
                polled.at("/continue/access_token/value").asText(),
                null);

        assertTrue(rejected.endsWith("?result=grant_rejected"), rejected);
        Expect.gnapError(poll, 401, "request_denied", "grant cannot be continued");
    }

    @Test
    void cancelledGrantCannotBeContinued() {
        JsonNode pending = world.pendingOutgoingGrant(null);
        String uri = pending.at("/continue/uri").asText();
        String token = pending.at("/continue/access_token/value").asText();

        OpClient.Reply cancel = world.op.delete(uri, token);
        OpClient.Reply after = world.op.post(uri, token, Bodies.ordered("interact_ref", "whatever"));

        assertEquals(204, cancel.status());
        Expect.gnapError(after, 401, "invalid_continuation", "invalid grant");
    }

    @Test
    void rotationGivesNewValueAndManageUrlAndRevokesTheOldToken() {
        JsonNode grant = world.grant(world.retailer, "incoming-payment", List.of("create", "read", "list"));
        String oldValue = grant.at("/access_token/value").asText();
        String oldManage = grant.at("/access_token/manage").asText();

        OpClient.Reply rotated = world.op.post(oldManage, oldValue, null);
        OpClient.Reply again = world.op.post(oldManage, oldValue, null);
        String list = world.resourceServer(world.retailer) + "/incoming-payments?wallet-address="
                + java.net.URLEncoder.encode(world.retailer, StandardCharsets.UTF_8);
        OpClient.Reply withOld = world.op.get(list, oldValue);
        OpClient.Reply withNew =
                world.op.get(list, rotated.body().at("/access_token/value").asText());

        assertEquals(200, rotated.status(), () -> rotated.body().toString());
        Expect.validAuthResponse("POST", "/token/x", rotated);
        assertNotEquals(oldValue, rotated.body().at("/access_token/value").asText());
        assertNotEquals(oldManage, rotated.body().at("/access_token/manage").asText());
        Expect.gnapError(again, 401, "invalid_client", "invalid access token");
        Expect.resourceError(withOld, 403, "Inactive Token");
        assertEquals(200, withNew.status());
    }

    @Test
    void revokedTokenIsInactive() {
        JsonNode grant = world.grant(world.retailer, "incoming-payment", List.of("create", "read", "list"));
        String token = grant.at("/access_token/value").asText();

        OpClient.Reply revoke = world.op.delete(grant.at("/access_token/manage").asText(), token);
        OpClient.Reply use = world.op.post(
                world.resourceServer(world.retailer) + "/incoming-payments",
                token,
                Bodies.ordered("walletAddress", world.retailer));

        assertEquals(204, revoke.status());
        Expect.resourceError(use, 403, "Inactive Token");
    }

    @Test
    void expiredTokenIsInactiveButCanStillBeRotated() {
        JsonNode grant = world.grant(world.retailer, "incoming-payment", List.of("create"));
        String token = grant.at("/access_token/value").asText();
        world.sandbox.admin().advanceClock(Duration.ofSeconds(601));

        OpClient.Reply expired = world.op.post(
                world.resourceServer(world.retailer) + "/incoming-payments",
                token,
                Bodies.ordered("walletAddress", world.retailer));
        OpClient.Reply rotated = world.op.post(grant.at("/access_token/manage").asText(), token, null);
        OpClient.Reply fresh = world.op.post(
                world.resourceServer(world.retailer) + "/incoming-payments",
                rotated.body().at("/access_token/value").asText(),
                Bodies.ordered("walletAddress", world.retailer));

        Expect.resourceError(expired, 403, "Inactive Token");
        Expect.wwwAuthenticate(expired, world.authServer(world.retailer));
        assertEquals(200, rotated.status());
        assertEquals(201, fresh.status(), () -> fresh.body().toString());
    }

    @Test
    void continuationWithWrongTokenIsInvalidContinuation() {
        JsonNode pending = world.pendingOutgoingGrant(null);

        OpClient.Reply reply =
                world.op.post(pending.at("/continue/uri").asText(), "WRONG", Bodies.ordered("interact_ref", "x"));

        Expect.gnapError(reply, 401, "invalid_continuation", "invalid grant");
    }

    @Test
    void expiredInteractionSendsTheBrowserBackWithInvalidInteraction() {
        JsonNode pending = world.pendingOutgoingGrant(null);
        String redirect = pending.at("/interact/redirect").asText();
        world.sandbox.admin().advanceClock(Duration.ofMinutes(10).plusSeconds(1));

        OpClient.Reply page = world.unsigned.send("GET", redirect, null, null, false);

        assertEquals(302, page.status());
        assertEquals(
                "http://127.0.0.1:1/finish?result=invalid_interaction&message=interaction+expired",
                page.header("Location"));
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class, () -> world.sandbox.admin().approve(redirect));
    }

    @Test
    void consentPageShowsWhoAsksForWhat() {
        JsonNode pending = world.pendingOutgoingGrant(Bodies.ordered("debitAmount", Bodies.amount("140000", "MXN")));

        OpClient.Reply page =
                world.unsigned.send("GET", pending.at("/interact/redirect").asText(), null, null, false);
        String html = new String(page.raw().body(), StandardCharsets.UTF_8);

        assertEquals(200, page.status());
        assertTrue(html.contains("<strong id=\"client-name\">Happy Life Athletics</strong>"), html);
        assertTrue(html.contains("<strong id=\"debit-limit\">MXN 1,400.00</strong>"), html);
        assertTrue(html.contains("id=\"approve\"") && html.contains("id=\"deny\""), html);
    }
}

package dev.opfunctions.client.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.opfunctions.client.OpenPaymentsClient;
import dev.opfunctions.client.testing.Canned;
import dev.opfunctions.client.testing.FakeServer.Answer;
import dev.opfunctions.client.testing.SpecWallet;
import dev.opfunctions.client.token.AccessToken;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokensTest {

    private final SpecWallet wallet = new SpecWallet();
    private final OpenPaymentsClient client = wallet.client();

    @AfterEach
    void noSpecViolations() {
        client.close();
        wallet.close();
        assertEquals(List.of(), wallet.violations());
    }

    @Test
    void rotationReturnsANewValueAndANewManageUrl() {
        wallet.server.on(
                "POST",
                "/auth/token/m1",
                Answer.json(
                        200,
                        "{\"access_token\":"
                                + Canned.accessToken(
                                        wallet,
                                        "TOK-NEW",
                                        "m2",
                                        600,
                                        Canned.json("[{'type':'quote','actions':['create']}]"))
                                + "}"));
        AccessToken old = new AccessToken(
                "TOK-OLD",
                wallet.authServer() + "/token/m1",
                wallet.clock.instant().minusSeconds(5),
                List.of());
        wallet.clock.advance(Duration.ofSeconds(30));

        AccessToken fresh = client.tokens().rotate(old);

        assertEquals("TOK-NEW", fresh.value());
        assertEquals(wallet.authServer() + "/token/m2", fresh.manage());
        assertEquals(wallet.clock.instant().plusSeconds(600), fresh.expiresAt());
        assertEquals("GNAP TOK-OLD", wallet.server.last().header("Authorization"));
        assertEquals(0, wallet.server.last().body().length, "rotation has no body");
        assertNull(wallet.server.last().header("Content-Digest"));
    }

    @Test
    void revokesWithDeleteOnTheManageUrl() {
        wallet.server.on("DELETE", "/auth/token/m1", Answer.empty(204));

        client.tokens().revoke(new AccessToken("TOK", wallet.authServer() + "/token/m1", null, List.of()));

        assertEquals("DELETE", wallet.server.last().method());
        assertEquals("GNAP TOK", wallet.server.last().header("Authorization"));
    }
}

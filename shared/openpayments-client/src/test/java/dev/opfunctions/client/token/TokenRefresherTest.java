package dev.opfunctions.client.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.client.OpenPaymentsClient;
import dev.opfunctions.client.OpenPaymentsException;
import dev.opfunctions.client.model.OutgoingPaymentGrantSpentAmounts;
import dev.opfunctions.client.testing.Canned;
import dev.opfunctions.client.testing.FakeServer.Answer;
import dev.opfunctions.client.testing.SpecWallet;
import dev.opfunctions.client.token.TokenRefresher.Authorized;
import dev.opfunctions.client.token.TokenRefresher.Replay;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenRefresherTest {

    private static final String SPENT = Canned.json("{'spentReceiveAmount':null,'spentDebitAmount':null}");

    private final SpecWallet wallet = new SpecWallet();
    private final OpenPaymentsClient client = wallet.client();
    private final TokenRefresher refresher = client.tokenRefresher(Duration.ofSeconds(30));

    @AfterEach
    void noSpecViolations() {
        client.close();
        wallet.close();
        assertEquals(List.of(), wallet.violations());
    }

    private AccessToken tokenExpiringIn(Duration d) {
        return new AccessToken(
                "TOK-OLD",
                wallet.authServer() + "/token/m1",
                wallet.clock.instant().plus(d),
                List.of());
    }

    private void answerRotation() {
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
                                        Canned.json("[{'type':'outgoing-payment','actions':['create'],'identifier':'"
                                                + wallet.alice() + "'}]"))
                                + "}"));
    }

    private OutgoingPaymentGrantSpentAmounts spent(AccessToken t) {
        return client.grantSpentAmounts().get(wallet.resourceServer(), t);
    }

    @Test
    void usesAValidTokenAsIs() {
        wallet.server.on("GET", "/op/outgoing-payment-grant", Answer.json(200, SPENT));
        AccessToken t = tokenExpiringIn(Duration.ofMinutes(5));

        Authorized<OutgoingPaymentGrantSpentAmounts> r = refresher.call(t, Replay.SAFE, this::spent);

        assertSame(t, r.token());
        assertFalse(r.rotated());
    }

    @Test
    void rotatesAnExpiredTokenBeforeTheCall() {
        answerRotation();
        wallet.server.on("GET", "/op/outgoing-payment-grant", Answer.json(200, SPENT));

        Authorized<OutgoingPaymentGrantSpentAmounts> r =
                refresher.call(tokenExpiringIn(Duration.ofSeconds(10)), Replay.UNSAFE, this::spent);

        assertTrue(r.rotated());
        assertEquals("TOK-NEW", r.token().value());
        assertEquals(wallet.authServer() + "/token/m2", r.token().manage());
        assertEquals(
                List.of("GNAP TOK-OLD", "GNAP TOK-NEW"),
                wallet.server.requests().stream()
                        .map(x -> x.header("Authorization"))
                        .toList());
    }

    @Test
    void rotatesOnceAndRetriesOnceWhenAnInactiveTokenAnswerMeetsAnExpiredToken() {
        answerRotation();
        wallet.server.on(
                "GET",
                "/op/outgoing-payment-grant",
                Answer.json(403, Canned.error(403, "403", "Inactive Token")),
                Answer.json(200, SPENT));
        AccessToken t = tokenExpiringIn(Duration.ofSeconds(40));

        Authorized<OutgoingPaymentGrantSpentAmounts> r = refresher.call(t, Replay.SAFE, tok -> {
            wallet.clock.advance(
                    Duration.ofSeconds(15)); // the call takes long enough for the token to enter the skew window
            return spent(tok);
        });

        assertTrue(r.rotated());
        assertEquals("TOK-NEW", r.token().value());
        assertEquals(3, wallet.server.requests().size());
    }

    @Test
    void doesNotReplayAnUnsafeCall() {
        wallet.server.on(
                "GET", "/op/outgoing-payment-grant", Answer.json(401, Canned.error(401, "401", "Invalid Token")));
        AccessToken t = tokenExpiringIn(Duration.ofSeconds(40));

        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class,
                () -> refresher.call(t, Replay.UNSAFE, tok -> {
                    wallet.clock.advance(Duration.ofSeconds(15));
                    return spent(tok);
                }));

        assertEquals(401, e.status());
        assertEquals(1, wallet.server.requests().size());
    }

    @Test
    void doesNotRotateForAnInsufficientGrantOrAnUnexpiredToken() {
        wallet.server.on(
                "GET",
                "/op/outgoing-payment-grant",
                Answer.json(403, Canned.error(403, "403", "Insufficient Grant")),
                Answer.json(403, Canned.error(403, "403", "Inactive Token")));

        assertThrows(
                OpenPaymentsException.class,
                () -> refresher.call(tokenExpiringIn(Duration.ofSeconds(40)), Replay.SAFE, tok -> {
                    wallet.clock.advance(Duration.ofSeconds(15));
                    return spent(tok);
                }));
        assertThrows(
                OpenPaymentsException.class,
                () -> refresher.call(tokenExpiringIn(Duration.ofHours(1)), Replay.SAFE, this::spent));

        assertEquals(2, wallet.server.requests().size());
    }
}

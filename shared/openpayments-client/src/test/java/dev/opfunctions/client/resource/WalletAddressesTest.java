package dev.opfunctions.client.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.client.OpenPaymentsClient;
import dev.opfunctions.client.OpenPaymentsException;
import dev.opfunctions.client.OpenPaymentsException.Kind;
import dev.opfunctions.client.http.ClientConfig;
import dev.opfunctions.client.keys.Jwks;
import dev.opfunctions.client.model.WalletAddress;
import dev.opfunctions.client.testing.Canned;
import dev.opfunctions.client.testing.FakeServer.Answer;
import dev.opfunctions.client.testing.SpecWallet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WalletAddressesTest {

    private final SpecWallet wallet = new SpecWallet();
    private final OpenPaymentsClient client = wallet.client();

    @AfterEach
    void noSpecViolations() {
        client.close();
        wallet.close();
        assertEquals(List.of(), wallet.violations());
    }

    @Test
    void readsAWalletAddressUnsignedAndToleratesUnknownFields() {
        wallet.server.on("GET", "/alice", Answer.json(200, Canned.walletAddress(wallet, wallet.alice(), "USD")));

        WalletAddress a = client.walletAddresses().get(wallet.alice());

        assertEquals("USD", a.assetCode());
        assertEquals(wallet.resourceServer(), a.resourceServer());
        assertEquals(wallet.authServer(), a.authServer());
        assertEquals(null, wallet.server.last().header("Signature"));
    }

    @Test
    void acceptsAPaymentPointer() {
        wallet.server.on("GET", "/alice", Answer.json(200, Canned.walletAddress(wallet, wallet.alice(), "USD")));

        client.walletAddresses().get("$" + wallet.base().substring("http://".length()) + "/alice");

        assertEquals("/alice", wallet.server.last().rawTarget());
    }

    @Test
    void readsTheKeySet() {
        wallet.server.on(
                "GET",
                "/alice/jwks.json",
                Answer.json(
                        200,
                        Canned.json(
                                "{'keys':[{'kid':'key-1','alg':'EdDSA','kty':'OKP','crv':'Ed25519','x':'11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo'}]}")));

        Jwks keys = client.walletAddresses().getKeys(wallet.alice());

        assertEquals(
                "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
                keys.find("key-1").orElseThrow().x());
    }

    @Test
    void rejectsAKeySetWithANonEd25519KeyNamingIt() {
        wallet.server.on(
                "GET",
                "/alice/jwks.json",
                Answer.json(
                        200,
                        Canned.json(
                                "{'keys':[{'kid':'key-1','alg':'EdDSA','kty':'OKP','crv':'Ed25519','x':'11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo'},"
                                        + "{'kid':'key-2','alg':'RS256','kty':'OKP','crv':'Ed25519','x':'11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo'}]}")));

        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class, () -> client.walletAddresses().getKeys(wallet.alice()));

        assertEquals(Kind.INVALID_RESPONSE, e.kind());
        assertEquals("$.keys[1]", e.field());
        assertTrue(e.errorDescription().contains("alg"), e.errorDescription());
        wallet.takeViolations();
    }

    @Test
    void rejectsAnAnswerWithoutResourceServerNamingTheField() {
        wallet.server.on(
                "GET",
                "/alice",
                Answer.json(
                        200,
                        Canned.json("{'id':'" + wallet.alice() + "','assetCode':'USD','assetScale':2,'authServer':'"
                                + wallet.authServer() + "'}")));

        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class, () -> client.walletAddresses().get(wallet.alice()));

        assertEquals(Kind.INVALID_RESPONSE, e.kind());
        assertEquals("$.resourceServer", e.field());
        assertTrue(
                wallet.takeViolations().stream().anyMatch(v -> v.contains("resourceServer")),
                "the fake's answer was indeed off-spec");
    }

    @Test
    void rejectsAMistypedAssetScale() {
        wallet.server.on(
                "GET",
                "/alice",
                Answer.json(
                        200,
                        Canned.walletAddress(wallet, wallet.alice(), "USD")
                                .replace("\"assetScale\":2", "\"assetScale\":\"two\"")));

        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class, () -> client.walletAddresses().get(wallet.alice()));

        assertEquals("$.assetScale", e.field());
        wallet.takeViolations();
    }

    @Test
    void refusesMalformedAndPlainHttpUrlsBeforeSending() {
        try (OpenPaymentsClient strict =
                OpenPaymentsClient.builder().config(ClientConfig.defaults()).build()) {
            for (String bad : new String[] {
                "not a url", "ftp://ilp.example/alice", "https:///alice", "https://ilp.example/alice#x", wallet.alice()
            }) {
                OpenPaymentsException e = assertThrows(
                        OpenPaymentsException.class,
                        () -> strict.walletAddresses().get(bad),
                        bad);
                assertEquals(Kind.INVALID_REQUEST, e.kind());
                assertEquals("walletAddress", e.field());
            }
        }
        assertEquals(0, wallet.server.requests().size());
    }
}

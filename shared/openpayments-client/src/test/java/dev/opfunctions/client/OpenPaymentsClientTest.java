package dev.opfunctions.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.opfunctions.client.http.ClientConfig;
import dev.opfunctions.client.keys.Ed25519Keys;
import dev.opfunctions.client.keys.GeneratedKeyPair;
import dev.opfunctions.client.keys.Jwks;
import dev.opfunctions.client.signature.SignatureVerifier;
import dev.opfunctions.client.signature.VerifiableRequest;
import dev.opfunctions.client.testing.Canned;
import dev.opfunctions.client.testing.FakeServer;
import dev.opfunctions.client.testing.FakeServer.Answer;
import dev.opfunctions.client.testing.SpecWallet;
import dev.opfunctions.client.token.AccessToken;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenPaymentsClientTest {

    @Test
    void signsWithTheSigningKeyAndTheBuildersClock() throws Exception {
        GeneratedKeyPair keys = Ed25519Keys.generate("shop-key");
        try (SpecWallet wallet = new SpecWallet();
                OpenPaymentsClient client = OpenPaymentsClient.builder()
                        .walletAddressUrl(wallet.shop())
                        .signingKey(keys.signingKey())
                        .clock(Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC))
                        .config(ClientConfig.defaults().withLocalDevelopment(true))
                        .build()) {
            wallet.server.on(
                    "GET",
                    "/op/outgoing-payment-grant",
                    Answer.json(200, Canned.json("{'spentReceiveAmount':null,'spentDebitAmount':null}")));

            client.grantSpentAmounts()
                    .get(
                            wallet.resourceServer(),
                            new AccessToken("TOK", wallet.authServer() + "/token/1", null, List.of()));

            FakeServer.Recorded r = wallet.server.last();
            Map<String, String> headers = new LinkedHashMap<>();
            r.headers().forEach((k, v) -> headers.put(k, v.get(0)));
            String keyId = SignatureVerifier.verify(
                    new VerifiableRequest("GET", wallet.base() + r.rawTarget(), headers, null),
                    Jwks.of(keys.publicJwk())::find);
            assertEquals("shop-key", keyId);
            assertEquals(
                    "sig1=(\"@method\" \"@target-uri\" \"authorization\");keyid=\"shop-key\";created=1700000000",
                    r.header("Signature-Input"));
        }
    }

    @Test
    void refusesASignerWithoutAClientWalletAddress() {
        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class,
                () -> OpenPaymentsClient.builder()
                        .signingKey(Ed25519Keys.generate("k").signingKey())
                        .build());

        assertEquals("walletAddressUrl", e.field());
    }

    @Test
    void acceptsThePaymentPointerOfTheClient() {
        try (OpenPaymentsClient client = OpenPaymentsClient.builder()
                .walletAddressUrl("$wallet.example/shop")
                .build()) {
            assertEquals("https://wallet.example/shop", client.walletAddressUrl());
        }
    }
}

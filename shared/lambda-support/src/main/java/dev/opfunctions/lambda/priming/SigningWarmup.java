package dev.opfunctions.lambda.priming;

import dev.opfunctions.client.OpenPaymentsClient;
import dev.opfunctions.client.http.ClientConfig;
import dev.opfunctions.client.keys.Ed25519Keys;
import dev.opfunctions.client.keys.SigningKey;
import dev.opfunctions.client.signature.HttpSignatureSigner;
import java.nio.charset.StandardCharsets;

/**
 * Ed25519 HTTP message signatures with a key generated for the purpose and thrown away: PEM
 * parsing, the signature base, content digests and the signature itself, plus building the Open
 * Payments client. Nothing is sent.
 */
final class SigningWarmup implements Runnable {

    @Override
    public void run() {
        var throwaway = Ed25519Keys.generate("priming");
        sign(Ed25519Keys.fromPem("priming", throwaway.privateKeyPem()));
    }

    static void sign(SigningKey key) {
        HttpSignatureSigner signer = new HttpSignatureSigner(key);
        byte[] body = PrimingSamples.order().getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 3; i++) {
            signer.sign("POST", PrimingSamples.WALLET + "/incoming-payments", "GNAP not-a-token", body);
            signer.sign("GET", PrimingSamples.WALLET + "/outgoing-payments/priming", "GNAP not-a-token", null);
            signer.sign("POST", PrimingSamples.AUTH + "/", null, body);
        }
        OpenPaymentsClient client = OpenPaymentsClient.builder()
                .walletAddressUrl(PrimingSamples.WALLET + "/client")
                .requestSigner(signer)
                .config(ClientConfig.defaults())
                .build();
        client.close();
    }
}

package dev.opfunctions.client.testing;

import dev.opfunctions.client.keys.Ed25519Keys;
import dev.opfunctions.client.keys.GeneratedKeyPair;
import dev.opfunctions.client.keys.Jwks;
import dev.opfunctions.client.signature.HttpSignatureSigner;
import dev.opfunctions.client.signature.RequestSigner;
import dev.opfunctions.client.signature.SignatureVerificationException;
import dev.opfunctions.client.signature.SignatureVerifier;
import dev.opfunctions.client.signature.VerifiableRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real {@link HttpSignatureSigner} with a fresh Ed25519 key, remembering every URL it signed; and
 * {@link #verify} checks a request as the fake server received it with the real {@link SignatureVerifier},
 * so a test proves the client sent exactly the method, URL, headers and bytes it signed.
 */
public final class RecordingSigner implements RequestSigner {

    private final GeneratedKeyPair keys = Ed25519Keys.generate("test-key-1");
    private final HttpSignatureSigner signer = new HttpSignatureSigner(keys.signingKey());
    private final List<String> signedUris = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> sign(String method, String targetUri, String authorization, byte[] body) {
        signedUris.add(targetUri);
        return signer.sign(method, targetUri, authorization, body);
    }

    public List<String> signedUris() {
        return List.copyOf(signedUris);
    }

    public Jwks jwks() {
        return Jwks.of(keys.publicJwk());
    }

    /** {@code null} when the received request carries a valid signature by this key, else what failed. */
    public String verify(FakeServer.Recorded r, String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        r.headers().forEach((name, values) -> headers.put(name, values.get(0)));
        VerifiableRequest request = new VerifiableRequest(
                r.method(), origin + r.rawTarget(), headers, r.body().length == 0 ? null : r.body());
        try {
            String keyId = SignatureVerifier.verify(request, jwks()::find);
            return keyId.equals(keys.signingKey().keyId()) ? null : "signed by unexpected key " + keyId;
        } catch (SignatureVerificationException e) {
            return e.reason() + ": " + e.getMessage();
        }
    }
}

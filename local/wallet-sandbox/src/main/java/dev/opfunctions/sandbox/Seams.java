package dev.opfunctions.sandbox;

import dev.opfunctions.sandbox.http.OpenApiRequestValidator;
import dev.opfunctions.sandbox.http.RequestValidator;
import dev.opfunctions.sandbox.http.SignatureVerification;

/** Builds the signature verifier and the OpenAPI validator the sandbox uses by default. */
final class Seams {

    private Seams() {}

    static SignatureVerification signatureVerification() {
        return new SignatureVerification() {
            @Override
            public java.util.Optional<String> keyId(dev.opfunctions.sandbox.http.HttpCall call) {
                throw new UnsupportedOperationException("signature verification is not wired yet");
            }

            @Override
            public boolean headersValid(dev.opfunctions.sandbox.http.HttpCall call) {
                throw new UnsupportedOperationException("signature verification is not wired yet");
            }

            @Override
            public boolean verify(dev.opfunctions.sandbox.http.HttpCall call, dev.opfunctions.sandbox.wallet.ClientJwk key) {
                throw new UnsupportedOperationException("signature verification is not wired yet");
            }
        };
    }

    /** The official specs, from {@link SandboxConfig#specsDirectory()} or the usual places. */
    static RequestValidator requestValidator(SandboxConfig config) {
        return OpenApiRequestValidator.load(config.specsDirectory());
    }
}

package dev.opfunctions.sandbox;

import dev.opfunctions.sandbox.http.RequestValidator;
import dev.opfunctions.sandbox.http.SignatureVerification;

/** Builds the signature verifier and the OpenAPI validator the sandbox uses by default. */
final class Seams {

    private Seams() {}

    static SignatureVerification signatureVerification() {
        throw new UnsupportedOperationException("signature verification is wired in once the client library's verifier is merged");
    }

    static RequestValidator requestValidator(SandboxConfig config) {
        throw new UnsupportedOperationException("request validation is wired in once the OpenAPI validator is merged");
    }
}

package dev.opfunctions.sandbox;

import dev.opfunctions.sandbox.http.LibrarySignatureVerification;
import dev.opfunctions.sandbox.http.OpenApiRequestValidator;
import dev.opfunctions.sandbox.http.RequestValidator;
import dev.opfunctions.sandbox.http.SignatureVerification;

/** Builds the signature verifier and the OpenAPI validator the sandbox uses by default. */
final class Seams {

    private Seams() {}

    /** The client library's verifier, as every request to the sandbox is checked with, under the configured digest rule. */
    static SignatureVerification signatureVerification(SandboxConfig config) {
        return new LibrarySignatureVerification(config.bodyDigest());
    }

    /** The official specs, from {@link SandboxConfig#specsDirectory()} or the usual places. */
    static RequestValidator requestValidator(SandboxConfig config) {
        return OpenApiRequestValidator.load(config.specsDirectory());
    }
}

package dev.opfunctions.checkout.model;

import dev.opfunctions.checkout.FailureCode;

/**
 * Why a checkout or leg failed: a stable machine code (a {@link FailureCode} name; a string so that
 * stored records stay readable whatever the enum becomes) and a sentence a person can act on.
 */
public record Failure(String code, String message) {

    public Failure(FailureCode code, String message) {
        this(code.name(), message);
    }

    public Failure {
        if (code == null || code.isBlank()) throw new IllegalArgumentException("failure code required");
        if (message == null) message = "";
    }
}

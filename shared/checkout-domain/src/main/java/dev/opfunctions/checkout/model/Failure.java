package dev.opfunctions.checkout.model;

/** Why a checkout or leg failed: a stable machine code and a sentence a person can act on. */
public record Failure(String code, String message) {
    public Failure {
        if (code == null || code.isBlank()) throw new IllegalArgumentException("failure code required");
        if (message == null) message = "";
    }
}
